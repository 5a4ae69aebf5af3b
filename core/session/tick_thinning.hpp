// Which tick labels of a plot axis to print so that none overlaps its neighbour (every s-th label, the
// smallest s that leaves `gap` pixels between printed labels). GUI-free so it can be tested.
#pragma once
#include <vector>

namespace topdown {

// Indices of the labels to print. `centers` are the labels' centres along the axis (increasing or
// decreasing), `extents` their sizes along it (text width on an x axis, height on a y axis). Keeps every
// stride-th label, starting with the first, for the smallest stride at which no two printed labels come
// closer than `gap`; an empty input gives an empty result.
std::vector<int> thinned_tick_labels(const std::vector<float>& centers, const std::vector<float>& extents, float gap);

}  // namespace topdown
