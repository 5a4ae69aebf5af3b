#include "session/intersection_cache.hpp"

#include "generate/biasing.hpp"

namespace topdown {

int IntersectionCache::size(const std::shared_ptr<const ModelInfo>& m, int k_requested, int a, int b, int& k_used) {
    k_used = 0;
    if (!m || !m->model || !m->has_label_biasing) return -1;
    try {
        k_used = resolve_k(*m->model, k_requested);
    } catch (const std::exception&) {
        k_used = 0;
        return -1;
    }
    if (model_ != m || k_ != k_used) {
        sizes_ = intersection_size_matrix(*m->model, k_used);
        model_ = m;
        k_ = k_used;
    }
    if (a < 0 || b < 0 || a >= sizes_.rows() || b >= sizes_.cols()) return -1;
    return sizes_(a, b);
}

}  // namespace topdown
