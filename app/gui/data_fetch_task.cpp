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

DataFetchTask::~DataFetchTask() {
    if (thread_.joinable()) thread_.join();
}

void DataFetchTask::start(const std::string& dir) {
    if (state_.load() == State::Running) return;
    if (thread_.joinable()) thread_.join();
    started_ = now_s();
    set_message("starting the download");
    state_.store(State::Running);
    thread_ = std::thread([this, dir] {
        try {
            FetchOptions o;
            o.dir = data_dir(dir);
            o.log = [this](const std::string& line) { set_message(line); };
            fetch_mnist(o);
            fetch_fashion(o);
            set_message("MNIST and Fashion-MNIST are ready in " + o.dir);
            state_.store(State::Done);
        } catch (const std::exception& e) {
            set_message(std::string("Fetching the datasets failed: ") + e.what());
            state_.store(State::Failed);
        }
    });
}

std::string DataFetchTask::message() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return message_;
}

double DataFetchTask::elapsed_s() const { return now_s() - started_; }

void DataFetchTask::set_message(const std::string& m) {
    std::lock_guard<std::mutex> lock(mutex_);
    message_ = m;
}

}  // namespace topdown::gui
