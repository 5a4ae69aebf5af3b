// The simulation worker: a thread that owns the Simulation, applies UI commands in order, steps at the
// requested speed and publishes an immutable Snapshot after every step and every command batch.
// Model files load on helper threads (one per request, never joined while still working: a newer request or
// a UseModel cancels the older loads, which stop at their next stage, and finished loaders are reaped); the
// previous model stays in use until the new one is ready, and a bad file only produces an error message in
// the snapshot. Nothing that runs on the worker thread lets an exception (std::bad_alloc included) escape.
#pragma once
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <thread>

#include "session/command_queue.hpp"
#include "session/model_info.hpp"
#include "session/session_command.hpp"
#include "session/simulation.hpp"
#include "session/snapshot_mailbox.hpp"
#include "util/task.hpp"

namespace topdown {

class SessionWorker {
public:
    // Loads a model file for the session (default: load_session_model); must throw CancelledError soon after
    // `task` is cancelled. Runs on a loader thread.
    using ModelLoader = std::function<SessionModel(const std::string& path, TaskState& task)>;

    // Starts the worker thread (paused, no model). `history_capacity`: focused-chain steps kept.
    // `batch_when_unpaced`: in "as fast as possible" mode (speed <= 0) the worker thread runs as SCHED_BATCH
    // on Linux (same CPU share as any thread, but it does not preempt the UI thread when that wakes). A
    // requested step rate (speed > 0) always runs at normal priority (SCHED_OTHER, nice 0) so that the rate
    // holds whenever the machine can give it; the UI stays smooth by pacing its own frames.
    // `loader`: replaces the model-file loader (tests); empty = load_session_model.
    explicit SessionWorker(std::size_t history_capacity = 1000, std::size_t ensemble_capacity = 2000,
                           bool batch_when_unpaced = false, ModelLoader loader = {});
    // Stops the worker, cancels the loaders and joins them.
    ~SessionWorker();
    SessionWorker(const SessionWorker&) = delete;
    SessionWorker& operator=(const SessionWorker&) = delete;

    // Queues a command (never blocks on the simulation).
    void send(SessionCommand command);
    // The newest snapshot (never null: an empty one before the worker has published).
    std::shared_ptr<const Snapshot> latest() const;
    // Waits until the newest snapshot satisfies `pred` or `timeout` passes; returns the newest snapshot.
    std::shared_ptr<const Snapshot> wait_for(const std::function<bool(const Snapshot&)>& pred,
                                             std::chrono::milliseconds timeout) const;

private:
    struct ModelLoaded {
        std::uint64_t request = 0;
        std::string path;
        std::shared_ptr<const ModelInfo> info;
        std::shared_ptr<const GenerationModel> model;
        std::string error;
        bool cancelled = false;
        std::optional<SessionParams> params;
        int run_to = 0;
    };
    using Item = std::variant<SessionCommand, ModelLoaded>;
    // One loader: a task whose thread loads one file and hands the result to the worker's queue.
    using Loader = std::unique_ptr<Task<NoProgress>>;

    void run();
    void iterate(std::chrono::steady_clock::time_point& next_due);
    void apply(const SessionCommand& c);
    void apply_loaded(ModelLoaded&& m);
    void start_load(const cmd::LoadModel& request);
    void cancel_loads();
    void reap_loaders();
    int loads_in_flight() const;
    void do_step();
    void set_error(const std::string& message);
    void set_status(std::string message, bool transient = false);
    void publish();
    void apply_priority();

    CommandQueue<Item> queue_;
    SnapshotMailbox mailbox_;
    std::shared_ptr<const Snapshot> empty_;
    ModelLoader loader_fn_;
    bool batch_when_unpaced_ = false;
    // Worker-thread state (touched only by the worker thread).
    Simulation sim_;
    RunMode mode_ = RunMode::Paused;
    int run_to_ = 0;
    float speed_ = 30;
    int applied_policy_ = -1;  // scheduling policy in effect on the worker thread (-1: not set yet)
    std::uint64_t serial_ = 0, error_serial_ = 0, load_request_ = 0;
    std::string status_, error_, loading_path_;
    bool status_transient_ = false;  // status_ describes a run-to in progress: cleared when it ends
    bool loading_ = false;
    std::deque<std::chrono::steady_clock::time_point> step_times_;  // steps of the last second
    std::list<Loader> loaders_;  // running (or finished, not yet reaped) loaders, oldest first
    std::thread thread_;  // last: started after every member above is ready
};

}  // namespace topdown
