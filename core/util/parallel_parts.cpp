#include "util/parallel_parts.hpp"

#include <exception>
#include <mutex>

namespace topdown {

void run_parts(std::size_t parts, const std::function<void(std::size_t)>& body) {
    std::exception_ptr first;
    std::mutex first_mutex;
    auto guarded = [&](std::size_t p) {
        try {
            body(p);
        } catch (...) {
            const std::lock_guard<std::mutex> lock(first_mutex);
            if (!first) first = std::current_exception();
        }
    };
#ifdef _OPENMP
    if (parts > 1) {
#pragma omp parallel for schedule(static, 1) num_threads(static_cast<int>(parts))
        for (std::ptrdiff_t p = 0; p < static_cast<std::ptrdiff_t>(parts); ++p) guarded(static_cast<std::size_t>(p));
    } else {
        for (std::size_t p = 0; p < parts; ++p) guarded(p);
    }
#else
    for (std::size_t p = 0; p < parts; ++p) guarded(p);
#endif
    if (first) std::rethrow_exception(first);
}

}  // namespace topdown
