// A terminal progress bar that degrades to plain lines when the output is not a terminal.
#pragma once
#include <chrono>
#include <cstdio>
#include <string>

namespace topdown {

class ProgressBar {
public:
    // `label` prefixes every line; `total` is the number of work units.
    ProgressBar(std::string label, double total, std::FILE* out = stderr);
    // Reports `done` work units and a free-form status text (e.g. "epoch 3/100 MSE 0.012").
    void update(double done, const std::string& status);
    // Prints the final line.
    void finish(const std::string& status);

private:
    std::string label_;
    double total_;
    std::FILE* out_;
    bool tty_;
    std::chrono::steady_clock::time_point start_, last_;
    int last_percent_line_ = -1;
};

// Formats seconds as "1h02m", "3m05s" or "12.3s".
std::string format_duration(double seconds);

}  // namespace topdown
