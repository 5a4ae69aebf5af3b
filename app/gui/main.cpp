// `topdown`: the interactive app (issue 5). See app.cpp for the shell and panels/ for the panels.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <thread>

#include "app.hpp"

int main(int argc, char** argv) {
    // Software rendering (Mesa llvmpipe, e.g. under Xvfb): the simulation worker keeps one core busy, so
    // llvmpipe gets the others minus one for the UI thread (at least one). Read when the GL context is made;
    // a value the user set wins. Measured on 2 cores: 16.1 ms median frame with 1 thread, 18.8 ms with 2.
    if (!std::getenv("LP_NUM_THREADS")) {
        const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
        setenv("LP_NUM_THREADS", std::to_string(hw > 3 ? hw - 2 : 1).c_str(), 0);
    }
    topdown::gui::AppOptions options;
    int exit_code = 0;
    if (!topdown::gui::parse_app_options(argc, argv, options, exit_code)) return exit_code;
    return topdown::gui::run_app(options);
}
