#include "core/thread_guard.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace kaiku::core {

namespace {
std::atomic<std::thread::id> forbidden{};
}

void forbid_blocking_io_on_this_thread() { forbidden = std::this_thread::get_id(); }

void check_blocking_io_allowed(const char* what) {
    if (forbidden.load(std::memory_order_relaxed) == std::this_thread::get_id()) {
        std::fprintf(stderr, "kaiku: BUG: %s ran on the UI thread\n", what);
        std::abort();
    }
}

}  // namespace kaiku::core
