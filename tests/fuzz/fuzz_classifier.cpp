// libFuzzer target: the classifier loader.
#include <cstddef>
#include <cstdint>

#include "classify/state_classifier.hpp"
#include "util/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)topdown::parse_classifier(data, size, "fuzz");
    } catch (const topdown::Error&) {
    }
    return 0;
}
