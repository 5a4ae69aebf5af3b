// The figure options shared by the commands that write figures (experiment, merge, replay, sweep collect):
// --format png,svg,pdf (default png,svg) and --png-scale (pixels per point; 2 = slides).
#pragma once
#include <CLI/CLI.hpp>

#include <string>

#include "experiment/study_figures.hpp"
#include "figure/render.hpp"
#include "util/errors.hpp"

namespace topdown::cli {

// What the user asked for, as given on the command line.
struct FigureArgs {
    std::string formats = "png,svg";
    double png_scale = 2.0;
    // The parsed options (the formats were checked when the command line was parsed).
    FigureOptions options() const { return {figure::parse_formats(formats), png_scale}; }
};

// Adds --format and --png-scale to a command; a bad format list is refused before any work starts.
inline void add_figure_options(CLI::App* cmd, FigureArgs& a) {
    cmd->add_option("--format", a.formats, "Figure formats, comma-separated: png, svg, pdf (each figure also gets a CSV of its data)")
        ->check([](const std::string& s) -> std::string {
            try {
                figure::parse_formats(s);
                return {};
            } catch (const ArgumentError& e) {
                return e.what();
            }
        })
        ->capture_default_str();
    cmd->add_option("--png-scale", a.png_scale, "PNG pixels per point (1 = 72 dpi; 2 = slides; 4 = 288 dpi print)")
        ->check(CLI::Range(0.5, 8.0))
        ->capture_default_str();
}

}  // namespace topdown::cli
