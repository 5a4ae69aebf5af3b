// Wall-clock helpers.
#pragma once
#include <string>

namespace topdown {

// Current UTC time as ISO-8601, e.g. "2026-11-24T01:30:00Z".
std::string iso8601_now();

}  // namespace topdown
