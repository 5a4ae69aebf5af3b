// libFuzzer target: the IDX image and label readers.
#include <cstddef>
#include <cstdint>

#include "data/idx.hpp"
#include "util/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)topdown::parse_idx_images(data, size, "fuzz");
    } catch (const topdown::Error&) {
    }
    try {
        (void)topdown::parse_idx_labels(data, size, "fuzz");
    } catch (const topdown::Error&) {
    }
    return 0;
}
