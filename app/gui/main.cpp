// `topdown`: the interactive app (issue 5). See app.cpp for the shell and panels/ for the panels.
#include "app.hpp"

int main(int argc, char** argv) {
    topdown::gui::AppOptions options;
    int exit_code = 0;
    if (!topdown::gui::parse_app_options(argc, argv, options, exit_code)) return exit_code;
    return topdown::gui::run_app(options);
}
