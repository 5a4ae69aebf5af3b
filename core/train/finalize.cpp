#include "train/finalize.hpp"

#include "train/cd1.hpp"
#include "train/label_biasing_matrix.hpp"
#include "train/readout.hpp"

namespace topdown {

namespace {

// Dbn::propagate_up through the training kernels (cd1_up, fixed summation order): M, the read-out and its accuracy
// do not depend on the number of threads (issue 21).
Matrix top_activations(const Dbn& model, const Matrix& x) {
    if (model.layers.empty()) return x;
    Matrix cur, next;
    cd1_up(model.layers.front(), x, cur);
    for (std::size_t l = 1; l < model.layers.size(); ++l) {
        cd1_up(model.layers[l], cur, next);
        cur.swap(next);
    }
    return cur;
}

}  // namespace

FinalizeReport finalize_model(Dbn& model, const Dataset& train, const Dataset& test) {
    const Matrix r_train = top_activations(model, train.images);
    const Matrix r_test = top_activations(model, test.images);
    const Readout ro = fit_ridge_readout(r_train, train.labels, train.num_classes());
    FinalizeReport rep;
    rep.readout_accuracy = ro.accuracy(r_test, test.labels);
    rep.readout_train_accuracy = ro.accuracy(r_train, train.labels);
    model.label_biasing = label_biasing_matrix(r_train, train.labels, train.num_classes());
    model.k = default_k(model.label_biasing);
    model.readout_accuracy = rep.readout_accuracy;
    rep.k = model.k;
    return rep;
}

}  // namespace topdown
