#include "generate/generation_run.hpp"

#include "util/errors.hpp"

namespace topdown {

Matrix initial_states(const Dbn& m, const GenerationRequest& r, InitialState* first) {
    if (r.chains < 1 || r.chains > 1'000'000) throw ArgumentError("the number of chains must be 1..1000000");
    Matrix h0(r.chains, m.top_size());
    if (r.bias.method == BiasMethod::Random) {
        for (int i = 0; i < r.chains; ++i) {
            InitialState s = make_initial_state(m, r.bias, r.seed, r.first_chain_index + std::uint64_t(i));
            h0.row(i) = s.top;
            if (i == 0 && first) *first = s;
        }
    } else {
        InitialState s = make_initial_state(m, r.bias, r.seed, r.first_chain_index);
        h0.rowwise() = s.top;
        if (first) *first = s;
    }
    return h0;
}

TemperatureSchedule request_temperature(const GenerationRequest& r) {
    TemperatureSchedule t = r.temperature;
    t.tempering.reset();
    if (r.bias.method == BiasMethod::Tempering) t.tempering = r.tempering;
    return t;
}

void run_generation(std::shared_ptr<const GenerationModel> g, const GenerationRequest& r,
                    const std::function<void(const ChainBatch&)>& on_step, TaskState* task) {
    if (r.steps < 1 || r.steps > 1'000'000) throw ArgumentError("the number of steps must be 1..1000000");
    const Matrix h0 = initial_states(*g->model, r);
    std::vector<std::uint64_t> idx(static_cast<std::size_t>(r.chains));
    for (int i = 0; i < r.chains; ++i) idx[static_cast<std::size_t>(i)] = r.first_chain_index + std::uint64_t(i);
    ChainBatch batch(g, h0, r.seed, std::move(idx), request_temperature(r));
    batch.set_visible_clamp(visible_clamp(r.bias));  // image completion (docs/METHODS.md §15); none otherwise
    for (int s = 1; s <= r.steps; ++s) {
        if (task) task->throw_if_cancelled();
        batch.step(r.threads);
        if (on_step) on_step(batch);
        if (task) task->fraction.store(double(s) / r.steps);
    }
}

}  // namespace topdown
