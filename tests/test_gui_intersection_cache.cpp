// The composer's intersection-size cache (issue 13, app): keyed by the model itself, not a raw address, so a
// reloaded model never shows the previous model's sizes.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "model/model_file.hpp"
#include "session/intersection_cache.hpp"

using namespace topdown;

namespace {
const std::string kDir = std::string(TOPDOWN_SOURCE_DIR) + "/assets/models/";

std::shared_ptr<const ModelInfo> info_of(const std::string& file) {
    auto info = std::make_shared<ModelInfo>();
    info->model = std::make_shared<Dbn>(load_model(kDir + file));
    info->has_label_biasing = info->model->label_biasing.rows() > 0;
    return info;
}

// |top-k(row a) ∩ top-k(row b)| of the label-biasing matrix, computed here by sorting.
int reference_size(const Dbn& m, int k, int a, int b) {
    auto top = [&](int row) {
        std::vector<int> idx(static_cast<std::size_t>(m.label_biasing.cols()));
        std::iota(idx.begin(), idx.end(), 0);
        std::sort(idx.begin(), idx.end(), [&](int x, int y) { return m.label_biasing(row, x) > m.label_biasing(row, y); });
        idx.resize(static_cast<std::size_t>(k));
        std::sort(idx.begin(), idx.end());
        return idx;
    };
    const auto x = top(a), y = top(b);
    std::vector<int> both;
    std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
    return static_cast<int>(both.size());
}
}  // namespace

TEST(GuiIntersectionCache, AReloadedModelGetsItsOwnSizes) {
    IntersectionCache cache;
    int k = 0;
    auto a = info_of("idbn_mnist.tdm");
    const int k_a = a->model->k;
    const int n_a = cache.size(a, 0, 2, 9, k);
    EXPECT_EQ(k, k_a);
    EXPECT_EQ(n_a, reference_size(*a->model, k_a, 2, 9));
    a.reset();  // the app drops the old model; a raw-pointer cache then may see the new one at the same address
    auto b = info_of("idbn_fashion.tdm");
    const int n_b = cache.size(b, 0, 2, 9, k);
    EXPECT_EQ(k, b->model->k);
    EXPECT_EQ(n_b, reference_size(*b->model, b->model->k, 2, 9));
    // Other pairs and an explicit k.
    EXPECT_EQ(cache.size(b, 0, 0, 3, k), reference_size(*b->model, b->model->k, 0, 3));
    EXPECT_EQ(cache.size(b, 50, 0, 3, k), reference_size(*b->model, 50, 0, 3));
    EXPECT_EQ(k, 50);
    EXPECT_EQ(cache.size(b, 50, 3, 3, k), 50);  // diagonal = k
    EXPECT_EQ(cache.size(b, 0, 0, 99, k), -1);  // out of range
    EXPECT_EQ(cache.size(nullptr, 0, 0, 1, k), -1);
}

namespace {
// Hands a freed block back out first (like malloc's free lists do), so the next ModelInfo lands at the address
// of the previous one whenever that one has been freed: the address reuse that made a raw-pointer key stale.
struct Recycler {
    std::vector<void*> free_blocks;
    std::size_t bytes = 0;
    ~Recycler() {
        for (void* p : free_blocks) ::operator delete(p);
    }
};
template <typename T>
struct RecyclingAllocator {
    using value_type = T;
    Recycler* r;
    explicit RecyclingAllocator(Recycler* rec) : r(rec) {}
    template <typename U>
    RecyclingAllocator(const RecyclingAllocator<U>& o) : r(o.r) {}
    T* allocate(std::size_t n) {
        const std::size_t bytes = n * sizeof(T);
        if (!r->free_blocks.empty() && r->bytes == bytes) {
            void* p = r->free_blocks.back();
            r->free_blocks.pop_back();
            return static_cast<T*>(p);
        }
        r->bytes = bytes;
        return static_cast<T*>(::operator new(bytes));
    }
    void deallocate(T* p, std::size_t) { r->free_blocks.push_back(p); }
    template <typename U>
    bool operator==(const RecyclingAllocator<U>& o) const { return r == o.r; }
};
}  // namespace

TEST(GuiIntersectionCache, TheSameAddressReusedByAnotherModelIsNotStale) {
    const auto mnist = std::make_shared<Dbn>(load_model(kDir + "idbn_mnist.tdm"));
    const auto fashion = std::make_shared<Dbn>(load_model(kDir + "idbn_fashion.tdm"));
    constexpr int kSameK = 60;  // both models with the same k: only the model tells the cached sizes apart
    ASSERT_NE(reference_size(*mnist, kSameK, 2, 9), reference_size(*fashion, kSameK, 2, 9))
        << "pick a pair whose sizes differ between the two models";
    Recycler recycler;  // outlives the cache and every ModelInfo
    IntersectionCache cache;
    int k = 0;
    for (int round = 0; round < 4; ++round) {
        const auto& dbn = round % 2 == 0 ? mnist : fashion;
        // A reload: the previous ModelInfo is gone (unless the cache holds it), the new one is allocated.
        auto info = std::allocate_shared<ModelInfo>(RecyclingAllocator<ModelInfo>(&recycler));
        info->model = dbn;
        info->has_label_biasing = true;
        EXPECT_EQ(cache.size(info, kSameK, 2, 9, k), reference_size(*dbn, kSameK, 2, 9)) << "round " << round;
    }
}
