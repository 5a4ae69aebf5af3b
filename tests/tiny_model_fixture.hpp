// A small finalised model trained on a real slice of MNIST (784-40-30, one epoch, 600 images; read-out, M
// and k from 200 test images): big enough for studies and conditions, fast enough for unit tests.
#pragma once
#include <memory>

#include "test_support.hpp"
#include "train/finalize.hpp"
#include "train/trainer.hpp"

namespace topdown::test {

// The model (trained afresh on every call, deterministically).
inline std::shared_ptr<Dbn> tiny_finalized_mnist_model() {
    const Dataset train = real_slice("mnist", Split::Train, 600);
    const Dataset test_set = real_slice("mnist", Split::Test, 200);
    TrainOptions o;
    o.architecture = {784, 40, 30};
    o.recipe.epochs = 1;
    o.recipe.learning_rate = 0.1f;
    auto m = std::make_shared<Dbn>(train_dbn(train, o).model);
    finalize_model(*m, train, test_set);
    return m;
}

}  // namespace topdown::test
