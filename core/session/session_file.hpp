// Session files (JSON): model path, biasing, seed, temperature, ensemble size and step. Opening one
// reproduces the same focused chain exactly (chains are deterministic per (seed, chain index)).
#pragma once
#include <string>

#include "session/session_params.hpp"

namespace topdown {

constexpr int kSessionFileVersion = 1;

struct SessionFile {
    std::string model_path;
    SessionParams params;
    int step = 0;  // the focused chain's step to return to
};

// The session as JSON text (format "topdown-session", version 1).
std::string session_to_json(const SessionFile& session);

// Parses and validates every field; throws FileFormatError with a message for people on any bad input.
SessionFile session_from_json(const std::string& text);

// Writes a session file atomically. Throws IoError.
void save_session(const std::string& path, const SessionFile& session);

// Reads a session file (at most 1 MiB). Throws IoError / FileFormatError.
SessionFile load_session(const std::string& path);

}  // namespace topdown
