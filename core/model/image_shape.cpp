#include "model/image_shape.hpp"

#include <cmath>

namespace topdown {

ImageShape visible_image_shape(int d) {
    const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(d > 0 ? d : 0))));
    if (side > 0 && side * side == d) return {side, side};
    return {1, d > 0 ? d : 0};
}

}  // namespace topdown
