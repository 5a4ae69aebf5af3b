// Running independent parts of a job on OpenMP threads without letting an exception escape the parallel
// region (an exception leaving an OpenMP region calls std::terminate).
#pragma once
#include <cstddef>
#include <functional>

namespace topdown {

// Runs body(p) for every p in [0, parts), one OpenMP thread per part (statically, part p on thread p) when
// parts > 1, serially otherwise or without OpenMP. An exception thrown by a part (std::bad_alloc, a typed
// error) is caught inside the region; after every part has finished, the first one caught is rethrown.
void run_parts(std::size_t parts, const std::function<void(std::size_t)>& body);

}  // namespace topdown
