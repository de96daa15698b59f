// The HTTP server: routes -> store, one database session per worker thread.
#pragma once

#include <memory>
#include <string>

#include "options.hpp"

namespace httplib {
class Server;
}

namespace kaiku::server {

class Server {
public:
    explicit Server(Options options);
    ~Server();
    // Binds the listening socket; returns false with a message on failure. After this, port() is known.
    bool bind(std::string& error);
    int port() const { return port_; }
    // Serves until stop() is called (from any thread); in-flight requests are finished first.
    void run();
    void stop();

private:
    void install_routes();
    Options options_;
    std::unique_ptr<httplib::Server> http_;
    int port_ = 0;
};

}  // namespace kaiku::server
