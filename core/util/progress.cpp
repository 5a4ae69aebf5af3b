#include "util/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace topdown {

std::string format_duration(double s) {
    char buf[64];
    if (!std::isfinite(s) || s < 0) return "?";
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%dh%02dm", int(s / 3600), int(std::fmod(s, 3600) / 60));
    else if (s >= 60) std::snprintf(buf, sizeof buf, "%dm%02ds", int(s / 60), int(std::fmod(s, 60)));
    else std::snprintf(buf, sizeof buf, "%.1fs", s);
    return buf;
}

ProgressBar::ProgressBar(std::string label, double total, std::FILE* out)
    : label_(std::move(label)), total_(std::max(total, 1e-9)), out_(out), tty_(isatty(fileno(out)) != 0),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

void ProgressBar::update(double done, const std::string& status) {
    const auto now = std::chrono::steady_clock::now();
    const double frac = std::clamp(done / total_, 0.0, 1.0);
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double eta = frac > 1e-6 ? elapsed * (1 - frac) / frac : -1;
    if (tty_) {
        if (std::chrono::duration<double>(now - last_).count() < 0.1 && frac < 1.0) return;
        last_ = now;
        const int width = 28;
        const int filled = static_cast<int>(frac * width);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(width, '.');
        std::fprintf(out_, "\r%s [%s] %5.1f%% %s  ETA %s   ", label_.c_str(), bar.c_str(), 100 * frac,
                     status.c_str(), format_duration(eta).c_str());
        std::fflush(out_);
    } else {
        const int pct = static_cast<int>(frac * 10) * 10;  // a line every 10 %
        if (pct == last_percent_line_) return;
        last_percent_line_ = pct;
        std::fprintf(out_, "%s %3d%% %s (elapsed %s, ETA %s)\n", label_.c_str(), pct, status.c_str(),
                     format_duration(elapsed).c_str(), format_duration(eta).c_str());
        std::fflush(out_);
    }
}

void ProgressBar::finish(const std::string& status) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::fprintf(out_, "%s%s done: %s (%s)\n", tty_ ? "\r" : "", label_.c_str(), status.c_str(),
                 format_duration(elapsed).c_str());
    std::fflush(out_);
}

}  // namespace topdown
