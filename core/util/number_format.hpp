// Short number formats for report text (Markdown tables of the studies).
#pragma once
#include <string>

namespace topdown {

// `v` with three decimals ("%.3f").
std::string f3(double v);
// `v` with three significant digits ("%.3g").
std::string g3(double v);

}  // namespace topdown
