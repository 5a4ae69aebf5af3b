// Session files (JSON): model path, biasing, seed, temperature, ensemble size and step. Opening one
// reproduces the same focused chain exactly (chains are deterministic per (seed, chain index)).
#pragma once
#include <string>
#include <vector>

#include "session/session_params.hpp"

namespace topdown {

constexpr int kSessionFileVersion = 1;

struct SessionFile {
    std::string model_path;      // as saved (absolute)
    std::string model_relative;  // the model relative to the session file's folder ("" when unknown)
    std::string model_sha256;    // SHA-256 of the model file, lowercase hex ("" when unknown)
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

// The session's model reference for a session file saved at `session_path`: the absolute path, the path
// relative to the session file's folder and the model's SHA-256 (left empty when the model cannot be read).
void set_session_model(SessionFile& session, const std::string& model_path, const std::string& session_path);

// The model file of a session read from `session_path`, so that a session mailed with its model still
// opens: the path relative to the session file, then the saved path, then a .tdm of the same name, then any
// .tdm in `model_folders`; each with the saved SHA-256 when the session has one. Returns the saved path when
// none matches (the loader then says why it cannot be opened). Never throws.
std::string resolve_session_model(const SessionFile& session, const std::string& session_path,
                                  const std::vector<std::string>& model_folders);

}  // namespace topdown
