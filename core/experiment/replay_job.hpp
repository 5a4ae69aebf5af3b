// The continual-learning experiment (replay.hpp) as a background job for the app: one worker thread runs the
// chosen conditions one after another and publishes immutable progress snapshots (curves so far, a grid of
// replayed samples, stage text, fraction); the caller polls them and can cancel at any time.
#pragma once
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "experiment/replay.hpp"
#include "util/task.hpp"

namespace topdown {

// What to run: the MNIST model file, the new dataset and the conditions, with the replay options.
struct ReplayJobConfig {
    std::string model_path;
    std::string new_dataset = "fashion";
    std::vector<ReplayCondition> conditions = all_replay_conditions();
    ReplayOptions options;
    std::size_t limit = 0;   // 0: all training images; else the first N of each dataset
    std::string data_dir;    // "" : the default data folder
};

// One immutable view of the job, published after every stage and epoch.
struct ReplayProgress {
    enum class State { Idle, Running, Finished, Cancelled, Failed };
    State state = State::Idle;
    std::string stage;                    // e.g. "generative-chimera: epoch 3/20"
    std::string error;                    // set when Failed
    double fraction = 0;                  // 0..1 over all conditions
    std::vector<ReplayCurve> curves;      // finished conditions, then the running one (partial)
    std::vector<bool> curve_complete;     // per curves[i]: true once that condition ran all its epochs; false
                                          // while it runs and after a cancel or failure (partial: not scored)
    std::string sample_condition;         // condition whose pool `samples` come from
    Matrix samples;                       // up to kSampleRows rows of the current replay pool (784 columns)
    int total_epochs = 0;                 // epochs per condition
    static constexpr int kSampleRows = 48;

    // True when curves[i] ran all its epochs (a partial curve must be shown as partial and not scored).
    bool complete(std::size_t i) const { return i < curve_complete.size() && curve_complete[i]; }
    // Forgetting ratio of curves[i] against the complete sequential curve; NaN when curves[i] or the
    // sequential curve is partial or missing, or when curves[i] has no epoch.
    double forgetting_ratio_of(std::size_t i) const;
};

// Runs one replay experiment at a time on its own thread.
class ReplayJob {
public:
    ReplayJob();
    // Cancels a running experiment and joins its thread (the task's destructor).
    ~ReplayJob() = default;
    ReplayJob(const ReplayJob&) = delete;
    ReplayJob& operator=(const ReplayJob&) = delete;

    // Starts `config` (a previous finished run is replaced). Throws ArgumentError while one is running.
    void start(ReplayJobConfig config);
    // Asks the running experiment to stop at its next batch (it then ends in state Cancelled).
    void cancel();
    // The newest progress snapshot (never null).
    std::shared_ptr<const ReplayProgress> progress() const;
    // True while the worker thread runs an experiment. Cleared together with the final snapshot: once
    // progress() shows Finished / Cancelled / Failed, running() is false.
    bool running() const { return task_.running(); }
    // Fraction of the running condition done, updated every batch (finer than the snapshots).
    double live_fraction() const;

private:
    void run(const ReplayJobConfig& config, Task<ReplayProgress>& task);

    Task<ReplayProgress> task_;
    std::atomic<int> condition_index_{0};
    std::atomic<int> condition_count_{1};
};

}  // namespace topdown
