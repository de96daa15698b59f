// A small libcurl HTTP client that never throws: every outcome is a status or a transport error.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>

namespace kaiku::net {

struct HttpResponse {
    long status = 0;          // HTTP status; 0 when the request never got an answer
    std::string body;
    std::string content_type;
    std::string error;        // transport error in English ("Could not connect to 127.0.0.1:1 ...")
    enum class Failure { none, bad_url, cannot_resolve, cannot_connect, timeout, tls, cancelled, other } failure =
        Failure::none;
    bool transport_ok() const { return failure == Failure::none; }
};

struct HttpOptions {
    long connect_timeout_ms = 5000;
    long total_timeout_ms = 60000;
    const std::atomic<bool>* cancel = nullptr;  // polled during transfer
    std::string ca_file;  // PEM file of trusted certificate authorities (default: the system's)
};

class HttpClient {
public:
    explicit HttpClient(std::string base_url, HttpOptions options = {});
    void set_bearer_token(std::string token) { token_ = std::move(token); }
    HttpResponse get(const std::string& path) const;
    HttpResponse post_json(const std::string& path, const std::string& json) const;
    const std::string& base_url() const { return base_url_; }

private:
    HttpResponse perform(const std::string& method, const std::string& path, const std::string* body) const;
    std::string base_url_;
    std::string token_;
    HttpOptions options_;
};

}  // namespace kaiku::net
