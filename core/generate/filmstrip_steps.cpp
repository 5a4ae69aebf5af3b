#include "generate/filmstrip_steps.hpp"

namespace topdown {

std::vector<int> study_filmstrip_steps(int steps) {
    std::vector<int> f;
    for (int s : {1, 2, 3, 5, 10, 20, 30, 50, 75, 100})
        if (s <= steps) f.push_back(s);
    if (f.back() != steps && steps > 100) f.push_back(steps);
    return f;
}

std::vector<int> log_spaced_filmstrip_steps(int steps) {
    std::vector<int> f;
    for (int base = 1; base <= steps; base *= 10)
        for (int m : {1, 2, 3, 5})
            if (base * m <= steps && f.size() < 10) f.push_back(base * m);
    if (f.empty() || f.back() != steps) f.push_back(steps);
    return f;
}

}  // namespace topdown
