#include "experiment/replay_job.hpp"

#include <cmath>

#include "data/dataset.hpp"
#include "model/model_file.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"

namespace topdown {

ReplayJob::ReplayJob() : latest_(std::make_shared<const ReplayProgress>()) {}

ReplayJob::~ReplayJob() {
    cancel();
    if (thread_.joinable()) thread_.join();
}

void ReplayJob::start(ReplayJobConfig config) {
    if (running_.load()) throw ArgumentError("a replay experiment is already running");
    if (thread_.joinable()) thread_.join();
    if (config.conditions.empty()) throw ArgumentError("choose at least one replay condition");
    condition_index_ = 0;
    condition_count_ = static_cast<int>(config.conditions.size());
    auto p = std::make_shared<ReplayProgress>();
    p->state = ReplayProgress::State::Running;
    p->stage = "starting";
    p->total_epochs = config.options.epochs;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        task_ = std::make_shared<TaskState>();
        latest_ = std::move(p);
        running_ = true;
    }
    thread_ = std::thread([this, c = std::move(config)]() mutable { run(std::move(c)); });
}

void ReplayJob::cancel() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (task_) task_->request_cancel();
}

std::shared_ptr<const ReplayProgress> ReplayJob::progress() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return latest_;
}

double ReplayJob::live_fraction() const {
    std::shared_ptr<TaskState> t;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        t = task_;
    }
    if (!running_.load() || !t) return progress()->fraction;
    return (double(condition_index_.load()) + t->fraction.load()) / double(std::max(1, condition_count_.load()));
}

void ReplayJob::publish(const ReplayProgress& p, bool last) {
    auto next = std::make_shared<const ReplayProgress>(p);
    std::lock_guard<std::mutex> lock(mutex_);
    latest_ = std::move(next);
    if (last) running_ = false;  // under the same lock: whoever sees the final snapshot sees running() false
}

double ReplayProgress::forgetting_ratio_of(std::size_t i) const {
    if (i >= curves.size() || !complete(i) || curves[i].old_accuracy_fixed.empty()) return std::nan("");
    for (std::size_t j = 0; j < curves.size(); ++j)
        if (curves[j].condition == ReplayCondition::Sequential && complete(j))
            return forgetting_ratio(curves[i], curves[j]);
    return std::nan("");
}

void ReplayJob::run(ReplayJobConfig config) {
    ReplayProgress p;
    p.state = ReplayProgress::State::Running;
    p.total_epochs = config.options.epochs;
    std::shared_ptr<TaskState> task;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        task = task_;
    }
    try {
        p.stage = "loading the model and the datasets";
        publish(p);
        const Dbn model = load_model(config.model_path);
        if (model.dataset != "mnist")
            throw ArgumentError("replay starts from a model trained on MNIST (this one: " + model.dataset + ")");
        const std::string dir = data_dir(config.data_dir);
        const Dataset mnist_train = load_dataset("mnist", Split::Train, dir, config.limit);
        const Dataset mnist_test = load_dataset("mnist", Split::Test, dir);
        const Dataset new_train = load_dataset(config.new_dataset, Split::Train, dir, config.limit);
        const Dataset new_test = load_dataset(config.new_dataset, Split::Test, dir);
        task->throw_if_cancelled();
        const int n = static_cast<int>(config.conditions.size());
        for (int i = 0; i < n; ++i) {
            const ReplayCondition c = config.conditions[static_cast<std::size_t>(i)];
            condition_index_ = i;
            task->fraction.store(0.0);
            p.stage = to_string(c) + ": preparing the replay pool";
            p.fraction = double(i) / n;
            p.curves.push_back(ReplayCurve{});
            p.curves.back().condition = c;
            p.curve_complete.push_back(false);
            publish(p);
            const ReplayCurve done = run_replay(
                model, c, new_train, new_test, mnist_train, mnist_test, config.options,
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
                    publish(p);
                },
                task.get());
            p.curves.back() = done;
            p.curve_complete.back() = true;
        }
        p.state = ReplayProgress::State::Finished;
        p.stage = "finished";
        p.fraction = 1.0;
    } catch (const CancelledError&) {
        p.state = ReplayProgress::State::Cancelled;
        p.stage = "cancelled";
    } catch (const std::exception& e) {
        p.state = ReplayProgress::State::Failed;
        p.error = e.what();
        p.stage = "failed";
    }
    try {
        publish(p, /*last=*/true);
    } catch (...) {
        // Out of memory for the last copy: the previous snapshot stays, and the job still ends.
        std::lock_guard<std::mutex> lock(mutex_);
        running_ = false;
    }
}

}  // namespace topdown
