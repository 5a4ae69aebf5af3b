// A small plotting module on ImDrawList (ImPlot is not packaged for us): a plot frame with axes, ticks and
// labels, lines, bands, scatter points, a heatmap, a legend and hover read-outs. Coordinate maths lives in
// mapping.hpp, colours in colormaps.hpp.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "plot/colormaps.hpp"
#include "plot/mapping.hpp"

namespace topdown::plot {

// An open plot: its inner rectangle, data ranges and hover state (valid between begin_plot and end_plot).
struct PlotArea {
    ImDrawList* draw = nullptr;
    ImVec2 min, max;       // inner (data) rectangle in screen pixels
    Range x, y;
    bool hovered = false;  // the mouse is over the inner rectangle
    ImVec2 mouse;
    // Screen position of data point (x, y).
    ImVec2 at(double xv, double yv) const {
        return {to_pixel(xv, x, min.x, max.x), to_pixel(yv, y, max.y, min.y)};
    }
    // Data x under the mouse.
    double mouse_x() const { return from_pixel(mouse.x, x, min.x, max.x); }
};

// A legend entry.
struct LegendEntry {
    std::string label;
    ImU32 color;
};

// Colours of the plot frame (shared so tests and exports know them).
// The plot background is the panel background (the cleared frame), so plots draw no fill of their own:
// under software rendering every blended pixel counts (see fonts.hpp, kPanelBackground).
constexpr ImU32 kPlotBackground = IM_COL32(24, 26, 31, 255);
constexpr ImU32 kPlotGrid = IM_COL32(60, 64, 74, 255);
constexpr ImU32 kPlotAxisText = IM_COL32(185, 190, 200, 255);

// Reserves `size` at the cursor and draws background, grid, ticks and axis labels (x_label nullptr: no x
// tick labels, for stacked plots). Call end_plot after.
PlotArea begin_plot(const char* id, ImVec2 size, Range x, Range y, const char* x_label, const char* y_label);
// Closes the plot (pops the clip rectangle).
void end_plot(PlotArea& area);
// A polyline through (xs[i], ys[i]); non-finite points break the line.
void plot_line(PlotArea& area, const double* xs, const float* ys, std::size_t n, ImU32 color, float thickness = 2.0f);
// A filled band between lo[i] and hi[i] (for mean ± SEM).
void plot_band(PlotArea& area, const double* xs, const float* lo, const float* hi, std::size_t n, ImU32 color);
// Filled circles at (xs[i], ys[i]).
void plot_scatter(PlotArea& area, const double* xs, const float* ys, std::size_t n, ImU32 color, float radius = 3.0f);
// A vertical marker line at data x.
void plot_vline(PlotArea& area, double x, ImU32 color, float thickness = 1.0f);
// A legend box in the top-right corner of the plot.
void plot_legend(PlotArea& area, const std::vector<LegendEntry>& entries);
// A rows x cols heatmap of values in [0, 1] (row-major; NaN drawn as background) in [min, max], with the
// value printed in cells wide enough when `labels` is non-null (labels[i] printed for cell i, "" skips).
// Returns the hovered cell index (row * cols + col) or -1.
int draw_heatmap(ImDrawList* draw, ImVec2 min, ImVec2 max, int rows, int cols, const float* values, ColorMap map,
                 const std::vector<std::string>* labels = nullptr);
// ImGui colour of an Rgb with alpha.
inline ImU32 to_imu32(Rgb c, int alpha = 255) { return IM_COL32(c.r, c.g, c.b, alpha); }
// Centred grey placeholder text in a box of `size` (for panels whose data is not available yet).
void placeholder(const char* text, ImVec2 size);

}  // namespace topdown::plot
