// A background thread with its own database connection (SOCI sessions are not thread-safe) that
// runs queued jobs one after another. Jobs must not touch widgets: they hand results to a
// UiDispatcher. Destroying the worker cancels the running job and joins the thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/database.hpp"

namespace kaiku::ui {

// What a job gets: the thread's database (opened on first use) and the cancel flag.
class WorkerContext {
public:
    WorkerContext(std::string db_url, const std::atomic<bool>& cancel);
    ~WorkerContext();
    // Opens the database on first use (creating and migrating it); throws store::StoreError.
    store::Database& db();
    const std::atomic<bool>& cancel_flag() const { return cancel_; }
    bool cancelled() const { return cancel_.load(); }

private:
    std::string db_url_;
    const std::atomic<bool>& cancel_;
    std::unique_ptr<store::Database> db_;
};

class DbWorker {
public:
    using Job = std::function<void(WorkerContext&)>;

    DbWorker(std::string db_url, std::string name);
    ~DbWorker();
    DbWorker(const DbWorker&) = delete;
    DbWorker& operator=(const DbWorker&) = delete;

    void post(Job job);  // any thread
    // Asks the running job to stop (it polls the flag) and drops the queued ones.
    void cancel();

private:
    void run();

    std::string db_url_;
    std::string name_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> jobs_;
    bool stopping_ = false;
    std::atomic<bool> cancel_{false};
    std::thread thread_;  // last: started after every other member exists
};

}  // namespace kaiku::ui
