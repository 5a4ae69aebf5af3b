// Quoting a word for a POSIX shell (sweep job scripts, data fetch commands, generate's rerun command).
#pragma once
#include <string>

namespace topdown {

// `word` single-quoted for a POSIX shell, unless it is non-empty and made only of characters that need no quoting.
std::string shell_quote(const std::string& word);

}  // namespace topdown
