// A fatal signal writes the program's name, the signal and a backtrace to standard error, and still ends the
// process by that signal.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <algorithm>
#include <string>
#include <utility>

#include "core/crash_report.hpp"

namespace {

struct ChildOutcome {
    int signal = 0;
    std::string stderr_text;
};

ChildOutcome crash_child(int sig) {
    int pipe_fds[2];
    REQUIRE(pipe(pipe_fds) == 0);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(pipe_fds[1], STDERR_FILENO);
        close(pipe_fds[0]);
        kaiku::core::install_crash_report("crash-test");
        raise(sig);
        _exit(0);
    }
    close(pipe_fds[1]);
    ChildOutcome outcome;
    char buffer[4096];
    for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) outcome.stderr_text.append(buffer, n);
    close(pipe_fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    outcome.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    return outcome;
}

}  // namespace

TEST_CASE("a fatal signal is reported with a backtrace and still ends the process") {
    for (const auto& entry : {std::pair{SIGSEGV, "SEGV"}, std::pair{SIGABRT, "ABRT"}}) {
        const int sig = entry.first;  // plain variables: clang 14 cannot capture structured bindings
        const char* name = entry.second;
        CAPTURE(name);
        const auto outcome = crash_child(sig);
        CHECK(outcome.signal == sig);
        CHECK(outcome.stderr_text.find(std::string("crash-test: fatal signal ") + name + ", backtrace:\n") == 0);
        // At least the handler's own frame and the caller's.
        CHECK(std::count(outcome.stderr_text.begin(), outcome.stderr_text.end(), '\n') >= 3);
    }
}
