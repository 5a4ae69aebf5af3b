// libFuzzer target: the model loader must throw a typed error or succeed, never crash or over-allocate.
#include <cstddef>
#include <cstdint>

#include "model/model_file.hpp"
#include "util/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)topdown::parse_model(data, size, "fuzz");
    } catch (const topdown::Error&) {
    }
    return 0;
}
