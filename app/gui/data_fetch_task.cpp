#include "data_fetch_task.hpp"

#include <chrono>

#include "data/data_fetch.hpp"
#include "util/paths.hpp"

namespace topdown::gui {

namespace {
double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

void DataFetchTask::start(const std::string& dir) {
    if (task_.running()) return;
    started_ = now_s();
    Task<std::string>::Options o;
    o.thread_name = "td-fetch";
    o.final_progress = [](std::string& line, TaskStatus status, const std::string& error) {
        if (status != TaskStatus::Finished) line = "Fetching the datasets failed: " + error;
    };
    task_.start(
        [dir](Task<std::string>& task) {
            FetchOptions o;
            o.dir = data_dir(dir);
            o.log = [&task](const std::string& line) { task.publish(line); };
            o.task = &task.state();
            fetch_mnist(o);
            fetch_fashion(o);
            task.publish("MNIST and Fashion-MNIST are ready in " + o.dir);
        },
        "starting the download", std::move(o));
}

DataFetchTask::State DataFetchTask::state() const {
    switch (task_.status()) {
        case TaskStatus::Idle: return State::Idle;
        case TaskStatus::Running: return State::Running;
        case TaskStatus::Finished: return State::Done;
        case TaskStatus::Cancelled:
        case TaskStatus::Failed: return State::Failed;
    }
    return State::Failed;
}

std::string DataFetchTask::message() const { return *task_.progress(); }

double DataFetchTask::elapsed_s() const { return now_s() - started_.load(); }

}  // namespace topdown::gui
