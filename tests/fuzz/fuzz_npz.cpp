// libFuzzer target: .npz model files (libzip archive reading with the zip-bomb caps, the .npy parser, the model
// import checks), and the .npy parser alone on the raw input.
#include <cstddef>
#include <cstdint>

#include "io/model_npz.hpp"
#include "io/npy.hpp"
#include "util/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Tighter than the defaults so that libFuzzer's 2 GB RSS limit holds on any input (the default caps are
    // covered by the unit tests and the hostile corpus).
    topdown::ZipLimits limits;
    limits.max_member_bytes = limits.max_total_bytes = 256ULL << 20;
    try {
        (void)topdown::parse_npz_model(data, size, "fuzz", limits);
    } catch (const topdown::Error&) {
    }
    try {
        (void)topdown::parse_npy(data, size, "fuzz");
    } catch (const topdown::Error&) {
    }
    return 0;
}
