#include "ui/db_worker.hpp"

#include <cstdio>
#include <exception>
#include <mutex>

#include "ui/thread_check.hpp"

namespace kaiku::ui {

WorkerContext::WorkerContext(std::string db_url, const std::atomic<bool>& cancel)
    : db_url_(std::move(db_url)), cancel_(cancel) {}

WorkerContext::~WorkerContext() = default;

store::Database& WorkerContext::db() {
    assert_not_ui_thread("WorkerContext::db");
    if (!db_) {
        // Opening creates and migrates the file: one thread at a time, so that two workers starting
        // together on a new cache do not both try to create the schema.
        static std::mutex open_mutex;
        std::lock_guard lock(open_mutex);
        db_ = std::make_unique<store::Database>(db_url_);
    }
    return *db_;
}

DbWorker::DbWorker(std::string db_url, std::string name)
    : db_url_(std::move(db_url)), name_(std::move(name)), thread_([this] { run(); }) {}

DbWorker::~DbWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        jobs_.clear();
    }
    cancel_ = true;
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void DbWorker::post(Job job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        cancel_ = false;
        jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
}

void DbWorker::cancel() {
    std::lock_guard lock(mutex_);
    jobs_.clear();
    cancel_ = true;
}

void DbWorker::run() {
    assert_not_ui_thread("DbWorker::run");
    // The database lives and dies on this thread.
    WorkerContext context(db_url_, cancel_);
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        try {
            job(context);
        } catch (const std::exception& e) {  // jobs report their own errors; this is a last resort
            std::fprintf(stderr, "kaiku-admin: %s worker: unexpected error: %s\n", name_.c_str(), e.what());
        } catch (...) {
            std::fprintf(stderr, "kaiku-admin: %s worker: unexpected error\n", name_.c_str());
        }
    }
}

}  // namespace kaiku::ui
