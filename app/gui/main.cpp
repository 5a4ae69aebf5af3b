// `topdown`: the interactive app (issue 5). See app.cpp for the shell and panels/ for the panels.
//
// Software rendering (Mesa llvmpipe, e.g. under Xvfb) keeps its default of one rasteriser thread per core:
// the simulation worker runs at SCHED_IDLE, so the rasteriser and UI threads take a core from it whenever
// they need one. Measured on 2 cores with the worker flat out (bench/bench_frame.sh): 1 rasteriser thread
// 15.5 ms median frame, 2 threads 10.5 ms (with the worker at nice +10 instead: 17.9 ms and 14.4 ms).
#include "app.hpp"

int main(int argc, char** argv) {
    topdown::gui::AppOptions options;
    int exit_code = 0;
    if (!topdown::gui::parse_app_options(argc, argv, options, exit_code)) return exit_code;
    return topdown::gui::run_app(options);
}
