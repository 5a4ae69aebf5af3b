#include "experiment/condition_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "util/threads.hpp"

namespace topdown {

int condition_workers(int threads, std::size_t conditions) {
    const int want = threads > 0 ? threads : max_threads();
    return static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(std::max(1, want)), conditions)));
}

std::vector<ConditionResult> run_conditions(const std::shared_ptr<const GenerationModel>& g, const StateClassifier& clf,
                                            const std::vector<Condition>& conditions, const StudyOptions& o,
                                            int workers, TaskState* task,
                                            const std::function<void(std::size_t, const Condition&)>& on_done) {
    std::vector<ConditionResult> results(conditions.size());
    if (workers <= 1) {  // one at a time, each with all of o.threads
        for (std::size_t i = 0; i < conditions.size(); ++i) {
            results[i] = run_condition(g, clf, conditions[i], o, task);
            if (on_done) on_done(i + 1, conditions[i]);
        }
        return results;
    }
    StudyOptions one = o;
    one.threads = 1;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;  // guards `finished`, `error` and on_done
    std::size_t finished = 0;
    std::exception_ptr error;
    auto work = [&] {
        set_thread_team_size(1);  // Eigen's products inside a condition stay on this thread too
        for (std::size_t i; !stop.load() && (i = next.fetch_add(1)) < conditions.size();) {
            try {
                results[i] = run_condition(g, clf, conditions[i], one, task);
                std::lock_guard<std::mutex> lock(mutex);
                if (on_done && !error) on_done(++finished, conditions[i]);
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!error) error = std::current_exception();
                stop.store(true);
            }
        }
    };
    std::vector<std::thread> pool;
    for (int w = 1; w < workers; ++w) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
    return results;
}

}  // namespace topdown
