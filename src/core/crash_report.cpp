#include "core/crash_report.hpp"

#include <execinfo.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <initializer_list>

namespace kaiku::core {

namespace {

const char* program_name = "kaiku";

void write_text(const char* text) {
    const size_t length = strlen(text);
    [[maybe_unused]] const ssize_t written = write(STDERR_FILENO, text, length);
}

void on_fatal_signal(int sig) {
    // Only async-signal-safe calls (backtrace() was called once at installation, so it allocates nothing now).
    write_text(program_name);
    write_text(": fatal signal ");
    const char* name = sigabbrev_np(sig);
    write_text(name != nullptr ? name : "?");
    write_text(", backtrace:\n");
    void* frames[64];
    const int count = backtrace(frames, 64);
    backtrace_symbols_fd(frames, count, STDERR_FILENO);
    // SA_RESETHAND restored the default action: the signal ends the process as it would have.
    raise(sig);
}

}  // namespace

void install_crash_report(const char* program) {
    program_name = program;
    void* warm_up[1];
    backtrace(warm_up, 1);  // loads libgcc now, not inside the handler
    struct sigaction action {};
    action.sa_handler = on_fatal_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    for (const int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &action, nullptr);
}

}  // namespace kaiku::core
