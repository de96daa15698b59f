// The UI thread's "no blocking I/O" rule: a database opened or an HTTP request made on the forbidden thread aborts
// the process loudly; other threads are unaffected.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <string>
#include <functional>
#include <thread>

#include "core/thread_guard.hpp"
#include "net/http.hpp"
#include "store/database.hpp"

namespace {

std::string scratch_file() { return "/tmp/kaiku-thread-guard-" + std::to_string(getpid()) + ".sqlite"; }

// Runs `fn` in a child process; returns the signal that ended it (0 when it exited normally).
int run_in_child(const std::function<void()>& fn) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        fn();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

}  // namespace

TEST_CASE("blocking I/O on the forbidden thread aborts") {
    CHECK(run_in_child([] {
              kaiku::core::forbid_blocking_io_on_this_thread();
              kaiku::store::Database db(scratch_file());
          }) == SIGABRT);
    CHECK(run_in_child([] {
              kaiku::core::forbid_blocking_io_on_this_thread();
              kaiku::net::HttpClient http("http://127.0.0.1:1");
              http.get("/v1/me");
          }) == SIGABRT);
}

TEST_CASE("blocking I/O on other threads is allowed") {
    CHECK(run_in_child([] {
              kaiku::core::forbid_blocking_io_on_this_thread();
              std::thread worker([] {
                  const std::string path = scratch_file();
                  {
                      kaiku::store::Database db(path);
                      db.sql() << "SELECT 1";
                  }
                  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
              });
              worker.join();
          }) == 0);
}
