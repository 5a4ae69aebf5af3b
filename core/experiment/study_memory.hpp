// How much memory a study run needs, so `topdown-cli experiment` can refuse chains x steps that do not fit
// instead of allocating until the machine swaps or the process is killed.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace topdown {

struct StudyMemory {
    std::uint64_t per_condition = 0;  // while one condition runs: every visible state (N*S*D floats) for the
                                      // classifier, its class probabilities and results, the chain batch
    std::uint64_t kept = 0;           // results kept per condition until the end (states, per-step means, filmstrip)
    std::uint64_t outputs = 0;        // summaries, PCA input and CSV text of the whole study (unsharded runs)
    std::uint64_t total = 0;          // fixed overhead + per_condition + conditions * kept * 3 (results, and the
                                      // two copies made while saving the .tds file) + outputs
};

// Fixed overhead counted in every estimate (classifier buffers, the model, the runtime).
constexpr std::uint64_t kStudyFixedBytes = 64ull << 20;

// The estimate for `architecture` (visible first), `classes`, `chains` x `steps` per condition, `conditions`
// run by this process, and whether the study outputs (report, figures, CSV) are written.
StudyMemory estimate_study_memory(const std::vector<int>& architecture, int classes, int chains, int steps,
                                  std::size_t conditions, bool write_outputs);

// The memory a study may use here: 3/4 of the physical memory (sysconf), or 8 GiB if that is unknown.
std::uint64_t study_memory_limit();

// Throws ArgumentError, saying how much the study would need, the limit, and what to reduce (with the largest
// --steps that fits at these --chains), when the estimate exceeds `limit_bytes`.
void check_study_memory(const std::vector<int>& architecture, int classes, int chains, int steps, std::size_t conditions,
                        bool write_outputs, std::uint64_t limit_bytes);

// A byte count for people: "512 MiB", "3.2 GiB", "31.2 TiB".
std::string format_bytes(std::uint64_t bytes);

}  // namespace topdown
