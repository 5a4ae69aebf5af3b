// libFuzzer target: the session file reader (JSON describing model, biasing, seed and step).
#include <cstddef>
#include <cstdint>
#include <string>

#include "session/session_file.hpp"
#include "util/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)topdown::session_from_json(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const topdown::Error&) {
    }
    return 0;
}
