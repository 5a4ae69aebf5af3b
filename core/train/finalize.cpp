#include "train/finalize.hpp"

#include "train/label_biasing_matrix.hpp"
#include "train/readout.hpp"

namespace topdown {

FinalizeReport finalize_model(Dbn& model, const Dataset& train, const Dataset& test) {
    const Matrix r_train = model.propagate_up(train.images);
    const Matrix r_test = model.propagate_up(test.images);
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
