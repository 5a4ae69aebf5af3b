#include "classify/non_class.hpp"

#include <numeric>
#include <vector>

#include "util/errors.hpp"

namespace topdown {

Vector scrambled_image(const Vector& image, CounterRng& rng) {
    std::vector<std::uint32_t> perm(static_cast<std::size_t>(image.size()));
    std::iota(perm.begin(), perm.end(), 0u);
    shuffle_indices(perm.data(), perm.size(), rng);
    Vector out(image.size());
    for (Eigen::Index i = 0; i < image.size(); ++i) out(i) = image(perm[static_cast<std::size_t>(i)]);
    return out;
}

Vector masked_image(const Vector& image, int side, CounterRng& rng, int* erased) {
    if (image.size() != side * side) throw ArgumentError("masked_image: image is not side x side");
    Vector out = image;
    std::vector<int> active;
    for (int i = 0; i < side * side; ++i)
        if (image(i) > 0.0f) active.push_back(i);
    if (erased) *erased = 0;
    if (active.empty()) return out;
    std::vector<char> in_region(static_cast<std::size_t>(side * side), 0);
    std::vector<int> region{active[static_cast<std::size_t>(rng.below(active.size()))]};
    in_region[static_cast<std::size_t>(region[0])] = 1;
    const int rounds = 10 + static_cast<int>(rng.below(11));  // 10..20
    for (int r = 0; r < rounds; ++r) {
        std::vector<int> frontier;
        std::vector<char> seen(static_cast<std::size_t>(side * side), 0);
        for (int p : region) {
            const int y = p / side, x = p % side;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int yy = y + dy, xx = x + dx;
                    if ((dy == 0 && dx == 0) || yy < 0 || xx < 0 || yy >= side || xx >= side) continue;
                    const int q = yy * side + xx;
                    if (image(q) > 0.0f && !in_region[static_cast<std::size_t>(q)] && !seen[static_cast<std::size_t>(q)]) {
                        seen[static_cast<std::size_t>(q)] = 1;
                        frontier.push_back(q);
                    }
                }
        }
        if (frontier.empty()) break;
        std::vector<std::uint32_t> order(frontier.size());
        std::iota(order.begin(), order.end(), 0u);
        shuffle_indices(order.data(), order.size(), rng);
        const std::size_t take = (frontier.size() + 2) / 3;  // a third, at least one
        for (std::size_t i = 0; i < take; ++i) {
            const int q = frontier[order[i]];
            in_region[static_cast<std::size_t>(q)] = 1;
            region.push_back(q);
        }
    }
    for (int p : region) out(p) = 0.0f;
    if (erased) *erased = static_cast<int>(region.size());
    return out;
}

Matrix make_non_class_images(const Dataset& src, int count, std::uint64_t seed) {
    if (src.size() == 0 || count < 0) throw ArgumentError("non-class images need a non-empty source");
    const int C = src.num_classes();
    std::vector<std::vector<int>> by_class(static_cast<std::size_t>(C));
    for (int i = 0; i < src.size(); ++i) by_class[src.labels[static_cast<std::size_t>(i)]].push_back(i);
    Matrix out(count, src.images.cols());
#pragma omp parallel for schedule(dynamic, 64)
    for (int i = 0; i < count; ++i) {
        CounterRng rng(seed, static_cast<std::uint64_t>(i));
        if (i % 11 == 10) {
            const int j = static_cast<int>(rng.below(static_cast<std::uint64_t>(src.size())));
            out.row(i) = scrambled_image(src.images.row(j), rng);
        } else {
            int c = (i - i / 11) % C;  // classes in turn
            for (int tries = 0; by_class[static_cast<std::size_t>(c)].empty() && tries < C; ++tries) c = (c + 1) % C;
            const auto& pool = by_class[static_cast<std::size_t>(c)];
            const int j = pool[static_cast<std::size_t>(rng.below(pool.size()))];
            out.row(i) = masked_image(src.images.row(j), src.image_rows, rng);
        }
    }
    return out;
}

}  // namespace topdown
