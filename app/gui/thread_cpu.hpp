// CPU time used by each thread of this process, grouped by thread name (Linux /proc), for the frame benchmark:
// it tells how a frame's time splits between the UI thread, the GL rasteriser threads and the worker.
#pragma once
#include <map>
#include <string>

namespace topdown::gui {

// Seconds of CPU (user + system) per thread name, summed over live threads; empty where /proc is unavailable.
std::map<std::string, double> thread_cpu_seconds();

// "name a ms, name b ms" per frame: the difference between two samples divided by `frames`, largest first.
std::string thread_cpu_per_frame(const std::map<std::string, double>& before, const std::map<std::string, double>& after,
                                 int frames);

}  // namespace topdown::gui
