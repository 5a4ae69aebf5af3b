// A layer of the network view drawn as a dense grid of square cells, one per unit (unit j at row j / cols,
// column j % cols), fitted into a box: the shape that gives the largest cells, or a fixed shape (the visible
// layer keeps its image shape). Also the hit test that turns a mouse position into a unit.
#pragma once

namespace topdown {

struct UnitGrid {
    int units = 0;
    int rows = 0, cols = 0;
    float x = 0, y = 0;   // top-left corner of the grid (centred in its box)
    float cell = 0;       // side of one cell
    // Width and height of the whole grid.
    float width() const { return cell * static_cast<float>(cols); }
    float height() const { return cell * static_cast<float>(rows); }
    // The unit under the point (px, py), or -1 (outside the grid or on an empty cell of the last row).
    int unit_at(float px, float py) const;
    // The top-left corner of unit j's cell.
    float cell_x(int unit) const { return x + cell * static_cast<float>(unit % cols); }
    float cell_y(int unit) const { return y + cell * static_cast<float>(unit / cols); }
};

// The grid of `units` cells that fits the box (bx, by, bw, bh) with the largest square cells, centred
// horizontally and at the top. With fixed_rows * fixed_cols == units that shape is used instead.
UnitGrid fit_unit_grid(int units, float bx, float by, float bw, float bh, int fixed_rows = 0, int fixed_cols = 0);

}  // namespace topdown
