#include "session/unit_grid.hpp"

#include <algorithm>
#include <cmath>

namespace topdown {

int UnitGrid::unit_at(float px, float py) const {
    if (units <= 0 || cell <= 0 || px < x || py < y) return -1;
    const int c = static_cast<int>(std::floor((px - x) / cell)), r = static_cast<int>(std::floor((py - y) / cell));
    if (c < 0 || c >= cols || r < 0 || r >= rows) return -1;
    const int j = r * cols + c;
    return j < units ? j : -1;
}

UnitGrid fit_unit_grid(int units, float bx, float by, float bw, float bh, int fixed_rows, int fixed_cols) {
    UnitGrid g;
    g.units = std::max(0, units);
    if (g.units == 0 || !(bw > 0) || !(bh > 0)) return g;
    if (fixed_rows > 0 && fixed_cols > 0 && fixed_rows * fixed_cols == g.units) {
        g.rows = fixed_rows, g.cols = fixed_cols;
    } else {
        float best = -1;
        for (int c = 1; c <= g.units; ++c) {
            const int r = (g.units + c - 1) / c;
            const float cell = std::min(bw / static_cast<float>(c), bh / static_cast<float>(r));
            if (cell > best) best = cell, g.cols = c, g.rows = r;
        }
    }
    g.cell = std::min(bw / static_cast<float>(g.cols), bh / static_cast<float>(g.rows));
    // Whole pixels where the cells are at least a pixel wide (crisp grids on screen).
    if (g.cell >= 1.0f) g.cell = std::floor(g.cell);
    g.x = std::floor(bx + (bw - g.width()) * 0.5f);
    g.y = by;
    return g;
}

}  // namespace topdown
