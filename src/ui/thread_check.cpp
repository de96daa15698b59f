#include "ui/thread_check.hpp"

#include <cstdio>
#include <cstdlib>

#include <wx/thread.h>

namespace kaiku::ui {

void assert_not_ui_thread(const char* where) {
    if (wxIsMainThread()) {
        std::fprintf(stderr, "kaiku-admin: BUG: %s ran on the UI thread\n", where);
        std::abort();
    }
}

void assert_ui_thread(const char* where) {
    if (!wxIsMainThread()) {
        std::fprintf(stderr, "kaiku-admin: BUG: %s ran outside the UI thread\n", where);
        std::abort();
    }
}

}  // namespace kaiku::ui
