// The figure layer's data: a Figure is a grid of Panels, each holding plain data (lines with SEM bands,
// scatter points, bars, distributions drawn as box/violin + points, significance brackets, a heatmap with
// colour bar, a grid of image tiles). Build one, then write it with write_figure (core/figure/render.hpp)
// as PNG / SVG / PDF through cairo, with the data behind it as CSV. No drawing code here.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "figure/palette.hpp"

namespace topdown::figure {

// Journal widths in inches: one column (~3.5 in) and two columns (~7 in).
inline constexpr double kOneColumnInches = 3.5;
inline constexpr double kTwoColumnInches = 7.0;

// A polyline; with `sem` (same length as y) a translucent band y ± sem is drawn under it.
struct Line {
    std::string label;                // legend entry ("" = none)
    std::vector<double> x, y, sem;
    Rgb color;
    double width = 1.5;               // points
    bool dashed = false;
    bool markers = false;             // a dot at every point
};

// Points; per-point colours override `color`; `ring` (same length as x, optional) draws a dark ring.
struct Scatter {
    std::string label;
    std::vector<double> x, y;
    Rgb color;
    std::vector<Rgb> colors;          // optional, one per point
    std::vector<char> ring;           // optional, one per point (non-zero = ring)
    double radius = 2.2;              // points
    double opacity = 1.0;
};

// Bars at categorical positions 0..n-1 (or given x), with optional error bars.
struct Bars {
    std::string label;
    std::vector<double> x, height, err;
    Rgb color;
    double width = 0.7;               // in x units
};

// One distribution drawn at x (a category position): box (median, quartiles, 1.5 IQR whiskers) and/or a
// violin (Gaussian kernel density, Silverman's bandwidth), with every value as a jittered point.
struct Distribution {
    std::string label;                // legend entry ("" = none)
    double x = 0;
    std::vector<double> values;
    Rgb color;
};

// How distributions are drawn.
enum class DistributionStyle { Box, Violin, ViolinBox };

// A significance bracket between x0 and x1 above the data, labelled with `text` (e.g. "p = 0.003 **").
struct Bracket {
    double x0 = 0, x1 = 0;
    std::string text;
};

// A matrix drawn as coloured cells with a colour bar; cells print value * cell_scale with cell_format.
struct Heatmap {
    int rows = 0, cols = 0;
    std::vector<double> values;       // row-major, rows * cols
    std::vector<std::string> row_names, col_names;
    std::vector<Rgb> row_name_colors, col_name_colors;  // optional swatches next to the names
    std::string row_title, col_title, colorbar_title;
    double vmin = 0, vmax = 1;
    double cell_scale = 100;          // printed value = value * cell_scale
    std::string cell_format = "%.0f%%";
    double min_printed = 0.005;       // values below this print nothing
    bool magma = false;               // colour map: viridis (default) or magma
};

// One grayscale image in a grid of tiles, with an optional coloured frame (e.g. the classifier state).
struct Tile {
    int grid_row = 0, grid_col = 0;
    int rows = 0, cols = 0;           // image shape
    std::vector<float> pixels;        // rows * cols in [0, 1]
    std::optional<Rgb> frame;
    int state = -2;                   // written to the CSV (e.g. classifier state; -2 = none)
};

// A grid of image tiles with row and column labels.
struct TileGrid {
    int rows = 0, cols = 0;
    std::vector<std::string> row_labels, col_labels;
    std::string col_title;            // above the column labels (e.g. "step")
    std::vector<Tile> tiles;
};

// One axis of an x-y panel.
struct Axis {
    std::string title;                // with units, e.g. "energy (a.u.)"
    std::optional<double> min, max;   // default: from the data with 5 % padding
    std::vector<std::string> categories;  // categorical axis: tick i at position i
    bool integer_ticks = false;
    bool log = false;                 // log10 scale (values <= 0 are skipped)
};

// An extra legend entry that belongs to no series (e.g. state colours).
struct LegendEntry {
    std::string label;
    Rgb color;
    bool line = false;                // a short line instead of a swatch
};

// One panel: an x-y plot (lines, scatters, bars, distributions, brackets), a heatmap, or a tile grid.
struct Panel {
    std::string title;
    Axis x, y;
    std::vector<Line> lines;
    std::vector<Scatter> scatters;
    std::vector<Bars> bars;
    std::vector<Distribution> distributions;
    DistributionStyle distribution_style = DistributionStyle::ViolinBox;
    std::vector<Bracket> brackets;
    std::optional<Heatmap> heatmap;
    std::optional<TileGrid> tiles;
    std::vector<LegendEntry> legend_extra;
    bool legend = true;               // a legend of the labelled series, placed where it covers no data
    double aspect = 0.72;             // plot height / plot width (x-y panels)
    bool equal_aspect = false;        // same data units per point on both axes
    std::string note;                 // a small line under the panel
};

// A whole figure.
struct Figure {
    std::string title;
    std::string note;                 // a caption line under the panels
    double width_in = kTwoColumnInches;
    int columns = 0;                  // panels per row (0 = all in one row up to 3)
    std::vector<Panel> panels;
};

}  // namespace topdown::figure
