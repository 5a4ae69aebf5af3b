#include "thread_cpu.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace topdown::gui {

std::map<std::string, double> thread_cpu_seconds() {
    std::map<std::string, double> out;
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/proc/self/task", ec)) {
        std::ifstream stat(e.path() / "stat");
        std::string line;
        if (!std::getline(stat, line)) continue;
        // Fields after the parenthesised name: state(3) ... utime(14) stime(15); the name may hold spaces.
        const auto open = line.find('('), close = line.rfind(')');
        if (open == std::string::npos || close == std::string::npos || close < open) continue;
        const std::string name = line.substr(open + 1, close - open - 1);
        std::istringstream rest(line.substr(close + 1));
        std::string field;
        double utime = 0, stime = 0;
        for (int i = 3; i <= 15 && rest >> field; ++i) {
            if (i == 14) utime = std::strtod(field.c_str(), nullptr);
            if (i == 15) stime = std::strtod(field.c_str(), nullptr);
        }
        out[name] += (utime + stime) / ticks;
    }
    return out;
}

std::string thread_cpu_per_frame(const std::map<std::string, double>& before, const std::map<std::string, double>& after,
                                 int frames) {
    std::vector<std::pair<double, std::string>> rows;
    for (const auto& [name, t] : after) {
        auto it = before.find(name);
        const double d = t - (it == before.end() ? 0.0 : it->second);
        if (d > 0) rows.emplace_back(d * 1000.0 / std::max(1, frames), name);
    }
    std::sort(rows.rbegin(), rows.rend());
    std::string s;
    char buf[96];
    for (const auto& [ms, name] : rows) {
        std::snprintf(buf, sizeof buf, "%s%s %.2f ms", s.empty() ? "" : ", ", name.c_str(), ms);
        s += buf;
    }
    return s;
}

}  // namespace topdown::gui
