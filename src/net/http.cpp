#include "net/http.hpp"

#include "core/thread_guard.hpp"

#include <curl/curl.h>

#include <mutex>

namespace kaiku::net {
namespace {

void global_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* cancel = static_cast<const std::atomic<bool>*>(user);
    return cancel && cancel->load() ? 1 : 0;  // non-zero aborts the transfer
}

HttpResponse::Failure classify(CURLcode rc) {
    using F = HttpResponse::Failure;
    switch (rc) {
        case CURLE_OK: return F::none;
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL: return F::bad_url;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY: return F::cannot_resolve;
        case CURLE_COULDNT_CONNECT: return F::cannot_connect;
        case CURLE_OPERATION_TIMEDOUT: return F::timeout;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE: return F::tls;
        case CURLE_ABORTED_BY_CALLBACK: return F::cancelled;
        default: return F::other;
    }
}

}  // namespace

HttpClient::HttpClient(std::string base_url, HttpOptions options)
    : base_url_(std::move(base_url)), options_(options) {
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
    global_init_once();
}

HttpResponse HttpClient::get(const std::string& path) const { return perform("GET", path, nullptr); }

HttpResponse HttpClient::post_json(const std::string& path, const std::string& json) const {
    return perform("POST", path, &json);
}

HttpResponse HttpClient::perform(const std::string& method, const std::string& path, const std::string* body) const {
    core::check_blocking_io_allowed("an HTTP request");
    HttpResponse res;
    const std::string url = base_url_ + path;
    if (base_url_.rfind("http://", 0) != 0 && base_url_.rfind("https://", 0) != 0) {
        res.failure = HttpResponse::Failure::bad_url;
        res.error = "The server address must start with http:// or https://: '" + base_url_ + "'";
        return res;
    }
    CURL* curl = curl_easy_init();
    if (!curl) {
        res.failure = HttpResponse::Failure::other;
        res.error = "Could not start an HTTP request (libcurl initialisation failed)";
        return res;
    }
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Accept: application/json");
    if (!token_.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token_).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // gzip only: the server library compresses brotli at its slowest setting (seconds per megabyte).
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &res.body);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(options_.cancel));
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "kaiku-admin/0.1");
    if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
    if (body) {
        headers = curl_slist_append(headers, "Content-Type: application/json");
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
    } else if (method != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    const CURLcode rc = curl_easy_perform(curl);
    res.failure = classify(rc);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &res.status);
        const char* ct = nullptr;
        if (curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct) res.content_type = ct;
    } else {
        res.body.clear();
        res.error = std::string(errbuf[0] ? errbuf : curl_easy_strerror(rc)) + " (" + url + ")";
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return res;
}

}  // namespace kaiku::net
