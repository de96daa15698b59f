// On a fatal signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) writes the program's name, the signal and a
// backtrace to standard error, then lets the signal end the process as it would have (core dump included).
// The log of a crashed window then says where it crashed; nothing of the user's data is written.
#pragma once

namespace kaiku::core {

// Call once, early in main or OnInit. `program` must stay valid for the life of the process.
void install_crash_report(const char* program);

}  // namespace kaiku::core
