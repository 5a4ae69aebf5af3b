// How a visible layer of D units is drawn as an image: a square (28 x 28 for 784) when D is a square
// number, otherwise a one-pixel-high strip of D values (never cut to a wrong square).
#pragma once

namespace topdown {

struct ImageShape {
    int rows = 1, cols = 0;
    // True for a square image.
    bool square() const { return rows == cols && rows > 0; }
};

// The image shape of a visible layer of `visible_size` units (0 units: 1 x 0).
ImageShape visible_image_shape(int visible_size);

}  // namespace topdown
