// The app's attractor analysis: background census index and record analysis (docs/METHODS.md §16.7).
#include "panels/attractor_view.hpp"

#include <imgui.h>

#include "experiment/study_census.hpp"
#include "util/paths.hpp"

namespace topdown::gui {

namespace {
constexpr int kLiveReplicates = 100;
constexpr std::uint64_t kLiveSeed = 0x6c697665ULL;  // "live": bootstrap and threshold sample of the app

template <class T>
bool ready(const std::future<T>& f) {
    return f.valid() && f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}
}  // namespace

bool AttractorView::busy() const {
    return ImGui::GetFrameCount() - last_poll_frame <= 1 && (job.valid() || index_job.valid() || (stale && ImGui::GetFrameCount() - last_analyse_frame <= 1));
}

void AttractorView::poll(const std::shared_ptr<const ModelInfo>& model, const std::shared_ptr<const AttractorRecord>& record,
                         bool analyse) {
    last_poll_frame = ImGui::GetFrameCount();
    if (ready(index_job)) {
        try {
            index = index_job.get();
            index_error.clear();
        } catch (const std::exception& e) {
            index_error = e.what();
            index.reset();
        }
    }
    if (model != index_model && !index_job.valid()) {  // a new model: its index is built when first needed
        index_model = model;
        index.reset();
        index_error.clear();
        index_started = false;
        index_wanted = false;
        result.reset();
        hover.reset();
    }
    // The index of the training set costs seconds of CPU: built only once the Metrics tab or a hover needs it,
    // so that it does not compete with the simulation and the UI at start.
    if (!index_started && (analyse || index_wanted) && model == index_model && model && model->model) {
        index_started = true;
        std::shared_ptr<const Dbn> dbn = model->model;
        index_job = std::async(std::launch::async, [dbn] {
            return std::make_shared<const CensusIndex>(model_census_index(*dbn, data_dir(), kLiveSeed));
        });
    }
    if (ready(job)) {
        try {
            result = job.get();
            result_record = job_record;
        } catch (const std::exception&) {
            result.reset();
        }
    }
    if (!analyse) return;
    last_analyse_frame = ImGui::GetFrameCount();
    const bool index_settled = !index_job.valid();  // analyse with the census once the index is ready or failed
    stale = record && model && (!result || !result_record || result_record->version != record->version ||
                                (index && result->census.empty() && record->steps > 0));
    const auto now = std::chrono::steady_clock::now();
    if (stale && !job.valid() && model == index_model && index_settled && now - last_start >= std::chrono::milliseconds(500)) {
        last_start = now;
        job_record = record;
        std::shared_ptr<const Dbn> dbn = model->model;
        std::shared_ptr<const CensusIndex> ix = index;
        job = std::async(std::launch::async, [record, dbn, ix] {
            return analyze_attractor_record(*record, *dbn, ix.get(), kLiveReplicates, kLiveSeed);
        });
    }
}

const RunNeighbour* AttractorView::run_neighbour(int last_step, int state, int C, const std::vector<float>& visible) {
    if (ready(hover_job)) {
        try {
            hover = hover_job.get();
        } catch (const std::exception&) {
            hover.reset();
        }
    }
    if (hover && hover->last_step == last_step) return &*hover;
    if (!index) index_wanted = true;  // the next poll() starts the index build
    if (!index || hover_job.valid() || static_cast<int>(visible.size()) != index->visible.dims()) return nullptr;
    std::shared_ptr<const CensusIndex> ix = index;
    hover_job = std::async(std::launch::async, [ix, visible, last_step, state, C] {
        RunNeighbour r;
        r.last_step = last_step;
        const Matrix q = Eigen::Map<const Matrix>(visible.data(), 1, static_cast<Eigen::Index>(visible.size()));
        r.match = ix->visible.query(q).at(0);
        r.verdict = census_verdict(state, C, r.match.distance, ix->thresholds);
        return r;
    });
    return nullptr;
}

void add_attractor_content(const AttractorView& v, nlohmann::json& j) {
    if (!v.result || !v.result_record) return;
    const AttractorSummary& a = v.result->summary;
    std::vector<std::array<int, 3>> verdicts(a.dwell.size(), {0, 0, 0});
    for (const RunCensus& c : v.result->census)
        if (c.run.run.label >= 0 && c.run.run.label < static_cast<int>(verdicts.size()))
            ++verdicts[static_cast<std::size_t>(c.run.run.label)][static_cast<std::size_t>(c.verdict)];
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t k = 0; k < a.dwell.size(); ++k) {
        const StateDwell& d = a.dwell[k];
        if (d.runs == 0) continue;  // the table lists visited states only
        rows.push_back({{"state", k}, {"runs", d.runs}, {"returns", d.returns}, {"occupancy", d.occupancy}, {"mean_dwell", d.mean_dwell},
                        {"memorised", verdicts[k][0]}, {"novel", verdicts[k][1]}, {"spurious", verdicts[k][2]}});
    }
    std::vector<std::vector<int>> states;
    for (int c = 0; c < v.result_record->chains; ++c) states.push_back(v.result_record->chain_states(c));
    j["census"] = {{"states", states}, {"rows", rows}, {"has_census", a.has_census},
                   {"entropy_production", a.flux.entropy_production}, {"tau_label", a.tau_label.mean}};
}

}  // namespace topdown::gui
