// A small libcurl HTTP client that never throws: every outcome is a status or a transport error.
#pragma once

#include <atomic>
#include <functional>
#include <cstddef>
#include <map>
#include <string>

namespace kaiku::net {

struct HttpResponse {
    long status = 0;          // HTTP status; 0 when the request never got an answer
    std::string body;
    std::string content_type;
    std::string error;        // transport error in English ("Could not connect to 127.0.0.1:1 ...")
    enum class Failure {
        none,
        bad_url,
        insecure_url,  // http:// to another computer: refused before anything is sent
        cannot_resolve,
        cannot_connect,
        timeout,
        tls,          // the secure connection could not be set up
        certificate,  // the server's certificate is not trusted (expired, self-signed, another name)
        too_large,    // the answer exceeded HttpOptions::max_response_bytes
        cancelled,
        other
    } failure = Failure::none;
    bool transport_ok() const { return failure == Failure::none; }
};

struct HttpOptions {
    long connect_timeout_ms = 5000;
    long total_timeout_ms = 60000;
    const std::atomic<bool>* cancel = nullptr;  // polled during transfer
    std::string ca_file;  // PEM file of trusted certificate authorities (default: the system's)
    std::size_t max_response_bytes = 256u << 20;  // after decompression; larger answers fail as too_large
    // Called after every request with its method, path, HTTP status (0 when no answer came) and seconds taken:
    // for timings (kaikuctl bench, load tests). Called on the requesting thread.
    std::function<void(const std::string& method, const std::string& path, long status, double seconds)> on_response;
};

// Whether a server address may be used. https:// always; plain http:// only to this computer (localhost,
// 127.0.0.0/8, [::1]) where nothing crosses a network.
enum class ServerUrlCheck { ok, bad_scheme, no_host, insecure_remote };
ServerUrlCheck check_server_url(const std::string& url);
// The host part of an http(s) URL, without brackets, port or user info; empty when there is none.
std::string url_host(const std::string& url);

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
