#include "data/dataset.hpp"

#include <filesystem>

#include "data/dataset_manifest.hpp"
#include "data/idx.hpp"
#include "util/errors.hpp"

namespace topdown {

std::vector<std::string> known_datasets() { return {"mnist", "fashion"}; }

std::vector<std::string> dataset_class_names(const std::string& name) {
    if (name == "mnist") return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    if (name == "fashion")
        return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
    throw ArgumentError("unknown dataset '" + name + "' (known: mnist, fashion)");
}

void Dataset::gather(const std::uint32_t* indices, std::size_t n, Matrix& out) const {
    out.resize(static_cast<Eigen::Index>(n), images.cols());
    for (std::size_t i = 0; i < n; ++i) out.row(static_cast<Eigen::Index>(i)) = images.row(indices[i]);
}

Matrix Dataset::one_hot() const {
    Matrix l = Matrix::Zero(size(), num_classes());
    for (int i = 0; i < size(); ++i) l(i, labels[static_cast<std::size_t>(i)]) = 1.0f;
    return l;
}

Dataset make_dataset(const std::string& name, const IdxImages& im, const std::vector<std::uint8_t>& labels,
                     std::size_t limit) {
    return make_dataset_with_classes(name, dataset_class_names(name), im, labels, limit);
}

Dataset make_dataset_with_classes(const std::string& name, const std::vector<std::string>& class_names, const IdxImages& im,
                                  const std::vector<std::uint8_t>& labels, std::size_t limit) {
    Dataset d;
    d.name = name;
    d.class_names = class_names;
    if (labels.size() != im.count)
        throw DataError(name + ": " + std::to_string(im.count) + " images but " + std::to_string(labels.size()) +
                        " labels");
    std::size_t n = im.count;
    if (limit > 0 && limit < n) n = limit;
    const std::size_t dim = std::size_t(im.rows) * im.cols;
    d.image_rows = static_cast<int>(im.rows);
    d.image_cols = static_cast<int>(im.cols);
    d.images.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(dim));
    const float scale = 1.0f / 255.0f;
    for (std::size_t i = 0; i < n * dim; ++i) d.images.data()[i] = im.pixels[i] * scale;
    d.labels.assign(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(n));
    for (auto l : d.labels)
        if (l >= d.class_names.size())
            throw DataError(name + ": label " + std::to_string(l) + " is out of range for " +
                            std::to_string(d.class_names.size()) + " classes");
    return d;
}

Dataset load_dataset(const std::string& name, Split split, const std::string& dir, std::size_t limit) {
    const std::vector<std::string> names = dataset_class_names_in(name, dir);  // built-in or imported; validates the name
    const std::string base = dir + "/" + name + "/" + (split == Split::Train ? "train" : "t10k");
    const std::string img = base + "-images-idx3-ubyte", lab = base + "-labels-idx1-ubyte";
    if (!std::filesystem::exists(img) || !std::filesystem::exists(lab))
        throw DataError("dataset '" + name + "' not found in '" + dir + "': run `topdown-cli data fetch`");
    return make_dataset_with_classes(name, names, read_idx_images(img), read_idx_labels(lab), limit);
}

}  // namespace topdown
