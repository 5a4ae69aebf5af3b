// What is computed once after training: read-out accuracy, the label-biasing matrix M and k.
#pragma once
#include "data/dataset.hpp"
#include "model/dbn.hpp"

namespace topdown {

struct FinalizeReport {
    double readout_accuracy = 0;  // on the test set
    double readout_train_accuracy = 0;
    int k = 0;
};

// Fills model.label_biasing, model.k and model.readout_accuracy from the training and test sets.
FinalizeReport finalize_model(Dbn& model, const Dataset& train, const Dataset& test);

}  // namespace topdown
