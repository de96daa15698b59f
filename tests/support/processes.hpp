// Starts the real kaiku-server binary on an ephemeral loopback port for a test, and stops it after.
#pragma once

#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"

extern char** environ;

namespace kaiku::test {

inline pid_t spawn(const std::vector<std::string>& argv, const std::string& stderr_file = {}) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (!stderr_file.empty())
        posix_spawn_file_actions_addopen(&fa, 2, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    return pid;
}

// In the sanitizer trees a program a test started reports what it found on stderr, often only at exit (leaks,
// data races), where no exit status a test looks at shows it: any such report fails the running test.
inline void check_no_sanitizer_report(const std::string& text, const std::string& program) {
    for (const char* marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "WARNING: ThreadSanitizer",
                               "runtime error:"}) {
        const auto at = text.find(marker);
        if (at == std::string::npos) continue;
        FAIL_CHECK(program << " wrote a sanitizer report:\n" << text.substr(at > 200 ? at - 200 : 0, 6000));
        return;
    }
}

inline std::string file_text(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs a command to completion; returns its exit status and captured stdout/stderr.
struct RunResult {
    int status = -1;
    std::string out, err;
};
inline RunResult run(const std::vector<std::string>& argv, const TempDir& dir) {
    const std::string out = dir.file("run.out"), err = dir.file("run.err");
    std::string cmd;
    for (const auto& a : argv) cmd += "'" + a + "' ";
    cmd += "> '" + out + "' 2> '" + err + "' < /dev/null";
    RunResult r;
    const int rc = std::system(cmd.c_str());
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = file_text(out);
    r.err = file_text(err);
    check_no_sanitizer_report(r.err, argv.front());
    return r;
}

class ServerProcess {
public:
    // Starts kaiku-server on 127.0.0.1 with an ephemeral port and waits until it accepts connections.
    ServerProcess(const TempDir& dir, const std::string& database, const std::vector<std::string>& extra = {}) {
        const std::string port_file = dir.file("server.port");
        std::filesystem::remove(port_file);
        log_ = dir.file("server.log");
        std::vector<std::string> argv = {KAIKU_SERVER_BIN, "--database", database, "--listen", "127.0.0.1:0",
                                         "--port-file", port_file, "--threads", "4"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        pid_ = spawn(argv, log_);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        while (std::chrono::steady_clock::now() < deadline) {
            std::ifstream in(port_file);
            if (in >> port_) return;
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = 0;
                throw std::runtime_error("kaiku-server exited during start-up; see " + log_);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        stop();
        throw std::runtime_error("kaiku-server did not start within 120 s");
    }
    ~ServerProcess() { stop(); }
    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    // Graceful stop (SIGTERM); returns the exit status.
    int stop() {
        if (pid_ <= 0) return exit_status_;
        kill(pid_, SIGTERM);
        int status = 0;
        // A server that does not stop is a failure of its own, not a test that runs into its timeout.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (waitpid(pid_, &status, WNOHANG) != pid_) {
            if (std::chrono::steady_clock::now() > deadline) {
                FAIL_CHECK("kaiku-server did not stop within 60 s of SIGTERM; killed");
                kill(pid_, SIGKILL);
                waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        pid_ = 0;
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        check_no_sanitizer_report(file_text(log_), "kaiku-server");
        return exit_status_;
    }
    const std::string& log() const { return log_; }

private:
    pid_t pid_ = 0;
    int port_ = 0;
    int exit_status_ = -1;
    std::string log_;
};

}  // namespace kaiku::test
