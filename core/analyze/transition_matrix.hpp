// The (C+1) x (C+1) transition matrix over a set of chains (docs/METHODS.md §8.4-8.6).
#pragma once
#include <Eigen/Core>
#include <vector>

namespace topdown {

class TransitionCounts {
public:
    explicit TransitionCounts(int num_classes = 0);
    // Counts every pair (c[s-1] -> c[s]) of a chain, non-class included.
    void add_chain(const std::vector<int>& states);
    // Counts one pair.
    void add(int from, int to);
    // Adds another set of counts (same size).
    void merge(const TransitionCounts& other);
    // Raw counts, (C+1) x (C+1).
    const Eigen::MatrixXd& counts() const { return counts_; }
    // Row-normalised matrix; rows without any transition stay 0.
    Eigen::MatrixXd normalized() const;
    int num_classes() const { return static_cast<int>(counts_.rows()) - 1; }

private:
    Eigen::MatrixXd counts_;
};

// Transition counts of an ensemble fed one step at a time (the app's live ensemble and focused chain, the
// batch study per condition): each chain adds (previous state -> state); a chain with an unknown (negative)
// state on either side adds nothing. After all steps of chains with known states, counts() equals
// TransitionCounts::add_chain over each chain.
class TransitionAccumulator {
public:
    explicit TransitionAccumulator(int num_classes = 0) : counts_(num_classes) {}
    // Adds one state per chain (states[i] for chain i). Throws ArgumentError for a state above C.
    void add_step(const std::vector<int>& states);
    // The counts so far.
    const TransitionCounts& counts() const { return counts_; }

private:
    TransitionCounts counts_;
    std::vector<int> previous_;
};

// Frobenius distance between a transition matrix and the identity (2025: RBM 0.526, iDBN 0.811).
double distance_to_identity(const Eigen::MatrixXd& t);

// Mean of the off-diagonal entries between two real classes (2025 definition).
double between_class_probability(const Eigen::MatrixXd& t);

// Mean of all off-diagonal entries, non-class included (2023 definition: 110 entries for C = 10).
double off_diagonal_probability(const Eigen::MatrixXd& t);

}  // namespace topdown
