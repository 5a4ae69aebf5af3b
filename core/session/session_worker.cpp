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

SessionWorker::SessionWorker(std::size_t history_capacity, std::size_t ensemble_capacity, bool yield_to_ui)
    : empty_(std::make_shared<const Snapshot>()), sim_(history_capacity, ensemble_capacity) {
    thread_ = std::thread([this, yield_to_ui] {
#ifdef __linux__
        (void)pthread_setname_np(pthread_self(), "td-worker");  // shown by top -H, perf, gdb
        // SCHED_IDLE: the worker still uses every spare cycle ("as fast as possible"), but the UI thread and the
        // GL rasteriser threads take a core from it at once whenever they wake. Failure (e.g. a sandbox) only
        // costs UI smoothness; nice +10 is the fallback. Linux applies both per thread.
        if (yield_to_ui) {
            sched_param param{};
            if (pthread_setschedparam(pthread_self(), SCHED_IDLE, &param) != 0)
                (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
        }
#else
        (void)yield_to_ui;
#endif
        run();
    });
}

SessionWorker::~SessionWorker() {
    queue_.close();
    if (thread_.joinable()) thread_.join();
    if (load_task_) load_task_->request_cancel();
    if (loader_.joinable()) loader_.join();
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

void SessionWorker::start_load(const cmd::LoadModel& c) {
    // One load at a time; the newest request wins: a running load is cancelled (it stops at its next
    // check point) before the new one starts.
    if (load_task_) load_task_->request_cancel();
    if (loader_.joinable()) loader_.join();
    load_task_ = std::make_shared<TaskState>();
    const std::uint64_t request = ++load_request_;
    loading_ = true;
    loading_path_ = c.path;
    loader_ = std::thread([this, request, c, task = load_task_] {
#ifdef __linux__
        (void)pthread_setname_np(pthread_self(), "td-loader");
        // Threads inherit the worker's SCHED_IDLE: loading a model runs at normal priority.
        sched_param normal{};
        (void)pthread_setschedparam(pthread_self(), SCHED_OTHER, &normal);
        (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 0);
#endif
        const std::string& path = c.path;
        ModelLoaded m;
        m.request = request;
        m.path = path;
        m.params = c.params;
        m.run_to = c.run_to;
        try {
            auto dbn = std::make_shared<const Dbn>(load_model(path));
            if (dbn->layers.empty()) throw FileFormatError(path + ": the model has no layers");
            m.model = prepare_generation_model(dbn);
            m.info = build_model_info(dbn, path, m.model, task.get());
        } catch (const std::exception& e) {
            m.error = e.what();
        }
        queue_.push(Item(std::move(m)));
    });
}

void SessionWorker::apply_loaded(ModelLoaded&& m) {
    if (m.request != load_request_) return;  // a newer load was requested meanwhile
    loading_ = false;
    if (!m.error.empty()) {
        set_error("Could not open model: " + m.error);
        status_ = "kept the previous model";
        return;
    }
    try {
        sim_.set_model(m.info, m.model);
        status_ = "loaded " + m.info->name;
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

void SessionWorker::apply(const SessionCommand& command) {
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
                       if (!sim_.step_back() && sim_.current_step() > 1) status_ = "older steps are no longer kept";
                   },
                   [&](const cmd::Seek& c) {
                       mode_ = RunMode::Paused;
                       if (!sim_.seek(c.step)) status_ = std::string("step ") + std::to_string(c.step) + " is not kept";
                   },
                   [&](const cmd::Restart& c) {
                       try {
                           sim_.restart(c.params);
                           mode_ = c.play ? RunMode::RunningTo : RunMode::Paused;
                           run_to_ = c.params.steps;
                           status_ = "started " + describe(sim_.params());
                       } catch (const std::exception& e) {
                           set_error(std::string("Could not start: ") + e.what());
                       }
                   },
                   [&](const cmd::SetSpeed& c) { speed_ = c.steps_per_second; },
                   [&](const cmd::RunTo& c) {
                       if (!sim_.ready() || c.step < 1) return;
                       if (c.step <= sim_.newest_step() && sim_.seek(c.step)) {
                           mode_ = RunMode::Paused;
                       } else if (c.step > sim_.current_step()) {
                           mode_ = RunMode::RunningTo;
                           run_to_ = c.step;
                       } else {
                           // Chains are deterministic: replay from the start to reach a step no longer kept.
                           try {
                               sim_.restart(sim_.params());
                               mode_ = RunMode::RunningTo;
                               run_to_ = c.step;
                               status_ = std::string("replaying from step 1 to reach step ") + std::to_string(c.step);
                           } catch (const std::exception& e) {
                               set_error(e.what());
                           }
                       }
                   },
                   [&](const cmd::LoadModel& c) { start_load(c); },
                   [&](const cmd::UseModel& c) {
                       ++load_request_;  // cancels a pending file load
                       loading_ = false;
                       try {
                           if (!c.model) throw ArgumentError("no model");
                           auto g = prepare_generation_model(c.model);
                           sim_.set_model(build_model_info(c.model, c.path), g);
                           mode_ = RunMode::Paused;
                           status_ = "model " + c.model->architecture_text() + " in use";
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
    s->status = status_;
    s->error = error_;
    s->error_serial = error_serial_;
    mailbox_.publish(std::move(s));
}

void SessionWorker::run() {
    publish();
    auto next_due = Clock::now();
    while (true) {
        bool changed = false;
        for (auto& item : queue_.drain()) {
            changed = true;
            if (auto* c = std::get_if<SessionCommand>(&item))
                apply(*c);
            else
                apply_loaded(std::move(std::get<ModelLoaded>(item)));
        }
        if (queue_.closed()) break;
        if (mode_ == RunMode::RunningTo && sim_.current_step() >= run_to_) {
            mode_ = RunMode::Paused;
            changed = true;
        }
        if (mode_ == RunMode::Paused || !sim_.ready()) {
            if (changed) publish();
            queue_.wait();
            continue;
        }
        if (speed_ > 0) {
            const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / speed_));
            const auto now = Clock::now();
            if (now < next_due) {
                if (changed) publish();
                queue_.wait_until(next_due);
                continue;
            }
            if (now - next_due > period) next_due = now;  // no burst to catch up after a pause or a stall
            next_due += period;
        }
        do_step();
        publish();
    }
}

}  // namespace topdown
