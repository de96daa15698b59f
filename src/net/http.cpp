#include "net/http.hpp"

#include "core/thread_guard.hpp"

#include <curl/curl.h>

#include <mutex>

namespace kaiku::net {
namespace {

void global_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
    std::string* body;
    std::size_t limit;
    bool overflowed = false;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
    auto* sink = static_cast<Sink*>(user);
    if (sink->body->size() + size * n > sink->limit) {
        sink->overflowed = true;
        return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
    }
    sink->body->append(data, size * n);
    return size * n;
}

bool is_loopback(const std::string& host) {
    if (host == "localhost" || host == "localhost." || host == "::1") return true;
    // 127.0.0.0/8 written as a dotted quad
    if (host.rfind("127.", 0) != 0) return false;
    int dots = 0;
    for (char c : host) {
        if (c == '.') ++dots;
        else if (c < '0' || c > '9') return false;
    }
    return dots == 3;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* cancel = static_cast<const std::atomic<bool>*>(user);
    return cancel && cancel->load() ? 1 : 0;  // non-zero aborts the transfer
}

HttpResponse::Failure classify(CURLcode rc) {
    using F = HttpResponse::Failure;
    switch (rc) {
        case CURLE_OK: return F::none;
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL: return F::bad_url;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY: return F::cannot_resolve;
        case CURLE_COULDNT_CONNECT: return F::cannot_connect;
        case CURLE_OPERATION_TIMEDOUT: return F::timeout;
        case CURLE_SSL_CONNECT_ERROR: return F::tls;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE: return F::certificate;
        case CURLE_FILESIZE_EXCEEDED: return F::too_large;
        case CURLE_ABORTED_BY_CALLBACK: return F::cancelled;
        default: return F::other;
    }
}

}  // namespace

std::string url_host(const std::string& url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return {};
    std::string rest = url.substr(scheme_end + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        return close == std::string::npos ? std::string{} : rest.substr(1, close - 1);
    }
    rest = rest.substr(0, rest.find(':'));
    for (auto& c : rest)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return rest;
}

ServerUrlCheck check_server_url(const std::string& url) {
    const bool https = url.rfind("https://", 0) == 0, http = url.rfind("http://", 0) == 0;
    if (!https && !http) return ServerUrlCheck::bad_scheme;
    const std::string host = url_host(url);
    if (host.empty()) return ServerUrlCheck::no_host;
    if (http && !is_loopback(host)) return ServerUrlCheck::insecure_remote;
    return ServerUrlCheck::ok;
}

HttpClient::HttpClient(std::string base_url, HttpOptions options)
    : base_url_(std::move(base_url)), options_(options) {
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
    global_init_once();
}

HttpResponse HttpClient::get(const std::string& path) const { return perform("GET", path, nullptr); }

HttpResponse HttpClient::post_json(const std::string& path, const std::string& json) const {
    return perform("POST", path, &json);
}

HttpResponse HttpClient::perform(const std::string& method, const std::string& path, const std::string* body) const {
    core::check_blocking_io_allowed("an HTTP request");
    HttpResponse res;
    const std::string url = base_url_ + path;
    switch (check_server_url(base_url_)) {
        case ServerUrlCheck::ok: break;
        case ServerUrlCheck::insecure_remote:
            res.failure = HttpResponse::Failure::insecure_url;
            res.error = "Plain http:// would send the password and register data unencrypted; use https:// ('" +
                        base_url_ + "'; http:// is accepted only for a server on this computer)";
            return res;
        case ServerUrlCheck::bad_scheme:
        case ServerUrlCheck::no_host:
            res.failure = HttpResponse::Failure::bad_url;
            res.error = "The server address must be https://HOST (or http:// on this computer): '" + base_url_ + "'";
            return res;
    }
    CURL* curl = curl_easy_init();
    if (!curl) {
        res.failure = HttpResponse::Failure::other;
        res.error = "Could not start an HTTP request (libcurl initialisation failed)";
        return res;
    }
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Accept: application/json");
    if (!token_.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token_).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // gzip only: the server library compresses brotli at its slowest setting (seconds per megabyte).
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    Sink sink{&res.body, options_.max_response_bytes};
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_response_bytes));
    // Certificates are always checked: name and chain. There is deliberately no switch to turn this off.
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    // Redirects are not followed: a redirect could lead from https:// to http://.
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(options_.cancel));
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "kaiku-admin/0.1");
    if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
    if (body) {
        headers = curl_slist_append(headers, "Content-Type: application/json");
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
    } else if (method != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    const CURLcode rc = curl_easy_perform(curl);
    res.failure = sink.overflowed ? HttpResponse::Failure::too_large : classify(rc);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &res.status);
        const char* ct = nullptr;
        if (curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct) res.content_type = ct;
    } else {
        res.body.clear();
        res.error = res.failure == HttpResponse::Failure::too_large
                        ? "The answer is larger than " + std::to_string(options_.max_response_bytes >> 20) +
                              " MiB, more than any answer of the register (" + url + ")"
                        : std::string(errbuf[0] ? errbuf : curl_easy_strerror(rc)) + " (" + url + ")";
    }
    if (options_.on_response) {
        double seconds = 0;
        curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME, &seconds);
        options_.on_response(method, path, res.status, seconds);
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return res;
}

}  // namespace kaiku::net
