#include "analyze/transition_matrix.hpp"

#include <algorithm>

#include "util/errors.hpp"

namespace topdown {

TransitionCounts::TransitionCounts(int C) : counts_(Eigen::MatrixXd::Zero(C + 1, C + 1)) {}

void TransitionCounts::add(int from, int to) {
    const int n = static_cast<int>(counts_.rows());
    if (from < 0 || to < 0 || from >= n || to >= n) throw ArgumentError("transition state out of range");
    counts_(from, to) += 1;
}

void TransitionCounts::add_chain(const std::vector<int>& s) {
    for (std::size_t i = 1; i < s.size(); ++i) add(s[i - 1], s[i]);
}

void TransitionCounts::merge(const TransitionCounts& o) {
    if (o.counts_.rows() != counts_.rows()) throw ArgumentError("cannot merge transition counts of different sizes");
    counts_ += o.counts_;
}

void TransitionAccumulator::add_step(const std::vector<int>& states) {
    const std::size_t n = std::min(previous_.size(), states.size());
    for (std::size_t i = 0; i < n; ++i)
        if (previous_[i] >= 0 && states[i] >= 0) counts_.add(previous_[i], states[i]);
    previous_ = states;
}

Eigen::MatrixXd TransitionCounts::normalized() const {
    Eigen::MatrixXd t = counts_;
    for (Eigen::Index i = 0; i < t.rows(); ++i) {
        const double s = t.row(i).sum();
        if (s > 0) t.row(i) /= s;
    }
    return t;
}

double distance_to_identity(const Eigen::MatrixXd& t) {
    return (t - Eigen::MatrixXd::Identity(t.rows(), t.cols())).norm();
}

double between_class_probability(const Eigen::MatrixXd& t) {
    const Eigen::Index C = t.rows() - 1;
    if (C < 2) return 0;
    double s = 0;
    for (Eigen::Index i = 0; i < C; ++i)
        for (Eigen::Index j = 0; j < C; ++j)
            if (i != j) s += t(i, j);
    return s / double(C * (C - 1));
}

double off_diagonal_probability(const Eigen::MatrixXd& t) {
    const Eigen::Index n = t.rows();
    if (n < 2) return 0;
    return (t.sum() - t.trace()) / double(n * (n - 1));
}

}  // namespace topdown
