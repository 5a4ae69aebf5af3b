#include "session/panel_float.hpp"

#include <cmath>

namespace topdown {

bool panel_floats(const PanelRect& a, const PanelRect& p, float tol) {
    const float d[] = {a.x - p.x, a.y - p.y, (a.x + a.w) - (p.x + p.w), (a.y + a.h) - (p.y + p.h)};
    for (float v : d)
        if (!(std::fabs(v) <= tol)) return true;
    return false;
}

}  // namespace topdown
