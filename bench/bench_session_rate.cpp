// Achieved step rate of the live session worker for a requested rate, on the shipped iDBN (784-500-500-1000,
// intersection {2, 9}, ensemble 20), while other processes may load the CPUs. Not a pass/fail test: it prints
// the numbers. Usage: bench_session_rate [steps_per_second=30] [seconds=3] [ensemble=20]
// Compare, with two CPU burners running (`yes > /dev/null &` twice):
//   bench_session_rate                   (the worker's own policy: normal priority for a requested rate)
//   chrt --idle 0 bench_session_rate     (the whole process at SCHED_IDLE, as the worker ran before)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "model/model_file.hpp"
#include "session/session_worker.hpp"

using namespace topdown;

int main(int argc, char** argv) {
    const float rate = argc > 1 ? std::strtof(argv[1], nullptr) : 30.0f;
    const double seconds = argc > 2 ? std::strtod(argv[2], nullptr) : 3.0;
    const int ensemble = argc > 3 ? std::atoi(argv[3]) : 20;
    const std::string path = std::string(TOPDOWN_BENCH_SOURCE_DIR) + "/assets/models/idbn_mnist.tdm";
    SessionWorker w(1000, 2000, /*batch_when_unpaced=*/true);
    w.send(cmd::UseModel{std::make_shared<const Dbn>(load_model(path)), path});
    w.send(cmd::SetSpeed{rate});
    SessionParams p;
    p.bias.method = BiasMethod::Intersection;
    p.bias.class_a = 2;
    p.bias.class_b = 9;
    p.ensemble_size = ensemble;
    p.steps = 1000000;
    w.send(cmd::Restart{p, true});
    const auto first = w.wait_for([](const Snapshot& s) { return s.step >= 2; }, std::chrono::seconds(30));
    const auto t0 = std::chrono::steady_clock::now();
    const int s0 = first->step;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    const int s1 = w.latest()->step;
    const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("requested %.1f steps/s, achieved %.2f steps/s over %.2f s (%d steps, ensemble %d)\n",
                static_cast<double>(rate), double(s1 - s0) / dt, dt, s1 - s0, ensemble);
    return 0;
}
