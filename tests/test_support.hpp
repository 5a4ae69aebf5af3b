// Helpers shared by the tests: real data slices, temporary folders.
#pragma once
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "data/dataset.hpp"
#include "math/matrix.hpp"
#include "math/random.hpp"
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

// A rows x cols matrix of uniform numbers in [lo, hi) from the project's seeded stream (seed, 0):
// the same values on every run and in every test order (unlike Matrix::Random / std::rand).
inline Matrix seeded_uniform(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed, float lo = 0.0f, float hi = 1.0f) {
    Matrix m(rows, cols);
    CounterRng rng(seed, 0);
    rng.uniform(m.data(), static_cast<std::size_t>(m.size()));
    m.array() = lo + (hi - lo) * m.array();
    return m;
}

// The logistic function in double precision, written out: the reference the layer and chain tests compare with.
inline double reference_sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// Writes `bytes` to `path` as is, creating the parent folders first.
inline void write_file(const std::string& path, const std::string& bytes) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace topdown::test
