#include "util/export_folder.hpp"

#include <filesystem>

#include "util/errors.hpp"

namespace topdown {

void ensure_export_folder(const std::string& file_path) {
    namespace fs = std::filesystem;
    const fs::path folder = fs::path(file_path).parent_path();
    if (folder.empty()) return;  // the working directory
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw IoError("cannot create the export folder " + folder.string() + ": " + ec.message());
    if (!fs::is_directory(folder, ec))
        throw IoError("cannot export to " + folder.string() + ": it is not a folder");
}

}  // namespace topdown
