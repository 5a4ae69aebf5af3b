// libFuzzer target: the study results reader (.tds shards), then the checks `topdown-cli merge` runs against
// the model and the summaries the report computes from whatever was accepted.
#include <cstddef>
#include <cstdint>

#include "study_check.hpp"
#include "util/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        topdown::fuzz::check_study_bytes(data, size);
    } catch (const topdown::Error&) {
    }
    return 0;
}
