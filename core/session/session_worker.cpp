#include "session/session_worker.hpp"

#ifdef __linux__
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <exception>

#include "generate/generation_model.hpp"
#include "model/model_file.hpp"
#include "session/model_info.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace {
template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;
using Clock = std::chrono::steady_clock;
}  // namespace

SessionWorker::SessionWorker(std::size_t history_capacity, std::size_t ensemble_capacity, bool batch_when_unpaced,
                             ModelLoader loader)
    : empty_(std::make_shared<const Snapshot>()),
      loader_fn_(std::move(loader)),
      batch_when_unpaced_(batch_when_unpaced),
      sim_(history_capacity, ensemble_capacity) {
    if (!loader_fn_)
        loader_fn_ = [](const std::string& path, TaskState& task) { return load_session_model(path, &task); };
    thread_ = std::thread([this] {
#ifdef __linux__
        (void)pthread_setname_np(pthread_self(), "td-worker");  // shown by top -H, perf, gdb
#endif
        run();
    });
}

SessionWorker::~SessionWorker() {
    queue_.close();
    if (thread_.joinable()) thread_.join();
    // The worker is gone: no one else touches loaders_ now. Each task cancels its load (which stops at its
    // next stage) and joins its thread.
    loaders_.clear();
}

void SessionWorker::apply_priority() {
#ifdef __linux__
    // A requested step rate runs at normal priority, so that it holds whenever the machine can give it.
    // "As fast as possible" may run as SCHED_BATCH: the same share of the CPU, but the UI thread is not
    // preempted by it. Both are normal (fair) policies, so switching back needs no privilege.
    const int policy = (batch_when_unpaced_ && speed_ <= 0) ? SCHED_BATCH : SCHED_OTHER;
    if (policy == applied_policy_) return;
    sched_param param{};
    (void)pthread_setschedparam(pthread_self(), policy, &param);  // failure (a sandbox) only costs smoothness
    applied_policy_ = policy;
#endif
}

void SessionWorker::send(SessionCommand command) { queue_.push(Item(std::move(command))); }

std::shared_ptr<const Snapshot> SessionWorker::latest() const {
    auto s = mailbox_.latest();
    return s ? s : empty_;
}

std::shared_ptr<const Snapshot> SessionWorker::wait_for(const std::function<bool(const Snapshot&)>& pred,
                                                        std::chrono::milliseconds timeout) const {
    auto s = mailbox_.wait_for(pred, timeout);
    return s ? s : empty_;
}

void SessionWorker::set_error(const std::string& message) {
    error_ = message;
    ++error_serial_;
}

void SessionWorker::cancel_loads() {
    for (auto& l : loaders_) l->cancel();
}

void SessionWorker::reap_loaders() {
    // Only loaders whose work has ended are joined (their thread is then exiting): the worker never waits
    // for a running load.
    for (auto it = loaders_.begin(); it != loaders_.end();) {
        if ((*it)->reap())
            it = loaders_.erase(it);
        else
            ++it;
    }
}

int SessionWorker::loads_in_flight() const {
    int n = 0;
    for (const auto& l : loaders_) n += l->running() ? 1 : 0;
    return n;
}

void SessionWorker::start_load(const cmd::LoadModel& c) {
    // The newest request wins: older loads are cancelled (they stop at their next stage and their result,
    // if any, is ignored) and the new one starts at once on its own thread.
    cancel_loads();
    reap_loaders();
    const std::uint64_t request = ++load_request_;
    loading_ = true;
    loading_path_ = c.path;
    auto result = std::make_shared<SessionModel>();
    auto work = [result, path = c.path, load = loader_fn_](Task<NoProgress>& task) {
#ifdef __linux__
        // Threads inherit the worker's policy: loading a model runs at normal priority.
        sched_param normal{};
        (void)pthread_setschedparam(pthread_self(), SCHED_OTHER, &normal);
#endif
        *result = load(path, task.state());
        if (!result->model || !result->info) throw ArgumentError("the loader returned no model");
    };
    Task<NoProgress>::Options o;
    o.thread_name = "td-loader";
    o.on_end = [this, request, c, result](const Task<NoProgress>& task) {
        try {
            ModelLoaded m;
            m.request = request;
            m.path = c.path;
            m.params = c.params;
            m.run_to = c.run_to;
            m.cancelled = task.status() == TaskStatus::Cancelled;
            if (task.status() == TaskStatus::Finished) {
                m.model = std::move(result->model);
                m.info = std::move(result->info);
            } else if (task.status() == TaskStatus::Failed) {
                m.error = task.error();
                if (m.error == "not enough memory") m.error += " to load " + c.path;
            }
            queue_.push(Item(std::move(m)));  // wakes the worker, which reaps this thread
        } catch (...) {
            // Out of memory even for the message: the worker reaps this thread on its next load.
        }
    };
    loaders_.push_back(std::make_unique<Task<NoProgress>>());
    loaders_.back()->start(std::move(work), NoProgress{}, std::move(o));
}

void SessionWorker::apply_loaded(ModelLoaded&& m) {
    reap_loaders();
    if (m.cancelled || m.request != load_request_) return;  // a newer load or model was requested meanwhile
    loading_ = false;
    if (!m.error.empty()) {
        set_error("Could not open model: " + m.error);
        set_status("kept the previous model");
        return;
    }
    try {
        sim_.set_model(m.info, m.model);
        set_status("loaded " + m.info->name);
        mode_ = RunMode::Paused;
    } catch (const std::exception& e) {
        set_error(std::string("Model loaded, but the chains could not start: ") + e.what());
    }
    if (m.params) {
        try {
            sim_.restart(*m.params);
            if (m.run_to > 0) {
                mode_ = RunMode::RunningTo;
                run_to_ = m.run_to;
            }
        } catch (const std::exception& e) {
            set_error(std::string("Could not start: ") + e.what());
        }
    }
}

void SessionWorker::set_status(std::string message, bool transient) {
    status_ = std::move(message);
    status_transient_ = transient;
}

void SessionWorker::apply(const SessionCommand& command) {
    // A transient status (a run-to in progress) ends with any transport command.
    const bool transport = !std::holds_alternative<cmd::SetSpeed>(command) && !std::holds_alternative<cmd::LoadModel>(command);
    if (transport && status_transient_) set_status("");
    std::visit(Overloaded{
                   [&](const cmd::Play&) {
                       if (sim_.ready()) mode_ = RunMode::Playing;
                   },
                   [&](const cmd::Pause&) { mode_ = RunMode::Paused; },
                   [&](const cmd::Step&) {
                       mode_ = RunMode::Paused;
                       do_step();
                   },
                   [&](const cmd::StepBack&) {
                       mode_ = RunMode::Paused;
                       if (!sim_.step_back() && sim_.current_step() > 1) set_status("older steps are no longer kept");
                   },
                   [&](const cmd::Seek& c) {
                       mode_ = RunMode::Paused;
                       if (!sim_.seek(c.step)) set_status(std::string("step ") + std::to_string(c.step) + " is not kept");
                   },
                   [&](const cmd::Restart& c) {
                       try {
                           sim_.restart(c.params);
                           mode_ = c.play ? RunMode::RunningTo : RunMode::Paused;
                           run_to_ = c.params.steps;
                           set_status("started " + describe(sim_.params()));
                       } catch (const std::exception& e) {
                           set_error(std::string("Could not start: ") + e.what());
                       }
                   },
                   [&](const cmd::SetSpeed& c) { speed_ = c.steps_per_second; },
                   [&](const cmd::RunTo& c) {
                       if (!sim_.ready() || c.step < 1) return;
                       if (c.step <= sim_.newest_step() && sim_.seek(c.step)) {
                           // A kept step (earlier or later): only the cursor moves; every newer step stays.
                           mode_ = RunMode::Paused;
                       } else if (c.step > sim_.current_step()) {
                           mode_ = RunMode::RunningTo;
                           run_to_ = c.step;
                       } else {
                           // Older than the kept history. Chains are deterministic: a copy of the focused chain
                           // replays from step 1, while the kept steps, the newest step and the ensemble stay.
                           const int newest = sim_.newest_step(), oldest = sim_.oldest_kept_step();
                           try {
                               if (!sim_.start_replay(c.step)) return;
                               mode_ = RunMode::RunningTo;
                               run_to_ = c.step;
                               set_status("step " + std::to_string(c.step) + " is older than the kept steps " +
                                              std::to_string(oldest) + ".." + std::to_string(newest) +
                                              ": replaying the focused chain from step 1 (steps up to " +
                                              std::to_string(newest) + " stay)",
                                          /*transient=*/true);
                           } catch (const std::exception& e) {
                               set_error(e.what());
                           }
                       }
                   },
                   [&](const cmd::LoadModel& c) { start_load(c); },
                   [&](const cmd::UseModel& c) {
                       cancel_loads();   // a running file load would be ignored anyway: stop it now
                       ++load_request_;  // and ignore its result if it still arrives
                       loading_ = false;
                       try {
                           if (!c.model) throw ArgumentError("no model");
                           auto g = prepare_generation_model(c.model);
                           sim_.set_model(build_model_info(c.model, c.path), g);
                           mode_ = RunMode::Paused;
                           set_status("model " + c.model->architecture_text() + " in use");
                       } catch (const std::exception& e) {
                           set_error(std::string("Could not use the model: ") + e.what());
                       }
                   },
               },
               command);
}

void SessionWorker::do_step() {
    try {
        if (!sim_.step()) return;
    } catch (const std::exception& e) {
        mode_ = RunMode::Paused;
        set_error(std::string("Step failed: ") + e.what());
        return;
    }
    const auto now = Clock::now();
    step_times_.push_back(now);
    while (!step_times_.empty() && now - step_times_.front() > std::chrono::seconds(1)) step_times_.pop_front();
}

void SessionWorker::publish() {
    try {
        auto s = std::make_shared<Snapshot>();
        sim_.fill(*s);
        s->serial = ++serial_;
        s->mode = mode_;
        s->run_to_step = run_to_;
        s->speed = speed_;
        if (!step_times_.empty() && Clock::now() - step_times_.back() < std::chrono::milliseconds(500))
            s->measured_steps_per_second = static_cast<double>(step_times_.size());
        s->loading = loading_;
        s->loading_path = loading_path_;
        s->loads_in_flight = loads_in_flight();
        s->status = status_;
        s->error = error_;
        s->error_serial = error_serial_;
        mailbox_.publish(std::move(s));
    } catch (const std::exception& e) {
        // Out of memory (or any other failure) while copying the picture for the UI: pause, and publish a
        // small snapshot that carries the error (model and mode only, no step data). Never terminate.
        mode_ = RunMode::Paused;
        const bool oom = dynamic_cast<const std::bad_alloc*>(&e) != nullptr;
        try {
            set_error(oom ? std::string("Out of memory: the simulation is paused. Try a smaller ensemble or fewer steps.")
                          : std::string("Could not publish the simulation state (paused): ") + e.what());
            auto s = std::make_shared<Snapshot>();
            s->serial = ++serial_;
            s->model = sim_.model_info();
            s->mode = mode_;
            s->speed = speed_;
            s->error = error_;
            s->error_serial = error_serial_;
            s->out_of_memory = oom;
            mailbox_.publish(std::move(s));
        } catch (...) {
            // Not even that: the UI keeps the previous snapshot; the worker stays paused and alive.
        }
    }
}

void SessionWorker::iterate(Clock::time_point& next_due) {
    bool changed = false;
    for (auto& item : queue_.drain()) {
        changed = true;
        if (auto* c = std::get_if<SessionCommand>(&item))
            apply(*c);
        else
            apply_loaded(std::move(std::get<ModelLoaded>(item)));
    }
    if (queue_.closed()) return;
    if (changed) apply_priority();
    if (mode_ == RunMode::RunningTo && sim_.current_step() >= run_to_) {
        mode_ = RunMode::Paused;
        if (status_transient_) set_status("");  // "replaying ... to reach step N" is done
        changed = true;
    }
    if (mode_ == RunMode::Paused || !sim_.ready()) {
        if (changed) publish();
        queue_.wait();
        return;
    }
    if (speed_ > 0) {
        const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / speed_));
        const auto now = Clock::now();
        if (now < next_due) {
            if (changed) publish();
            queue_.wait_until(next_due);
            return;
        }
        if (now - next_due > period) next_due = now;  // no burst to catch up after a pause or a stall
        next_due += period;
    }
    do_step();
    publish();
}

void SessionWorker::run() {
    apply_priority();
    publish();
    auto next_due = Clock::now();
    while (!queue_.closed()) {
        try {
            iterate(next_due);
        } catch (const std::exception& e) {
            // Nothing may end the worker (an uncaught exception would terminate the app): report, pause, go on.
            try {
                mode_ = RunMode::Paused;
                set_error(std::string("Internal error in the simulation (paused): ") + e.what());
            } catch (...) {
            }
            publish();
        }
    }
}

}  // namespace topdown
