// Addresses and configuration. First byte chooses:
//   0: a server address: net::check_server_url and net::url_host;
//   1: the client's configuration file (kaiku-admin.conf, read by wxFileConfig like the GUI does at start): the
//      server address, login and language it keeps;
//   2: kaiku-server's command line (split on NUL or newline): server::parse_options, and the seed scale.
#include <wx/fileconf.h>
#include <wx/init.h>
#include <wx/sstream.h>

#include "fuzz_support.hpp"
#include "i18n/catalog.hpp"
#include "net/http.hpp"
#include "options.hpp"

using namespace kaiku;

namespace {

void check_url(const std::string& url) {
    const auto verdict = net::check_server_url(url);
    const auto host = net::url_host(url);
    // An address accepted for plain http:// has a host.
    if (verdict == net::ServerUrlCheck::ok && host.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static wxInitializer wx;
    if (size < 1) return 0;
    const std::string text(fuzz::as_text(data + 1, size - 1));
    switch (data[0] % 3) {
        case 0: check_url(text); break;
        case 1: {
            wxStringInputStream in(wxString::FromUTF8(text.data(), text.size()));
            wxFileConfig config(in);
            const wxString server = config.Read("/session/server", "http://127.0.0.1:8080");
            const wxString login = config.Read("/session/login", wxString());
            const wxString lang = config.Read("/ui/language", wxString());
            check_url(server.utf8_string());
            (void)login.utf8_string();
            (void)i18n::is_supported_language(lang.utf8_string());
            break;
        }
        default: {
            const auto args = fuzz::split_args(text);
            const auto parsed = server::parse_options(args);
            if (!parsed.options && parsed.error.empty()) std::abort();
            // main() relies on an accepted seed having a scale.
            if (parsed.options && !parsed.options->seed.empty() && !server::parse_seed_scale(parsed.options->seed))
                std::abort();
            (void)server::parse_seed_scale(text);
            break;
        }
    }
    return 0;
}
