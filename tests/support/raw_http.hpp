// Plain sockets for tests that must behave as no HTTP library would: a chosen source address on loopback
// (127.0.0.2 counts as another peer), requests sent in pieces or never finished.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <string>

namespace kaiku::test {

// A connected socket from `source` (e.g. "127.0.0.2") to 127.0.0.1:port; closed on destruction.
class RawConnection {
public:
    RawConnection(const std::string& source, int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket() failed");
        sockaddr_in from{};
        from.sin_family = AF_INET;
        ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0)
            throw std::runtime_error("cannot bind to " + source);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<uint16_t>(port));
        ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0)
            throw std::runtime_error("cannot connect to port " + std::to_string(port));
    }
    ~RawConnection() {
        if (fd_ >= 0) ::close(fd_);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool send(const std::string& bytes) {
        std::size_t done = 0;
        while (done < bytes.size()) {
            const auto n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
            if (n <= 0) return false;
            done += static_cast<std::size_t>(n);
        }
        return true;
    }
    // Everything the peer sends until it closes or `timeout` passes.
    std::string read_all(std::chrono::milliseconds timeout) {
        std::string out;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        char buf[8192];
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) break;
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            const auto n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) break;
            out.append(buf, static_cast<std::size_t>(n));
        }
        return out;
    }
    // True when the peer closes the connection within `timeout` (whatever it sends before).
    bool closed_by_peer(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        char buf[4096];
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return false;
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
            if (::recv(fd_, buf, sizeof buf, 0) <= 0) return true;
        }
    }

    // Without waiting: true when the peer has closed (what it sent before is read and dropped).
    bool peer_closed_now() {
        char buf[4096];
        for (;;) {
            const auto n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
            if (n == 0) return true;
            if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
        }
    }

private:
    int fd_ = -1;
};

// The status code of a raw HTTP answer ("HTTP/1.1 429 ..."), or 0.
inline int raw_status(const std::string& answer) {
    if (answer.size() < 12 || answer.compare(0, 5, "HTTP/") != 0) return 0;
    return std::atoi(answer.c_str() + 9);
}

// One whole request from `source`, answered and closed.
inline std::string raw_post(const std::string& source, int port, const std::string& path, const std::string& body,
                            const std::string& extra_headers = {}) {
    RawConnection c(source, port);
    c.send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n" +
           extra_headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    return c.read_all(std::chrono::seconds(30));
}

}  // namespace kaiku::test
