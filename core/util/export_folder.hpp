// The folder an export goes to: created on demand (a new account has no ~/topdown-exports yet).
#pragma once
#include <string>

namespace topdown {

// Creates the folder that will hold `file_path` (and its parents) if missing. Throws IoError naming the
// folder and the reason when it cannot be created or is not a folder.
void ensure_export_folder(const std::string& file_path);

}  // namespace topdown
