// Helpers shared by the tests: real data slices, temporary folders.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "data/dataset.hpp"
#include "util/paths.hpp"

namespace topdown::test {

// A fresh temporary folder, removed when the object dies.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string t = (std::filesystem::temp_directory_path() / "topdown-test-XXXXXX").string();
        path = mkdtemp(t.data());
    }
    ~TempDir() { std::error_code ec; std::filesystem::remove_all(path, ec); }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

// The first `n` images of a real dataset split (fails the test with a hint if the data is missing).
inline Dataset real_slice(const std::string& name, Split split, std::size_t n) {
    return load_dataset(name, split, data_dir(), n);
}

}  // namespace topdown::test
