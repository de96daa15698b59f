// A process-wide rule "no blocking I/O on this thread". The desktop client names its UI thread at start-up; the
// database and HTTP layers check every call against it and abort with the place when the rule is broken, so that a
// GUI test fails loudly instead of the window freezing for a user.
#pragma once

namespace kaiku::core {

// Marks the calling thread as one that must never wait on the database or the network.
void forbid_blocking_io_on_this_thread();

// Aborts with `what` when called on the forbidden thread. Cheap: one atomic load and a thread-id compare.
void check_blocking_io_allowed(const char* what);

}  // namespace kaiku::core
