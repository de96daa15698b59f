// kaikuctl's command line: the input split into arguments on NUL or newline, run by cli::run as the program would.
// Everything stays in the target's temporary folder: it is the working directory and $HOME, arguments with a '/'
// (paths elsewhere, URLs) are skipped, and the server address is a closed loopback port. The demo generator only
// runs at its smallest scales, so that one input stays fast.
#include <sstream>
#include <unistd.h>

#include "cli/cli.hpp"
#include "fuzz_support.hpp"

using namespace kaiku;

namespace {

bool acceptable(const std::vector<std::string>& args) {
    bool demo = false, small = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i].find('/') != std::string::npos || args[i].size() > 200) return false;
        if (args[i] == "demo") demo = true;
        if (args[i] == "--scale" && i + 1 < args.size()) {
            char* end = nullptr;
            const double v = std::strtod(args[i + 1].c_str(), &end);
            if (!(v <= 0.005)) return false;
            small = true;
        }
    }
    return !demo || small;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const std::string dir = fuzz::temp_dir().string();
    if (chdir(dir.c_str()) != 0) std::abort();
    setenv("HOME", dir.c_str(), 1);
    setenv("XDG_DATA_HOME", (dir + "/data").c_str(), 1);
    setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
    setenv("KAIKU_SERVER", "http://127.0.0.1:9", 1);
    unsetenv("KAIKU_USER");
    unsetenv("KAIKU_PASSWORD");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 2000) return 0;
    const auto args = fuzz::split_args(fuzz::as_text(data, size));
    if (!acceptable(args)) return 0;
    std::ostringstream out, err;
    const int status = cli::run(args, out, err);
    if (status < 0 || status > 2) std::abort();  // the documented exit statuses
    return 0;
}
