#include "connections.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "routes.hpp"

namespace kaiku::server {

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<long long> g_open{0}, g_refused{0}, g_timed_out{0};
std::atomic<int> g_listen_fd{-1};

// Workers are started on demand up to `max`; each serves one connection at a time. When all are busy the accept
// loop waits here, so connections beyond the bound stay in the kernel's backlog.
class WorkerPool : public httplib::TaskQueue {
public:
    explicit WorkerPool(int max) : max_(max) {}
    ~WorkerPool() override { shutdown(); }

    void enqueue(std::function<void()> fn) override {
        std::unique_lock lock(m_);
        space_.wait(lock, [&] { return stop_ || jobs_.size() < static_cast<std::size_t>(idle_) || workers_.size() < max_; });
        if (stop_) return;
        jobs_.push_back(std::move(fn));
        if (idle_ >= static_cast<int>(jobs_.size())) {
            work_.notify_one();
        } else {
            workers_.emplace_back([this] { run(); });
        }
    }

    void shutdown() override {
        {
            std::lock_guard lock(m_);
            if (stop_ && workers_.empty()) return;
            stop_ = true;
        }
        work_.notify_all();
        space_.notify_all();
        for (auto& t : workers_) t.join();
        workers_.clear();
    }

private:
    void run() {
        for (;;) {
            std::function<void()> fn;
            {
                std::unique_lock lock(m_);
                ++idle_;
                work_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
                --idle_;
                if (jobs_.empty()) return;  // stopping, nothing left
                fn = std::move(jobs_.front());
                jobs_.pop_front();
            }
            fn();
            space_.notify_one();
        }
    }

    std::size_t max_;
    std::mutex m_;
    std::condition_variable work_, space_;
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> workers_;
    int idle_ = 0;
    bool stop_ = false;
};

// Open connections per peer address.
class AddressCounts {
public:
    bool admit(const std::string& address, int max) {
        std::lock_guard lock(m_);
        int& n = counts_[address];
        if (n >= max) {
            if (n == 0) counts_.erase(address);
            return false;
        }
        ++n;
        return true;
    }
    void leave(const std::string& address) {
        std::lock_guard lock(m_);
        if (--counts_[address] <= 0) counts_.erase(address);
    }

private:
    std::mutex m_;
    std::map<std::string, int> counts_;
};

AddressCounts& address_counts() {
    static AddressCounts a;
    return a;
}

std::string peer_address(int fd, int* port = nullptr) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return {};
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
        const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
        inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
        if (port) *port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
        inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
        if (port) *port = ntohs(a->sin6_port);
    }
    return text;
}

int remaining_ms(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

bool wait_fd(int fd, short events, Clock::time_point deadline) {
    for (;;) {
        pollfd p{fd, events, 0};
        const int r = poll(&p, 1, remaining_ms(deadline));
        if (r > 0) return true;
        if (r == 0) return false;
        if (errno != EINTR) return false;
    }
}

// A connection's byte stream (plain or TLS) whose reads wait only until the current request's deadline: the
// headers must arrive within `headers`, the body at a minimum average rate after a grace period.
class GuardedStream : public httplib::Stream {
public:
    GuardedStream(int fd, SSL* ssl, const ConnectionLimits& l) : fd_(fd), ssl_(ssl), l_(l) {}

    // Waits for the first byte of the next request (at most the idle time); false when the peer is gone or idle.
    bool next_request() {
        if (begin_ == end_ && !(ssl_ && SSL_pending(ssl_) > 0)) {
            if (!wait_fd(fd_, POLLIN, Clock::now() + l_.idle)) return false;
            if (fill(Clock::now() + l_.idle) <= 0) return false;
        }
        start_ = Clock::now();
        in_headers_ = true;
        tail_ = 0;
        body_bytes_ = 0;
        return true;
    }
    bool timed_out() const { return timed_out_; }

    bool is_readable() const override { return begin_ < end_ || (ssl_ && SSL_pending(ssl_) > 0) || wait_fd(fd_, POLLIN, deadline()); }
    bool is_writable() const override { return wait_fd(fd_, POLLOUT, Clock::now() + l_.write); }

    ssize_t read(char* ptr, size_t size) override {
        if (begin_ == end_ && fill(deadline()) <= 0) return -1;
        const size_t n = std::min(size, end_ - begin_);
        std::memcpy(ptr, buf_ + begin_, n);
        begin_ += n;
        account(ptr, n);
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        size_t done = 0;
        while (done < size) {
            const auto deadline = Clock::now() + l_.write;
            ssize_t n;
            if (ssl_) {
                n = SSL_write(ssl_, ptr + done, static_cast<int>(std::min<size_t>(size - done, 1 << 30)));
                if (n <= 0) {
                    const int e = SSL_get_error(ssl_, static_cast<int>(n));
                    const short ev = e == SSL_ERROR_WANT_READ ? POLLIN : e == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
                    if (!ev || !wait_fd(fd_, ev, deadline)) return -1;
                    continue;
                }
            } else {
                n = ::send(fd_, ptr + done, size - done, MSG_NOSIGNAL);
                if (n < 0) {
                    if (errno == EINTR) continue;
                    if ((errno != EAGAIN && errno != EWOULDBLOCK) || !wait_fd(fd_, POLLOUT, deadline)) return -1;
                    continue;
                }
            }
            done += static_cast<size_t>(n);
        }
        return static_cast<ssize_t>(size);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override { ip = peer_address(fd_, &port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage addr{};
        socklen_t len = sizeof addr;
        ip.clear();
        port = 0;
        if (getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
        char text[INET6_ADDRSTRLEN] = {};
        if (addr.ss_family == AF_INET) {
            const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
            inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
            port = ntohs(a->sin_port);
        } else if (addr.ss_family == AF_INET6) {
            const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
            inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
            port = ntohs(a->sin6_port);
        }
        ip = text;
    }
    socket_t socket() const override { return fd_; }

private:
    Clock::time_point deadline() const {
        if (in_headers_) return start_ + l_.headers;
        const auto per_byte = std::chrono::milliseconds(body_bytes_ * 1000 / std::max(1, l_.body_min_bytes_per_s));
        return body_start_ + l_.body_grace + per_byte;
    }

    // Follows the bytes handed to the parser: the end of the headers starts the body's clock.
    void account(const char* p, size_t n) {
        if (!in_headers_) {
            body_bytes_ += static_cast<long long>(n);
            return;
        }
        for (size_t i = 0; i < n; ++i) {
            const char c = p[i];
            tail_ = (c == '\r') ? (tail_ == 2 ? 3 : 1) : (c == '\n' && (tail_ == 1 || tail_ == 3)) ? tail_ + 1 : 0;
            if (tail_ == 4) {
                in_headers_ = false;
                body_start_ = Clock::now();
                body_bytes_ = static_cast<long long>(n - i - 1);
                return;
            }
        }
    }

    // Reads what is available into the buffer, waiting until `deadline`; 0 at end of stream, -1 on timeout/error.
    ssize_t fill(Clock::time_point deadline) {
        begin_ = end_ = 0;
        for (;;) {
            ssize_t n;
            if (ssl_) {
                n = SSL_read(ssl_, buf_, sizeof buf_);
                if (n <= 0) {
                    const int e = SSL_get_error(ssl_, static_cast<int>(n));
                    if (e == SSL_ERROR_ZERO_RETURN) return 0;
                    const short ev = e == SSL_ERROR_WANT_READ ? POLLIN : e == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
                    if (!ev) return -1;
                    if (!wait_fd(fd_, ev, deadline)) return timeout();
                    continue;
                }
            } else {
                n = ::recv(fd_, buf_, sizeof buf_, 0);
                if (n < 0) {
                    if (errno == EINTR) continue;
                    if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
                    if (!wait_fd(fd_, POLLIN, deadline)) return timeout();
                    continue;
                }
                if (n == 0) return 0;
            }
            end_ = static_cast<size_t>(n);
            return n;
        }
    }
    ssize_t timeout() {
        timed_out_ = true;
        ++g_timed_out;
        return -1;
    }

    int fd_;
    SSL* ssl_;
    const ConnectionLimits& l_;
    char buf_[16384];
    size_t begin_ = 0, end_ = 0;
    Clock::time_point start_{}, body_start_{};
    bool in_headers_ = true, timed_out_ = false;
    int tail_ = 0;  // progress through "\r\n\r\n"
    long long body_bytes_ = 0;
};

// A request read from memory, its answer discarded.
class MemoryStream : public httplib::Stream {
public:
    explicit MemoryStream(std::string in) : in_(std::move(in)) {}
    bool is_readable() const override { return at_ < in_.size(); }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        const size_t n = std::min(size, in_.size() - at_);
        std::memcpy(ptr, in_.data() + at_, n);
        at_ += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char*, size_t size) override { return static_cast<ssize_t>(size); }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { ip = "127.0.0.1", port = 0; }
    void get_local_ip_and_port(std::string& ip, int& port) const override { ip = "127.0.0.1", port = 0; }
    socket_t socket() const override { return INVALID_SOCKET; }

private:
    std::string in_;
    size_t at_ = 0;
};

void refuse_busy(int fd) {
    static const std::string answer = [] {
        const std::string body = R"({"type":"/problems/too-many-connections","title":"Too many connections from )"
                                 R"(your address","status":503,"detail":"Try again in a moment."})";
        return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 5\r\n"
               "Connection: close\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
    }();
    [[maybe_unused]] const auto n = ::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

bool tls_handshake(SSL* ssl, int fd, Clock::time_point deadline) {
    for (;;) {
        const int r = SSL_accept(ssl);
        if (r == 1) return true;
        const int e = SSL_get_error(ssl, r);
        const short ev = e == SSL_ERROR_WANT_READ ? POLLIN : e == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
        if (!ev || !wait_fd(fd, ev, deadline)) return false;
    }
}

// Serves one accepted socket with the limits; `ctx` is null for plain HTTP.
template <class Base>
class GuardedServer : public Base {
public:
    template <class... A>
    explicit GuardedServer(const ConnectionLimits& l, A&&... a) : Base(std::forward<A>(a)...), l_(l) {
        this->new_task_queue = [this] { return new WorkerPool(static_cast<size_t>(l_.max_connections)); };
        // The library builds some tables on first use in function-local statics (the known methods, the Range
        // header's patterns). Serve one request before any route or worker exists, so they are built on this
        // thread and every worker, started later, sees them complete. ThreadSanitizer cannot see the library's
        // own guard (it is not instrumented) and would otherwise report each first use as a race.
        MemoryStream warm_up("GET / HTTP/1.1\r\nHost: localhost\r\nRange: bytes=0-1\r\n\r\n");
        bool closed = false;
        this->process_request(warm_up, true, closed, [](httplib::Request&) {});
    }

private:
    bool process_and_close_socket(socket_t sock) override {
        const std::string address = peer_address(sock);
        if (!address_counts().admit(address, l_.max_per_address)) {
            ++g_refused;
            refuse_busy(sock);
            ::shutdown(sock, SHUT_RDWR);
            ::close(sock);
            return true;
        }
        ++g_open;
        serve(sock);
        --g_open;
        address_counts().leave(address);
        ::shutdown(sock, SHUT_RDWR);
        ::close(sock);
        return true;
    }

    void serve(int fd) {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        SSL* ssl = nullptr;
        if constexpr (std::is_same_v<Base, httplib::SSLServer>) {
            ssl = SSL_new(this->ssl_context());
            if (!ssl) return;
            SSL_set_fd(ssl, fd);
            if (!tls_handshake(ssl, fd, Clock::now() + l_.tls_handshake)) {
                SSL_free(ssl);
                return;
            }
        }
        {
            GuardedStream strm(fd, ssl, l_);
            for (int n = 0; n < l_.keep_alive_max && this->is_running(); ++n) {
                if (!strm.next_request()) break;
                const bool last = n + 1 == l_.keep_alive_max;
                bool closed = false;
                const bool ok = this->process_request(strm, last, closed, [](httplib::Request&) {});
                release_thread_db();
                if (!ok || closed || last || strm.timed_out()) break;
            }
        }
        if (ssl) {
            SSL_shutdown(ssl);
            SSL_free(ssl);
        }
    }

    ConnectionLimits l_;
};

}  // namespace

std::unique_ptr<httplib::Server> make_guarded_server(const ConnectionLimits& limits, const std::string& tls_cert,
                                                      const std::string& tls_key) {
    std::unique_ptr<httplib::Server> s;
    if (tls_cert.empty()) {
        s = std::make_unique<GuardedServer<httplib::Server>>(limits);
    } else {
        auto tls = std::make_unique<GuardedServer<httplib::SSLServer>>(limits, tls_cert.c_str(), tls_key.c_str());
        if (!tls->is_valid())
            throw std::runtime_error("Cannot use the TLS certificate " + tls_cert + " with the key " + tls_key +
                                     " (unreadable, not PEM, or they do not match)");
        s = std::move(tls);
    }
    // SO_REUSEADDR only (the library's default adds SO_REUSEPORT, which would let another process share the port).
    // The socket is remembered so the backlog can be widened once it listens.
    s->set_socket_options([](socket_t sock) {
        const int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        g_listen_fd = sock;
    });
    // The database session goes back to the pool as soon as the handler has answered, before the answer is written.
    s->set_post_routing_handler([](const httplib::Request&, httplib::Response&) { release_thread_db(); });
    return s;
}

void widen_listen_backlog(int backlog) {
    // Linux lets a listening socket be listened on again to change its backlog.
    if (const int fd = g_listen_fd.load(); fd >= 0) ::listen(fd, backlog);
}

ConnectionStats connection_stats() { return {g_open.load(), g_refused.load(), g_timed_out.load()}; }

}  // namespace kaiku::server
