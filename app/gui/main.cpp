// `topdown`: the interactive app (issue 5). See app.cpp for the shell and panels/ for the panels.
//
// Software rendering (Mesa llvmpipe, e.g. under Xvfb) rasterises on LP_NUM_THREADS threads, by default one per
// core. While a chain plays at a requested rate the simulation worker runs at normal priority and needs most of
// a core, so unless the user set LP_NUM_THREADS the app asks for one rasteriser thread fewer than there are
// cores (at least one): on 2 cores the rasteriser then works on one thread instead of two time-slicing the
// worker's core, which cost the UI thread's frames their deadline. Hardware drivers ignore the variable.
// Measurements (2 cores, bench/bench_frame.sh, 300 chains at 60 steps/s, frames paced at 60 Hz) are in
// README's performance section.
#include <cstdlib>
#include <string>
#include <thread>

#include "app.hpp"

namespace {
// Sets LP_NUM_THREADS to (cores - 1), at least 1, unless the environment already sets it.
void leave_a_core_for_the_worker() {
    const unsigned cores = std::thread::hardware_concurrency();
    const unsigned threads = cores > 1 ? cores - 1 : 1;
    (void)setenv("LP_NUM_THREADS", std::to_string(threads).c_str(), /*overwrite=*/0);
}
}  // namespace

int main(int argc, char** argv) {
    topdown::gui::AppOptions options;
    int exit_code = 0;
    if (!topdown::gui::parse_app_options(argc, argv, options, exit_code)) return exit_code;
    leave_a_core_for_the_worker();
    return topdown::gui::run_app(options);
}
