// Connection handling of kaiku-server: every connection is read under deadlines, bounded in number overall and
// per address, and served by a worker of its own; database sessions are a separate, smaller pool leased per request.
// A slow or hostile peer therefore holds one connection slot, never a database session or the whole server.
#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace kaiku::server {

struct ConnectionLimits {
    int max_connections = 256;           // served at once; more wait in the kernel's backlog
    int max_per_address = 64;            // from one peer address; more are answered 503 at once
    std::chrono::milliseconds idle{5000};             // a kept-alive connection waiting for its next request
    std::chrono::milliseconds headers{10000};         // from a request's first byte to the end of its headers
    std::chrono::milliseconds body_grace{10000};      // the body may then take this long ...
    int body_min_bytes_per_s = 8192;                  // ... plus one second per this many bytes received
    std::chrono::milliseconds write{30000};           // one write to the peer (a reader that stops reading)
    std::chrono::milliseconds tls_handshake{10000};
    int keep_alive_max = 100;  // requests on one connection
};

// An HTTP (no certificate) or HTTPS server whose connections are served as above.
std::unique_ptr<httplib::Server> make_guarded_server(const ConnectionLimits& limits, const std::string& tls_cert,
                                                      const std::string& tls_key);

// The library listens with a backlog of 5, so a burst of clients would wait for SYN retries (a second or more):
// call after binding.
void widen_listen_backlog(int backlog = 1024);

// Counters for the health answer and tests.
struct ConnectionStats {
    long long open = 0, refused_per_address = 0, timed_out = 0;
};
ConnectionStats connection_stats();

}  // namespace kaiku::server
