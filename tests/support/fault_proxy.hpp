// A proxy between a client and the real server on loopback that injects network faults on demand:
// lost replies after the server committed, truncated or corrupt bodies, blocked directions, duplicated
// requests. Faults are decided per request by a function the test sets.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace kaiku::test {

enum class Fault {
    none,
    fail_before,      // answer 503 without forwarding (nothing reaches the server)
    lose_reply,       // forward, then answer 502: the server committed but the client never hears
    truncate_reply,   // forward, then send only the first half of the body with status 200
    corrupt_reply,    // forward, then send a body that is not JSON with status 200
    nest_reply,       // forward, then send 150,000 nested objects (about 1 MB of valid JSON) with status 200
    duplicate,        // forward twice at the same time; the client gets the first answer
};

class FaultProxy {
public:
    using Rule = std::function<Fault(const httplib::Request&)>;

    explicit FaultProxy(int upstream_port) : upstream_port_(upstream_port) {
        auto forward = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
        server_.Get(".*", forward);
        server_.Post(".*", forward);
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~FaultProxy() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void set_rule(Rule r) {
        std::lock_guard lock(m_);
        rule_ = std::move(r);
    }
    int requests() const { return requests_; }

private:
    httplib::Result send(const httplib::Request& req) {
        httplib::Client c("127.0.0.1", upstream_port_);
        c.set_read_timeout(60, 0);
        httplib::Headers h;
        for (const auto& [k, v] : req.headers)
            if (k == "Authorization" || k == "Content-Type") h.emplace(k, v);
        const std::string target = req.target.empty() ? req.path : req.target;
        if (req.method == "POST")
            return c.Post(target, h, req.body, req.get_header_value("Content-Type"));
        return c.Get(target, h);
    }

    void handle(const httplib::Request& req, httplib::Response& res) {
        ++requests_;
        Fault f = Fault::none;
        {
            std::lock_guard lock(m_);
            if (rule_) f = rule_(req);
        }
        if (f == Fault::fail_before) {
            res.status = 503;
            res.set_content(R"({"type":"/problems/service-unavailable","title":"proxy fault","status":503})",
                            "application/problem+json");
            return;
        }
        httplib::Result r(nullptr, httplib::Error::Unknown);
        if (f == Fault::duplicate) {
            httplib::Result second(nullptr, httplib::Error::Unknown);
            std::thread twin([&] { second = send(req); });
            r = send(req);
            twin.join();
        } else {
            r = send(req);
        }
        if (!r) {
            res.status = 502;
            return;
        }
        switch (f) {
            case Fault::lose_reply:
                res.status = 502;
                res.set_content("lost", "text/plain");
                return;
            case Fault::truncate_reply:
                res.status = 200;
                res.set_content(r->body.substr(0, r->body.size() / 2), "application/json");
                return;
            case Fault::corrupt_reply:
                res.status = 200;
                res.set_content("{\"changes\": [ this is not json", "application/json");
                return;
            case Fault::nest_reply: {
                std::string deep;
                for (int i = 0; i < 150000; ++i) deep += "{\"a\":";
                deep += "1" + std::string(150000, '}');
                res.status = 200;
                res.set_content(deep, "application/json");
                return;
            }
            default:
                res.status = r->status;
                res.set_content(r->body, r->get_header_value("Content-Type"));
        }
    }

    int upstream_port_;
    int port_ = 0;
    httplib::Server server_;
    std::thread thread_;
    std::mutex m_;
    Rule rule_;
    std::atomic<int> requests_{0};
};

}  // namespace kaiku::test
