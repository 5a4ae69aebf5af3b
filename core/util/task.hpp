// Long jobs: `TaskState` is what a long function checks (atomic progress fraction, cooperative cancel);
// `Task<Progress>` runs one such job on its own thread, with cooperative cancel, the captured error and an
// immutable progress snapshot that other threads read at any time. The model loader, the app's replay job
// and data fetch use Task; topdown-cli runs every command as a Task that Ctrl-C cancels.
#pragma once
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <thread>

#ifdef __linux__
#include <pthread.h>
#endif

#include "util/errors.hpp"

namespace topdown {

// Progress of a long job, readable from any thread while the job runs.
struct TaskState {
    std::atomic<double> fraction{0.0};  // 0..1
    std::atomic<bool> cancel_requested{false};

    // Asks the job to stop at its next check point.
    void request_cancel() { cancel_requested.store(true); }
    // Throws CancelledError if cancellation was requested.
    void throw_if_cancelled() const {
        if (cancel_requested.load()) throw CancelledError("cancelled by the user");
    }
};

// The progress snapshot of a task that publishes none.
struct NoProgress {};

// Where a Task stands. Finished: the work returned; Cancelled: it threw CancelledError; Failed: anything else.
enum class TaskStatus { Idle, Running, Finished, Cancelled, Failed };

// The user-readable message of the exception being handled ("not enough memory" for bad_alloc). Call only
// inside a catch block.
inline std::string current_exception_message() {
    try {
        throw;
    } catch (const std::bad_alloc&) {
        return "not enough memory";
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown error";
    }
}

// One long job on its own thread. The work function gets the task: it checks state() (cancel, fraction)
// and publish()es progress snapshots; whatever it throws is captured (error(), exception()). Nothing here
// blocks on running work except the destructor, which cancels first (the work stops at its next check).
template <class Progress>
class Task {
public:
    struct Options {
        // Edits the final snapshot (a copy of the last published one) from the outcome; it becomes visible
        // together with the final status, so whoever sees running() false sees it. Must not throw.
        std::function<void(Progress&, TaskStatus, const std::string& error)> final_progress;
        // Runs on the task's thread after the final status is visible (e.g. hands a result to a queue).
        std::function<void(const Task&)> on_end;
        const char* thread_name = nullptr;  // shown by top -H, perf, gdb (at most 15 characters)
    };

    Task() : latest_(std::make_shared<const Progress>()), state_(std::make_shared<TaskState>()) {}
    // Cancels the work and waits for its thread to end.
    ~Task() {
        cancel();
        if (thread_.joinable()) thread_.join();
    }
    Task(const Task&) = delete;
    Task& operator=(const Task&) = delete;

    // Starts `work` on a new thread with `first` as the progress snapshot. Throws ArgumentError while a
    // previous work still runs (its finished thread, if any, is joined first: that never waits for work).
    void start(std::function<void(Task&)> work, Progress first = Progress{}, Options options = {}) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (status_ == TaskStatus::Running) throw ArgumentError("the task is still running");
        lock.unlock();
        if (thread_.joinable()) thread_.join();  // finished: its thread only returns
        lock.lock();
        latest_ = std::make_shared<const Progress>(std::move(first));
        state_ = std::make_shared<TaskState>();
        error_ = nullptr;
        message_.clear();
        status_ = TaskStatus::Running;
        lock.unlock();
        thread_ = std::thread([this, w = std::move(work), o = std::move(options)] { body(w, o); });
    }

    // Asks the running work to stop at its next check point.
    void cancel() {
        std::lock_guard<std::mutex> lock(mutex_);
        state_->request_cancel();
    }
    // The cancel flag and fraction the work passes to long functions (stable while the work runs).
    TaskState& state() { return *state_; }
    // Publishes a new progress snapshot (from the work).
    void publish(Progress p) {
        auto next = std::make_shared<const Progress>(std::move(p));
        std::lock_guard<std::mutex> lock(mutex_);
        latest_ = std::move(next);
    }

    // The newest progress snapshot (never null).
    std::shared_ptr<const Progress> progress() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return latest_;
    }
    // The current status.
    TaskStatus status() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return status_;
    }
    // True while the work runs.
    bool running() const { return status() == TaskStatus::Running; }
    // True once cancel() was called for the current (or last) run.
    bool cancel_requested() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return state_->cancel_requested.load();
    }
    // The message of the captured error ("" unless Failed or Cancelled).
    std::string error() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return message_;
    }
    // The captured exception (null unless Failed or Cancelled); rethrow it to inspect its type.
    std::exception_ptr exception() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return error_;
    }
    // The fraction the work reported through state() (0..1).
    double fraction() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return state_->fraction.load();
    }
    // Joins the thread when the work has ended (never waits for running work). True when no thread is left.
    bool reap() {
        if (running()) return false;
        if (thread_.joinable()) thread_.join();
        return true;
    }

private:
    void body(const std::function<void(Task&)>& work, const Options& o) {
#ifdef __linux__
        if (o.thread_name) (void)pthread_setname_np(pthread_self(), o.thread_name);
#endif
        TaskStatus end = TaskStatus::Finished;
        std::exception_ptr error;
        std::string message;
        try {
            work(*this);
        } catch (const CancelledError& e) {
            end = TaskStatus::Cancelled;
            error = std::current_exception();
            message = e.what();
        } catch (...) {
            end = TaskStatus::Failed;
            error = std::current_exception();
            try {
                message = current_exception_message();
            } catch (...) {  // no memory even for the message
            }
        }
        finish(end, error, message, o);
        if (o.on_end) try {
                o.on_end(*this);
            } catch (...) {  // nothing may escape a thread; on_end reports its own failures
            }
    }

    void finish(TaskStatus end, std::exception_ptr error, std::string& message, const Options& o) {
        std::shared_ptr<const Progress> last;
        if (o.final_progress) try {
                auto p = std::make_shared<Progress>(*progress());
                o.final_progress(*p, end, message);
                last = std::move(p);
            } catch (...) {  // out of memory for the copy: the previous snapshot stays
            }
        std::lock_guard<std::mutex> lock(mutex_);
        if (last) latest_ = std::move(last);
        error_ = std::move(error);
        message_.swap(message);
        status_ = end;
    }

    mutable std::mutex mutex_;  // guards everything below but thread_
    std::shared_ptr<const Progress> latest_;
    std::shared_ptr<TaskState> state_;
    TaskStatus status_ = TaskStatus::Idle;
    std::exception_ptr error_;
    std::string message_;
    std::thread thread_;  // touched only by the owner's thread
};

}  // namespace topdown
