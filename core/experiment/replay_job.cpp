#include "experiment/replay_job.hpp"

#include <cmath>

#include "data/dataset.hpp"
#include "model/model_file.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"

namespace topdown {

ReplayJob::ReplayJob() = default;

void ReplayJob::start(ReplayJobConfig config) {
    if (running()) throw ArgumentError("a replay experiment is already running");
    if (config.conditions.empty()) throw ArgumentError("choose at least one replay condition");
    condition_index_ = 0;
    condition_count_ = static_cast<int>(config.conditions.size());
    ReplayProgress p;
    p.state = ReplayProgress::State::Running;
    p.stage = "starting";
    p.total_epochs = config.options.epochs;
    Task<ReplayProgress>::Options o;
    // The final snapshot becomes visible together with running() == false.
    o.final_progress = [](ReplayProgress& last, TaskStatus status, const std::string& error) {
        if (status == TaskStatus::Finished) {
            last.state = ReplayProgress::State::Finished;
            last.stage = "finished";
            last.fraction = 1.0;
        } else if (status == TaskStatus::Cancelled) {
            last.state = ReplayProgress::State::Cancelled;
            last.stage = "cancelled";
        } else {
            last.state = ReplayProgress::State::Failed;
            last.error = error;
            last.stage = "failed";
        }
    };
    o.thread_name = "td-replay";
    task_.start([this, c = std::move(config)](Task<ReplayProgress>& task) { run(c, task); }, std::move(p), std::move(o));
}

void ReplayJob::cancel() { task_.cancel(); }

std::shared_ptr<const ReplayProgress> ReplayJob::progress() const { return task_.progress(); }

double ReplayJob::live_fraction() const {
    if (!running()) return progress()->fraction;
    return (double(condition_index_.load()) + task_.fraction()) / double(std::max(1, condition_count_.load()));
}

double ReplayProgress::forgetting_ratio_of(std::size_t i) const {
    if (i >= curves.size() || !complete(i) || curves[i].old_accuracy_fixed.empty()) return std::nan("");
    for (std::size_t j = 0; j < curves.size(); ++j)
        if (curves[j].condition == ReplayCondition::Sequential && complete(j))
            return forgetting_ratio(curves[i], curves[j]);
    return std::nan("");
}

void ReplayJob::run(const ReplayJobConfig& config, Task<ReplayProgress>& task) {
    ReplayProgress p;
    p.state = ReplayProgress::State::Running;
    p.total_epochs = config.options.epochs;
    p.stage = "loading the model and the datasets";
    task.publish(p);
    const ReplayInputs in = load_replay_inputs(config.model_path, config.new_dataset, config.data_dir, config.limit);
    task.state().throw_if_cancelled();
    const int n = static_cast<int>(config.conditions.size());
    for (int i = 0; i < n; ++i) {
        const ReplayCondition c = config.conditions[static_cast<std::size_t>(i)];
        condition_index_ = i;
        task.state().fraction.store(0.0);
        p.stage = to_string(c) + ": preparing the replay pool";
        p.fraction = double(i) / n;
        p.curves.push_back(ReplayCurve{});
        p.curves.back().condition = c;
        p.curve_complete.push_back(false);
        task.publish(p);
        const ReplayCurve done = run_replay(
            in.model, c, in.new_train, in.new_test, in.mnist_train, in.mnist_test, config.options,
            [&](const ReplayCurve& cur, const Matrix& pool) {
                p.curves.back() = cur;
                const int e = static_cast<int>(cur.new_accuracy.size());
                p.stage = to_string(c) + ": epoch " + std::to_string(e) + "/" + std::to_string(config.options.epochs);
                p.fraction = (double(i) + double(e) / config.options.epochs) / n;
                if (p.sample_condition != to_string(c)) {
                    p.sample_condition = to_string(c);
                    const Eigen::Index rows = std::min<Eigen::Index>(ReplayProgress::kSampleRows, pool.rows());
                    p.samples.resize(rows, pool.cols());
                    // Evenly spaced rows, so the grid spans chains and steps of the pool.
                    for (Eigen::Index r = 0; r < rows; ++r) p.samples.row(r) = pool.row(r * pool.rows() / rows);
                }
                task.publish(p);
            },
            &task.state());
        p.curves.back() = done;
        p.curve_complete.back() = true;
    }
    task.publish(p);  // the last curve complete; final_progress marks it finished
}

}  // namespace topdown
