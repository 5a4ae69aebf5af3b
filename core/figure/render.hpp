// Writing a Figure (core/figure/figure.hpp) through cairo: PNG (antialiased, `png_scale` pixels per point,
// 2 = slides), SVG and PDF (vector, DejaVu Sans), and the CSV of the data behind it.
#pragma once
#include <string>
#include <vector>

#include "figure/figure.hpp"

namespace topdown::figure {

enum class Format { Png, Svg, Pdf };

// File extension of a format ("png", "svg", "pdf").
const char* format_extension(Format f);

// Parses "png,svg,pdf" (any subset, any order, no duplicates); throws ArgumentError naming the bad entry.
std::vector<Format> parse_formats(const std::string& list);

// The default formats: PNG and SVG.
std::vector<Format> default_formats();

// Renders the figure to bytes in the given format.
std::string render_figure(const Figure& figure, Format format, double png_scale = 2.0);

// Writes `base` + ".png/.svg/.pdf" for each format and `base` + ".csv" (figure_csv), atomically; returns
// the paths written. Throws IoError / ArgumentError.
std::vector<std::string> write_figure(const Figure& figure, const std::string& base,
                                      const std::vector<Format>& formats, double png_scale = 2.0);

// The data behind a figure as CSV in long form: panel,kind,series,x,y,sem,row,col,value.
std::string figure_csv(const Figure& figure);

// Figure size in points (1/72 in) as laid out for rendering.
struct FigureSize {
    double width = 0, height = 0;
};
// The laid-out size of a figure in points.
FigureSize figure_size(const Figure& figure);

}  // namespace topdown::figure
