// Runs a study's conditions side by side: each of `workers` threads takes the next condition and runs it on
// one thread of its own (generation, classification, census). A condition of 100 chains is too small to
// share between cores step by step (an OpenMP fork and join per step, and a spinning thread whenever the
// other waits); whole conditions are not. Results come back in the order of the conditions and equal a
// sequential run's bit for bit (every condition's numbers depend on its seed alone, not on threads).
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "experiment/study.hpp"
#include "util/task.hpp"

namespace topdown {

// How many conditions run at once: `threads` (0: every core), at most `conditions`, and at least 1.
int condition_workers(int threads, std::size_t conditions);

// Runs every condition with run_condition. `on_done(finished, condition)` is called once per finished
// condition, never by two threads at once. The first error (or cancellation through `task`) stops the other
// workers after their current condition and is rethrown here.
std::vector<ConditionResult> run_conditions(const std::shared_ptr<const GenerationModel>& g, const StateClassifier& clf,
                                            const std::vector<Condition>& conditions, const StudyOptions& o,
                                            int workers, TaskState* task,
                                            const std::function<void(std::size_t, const Condition&)>& on_done);

}  // namespace topdown
