// The app's attractor analysis state (docs/METHODS.md §16.7): the census index of the loaded model's training
// set and the analysis of the ensemble's record, each computed by a background thread (never on the UI
// thread); the Metrics tab and the timeline poll them once per frame.
#pragma once
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "analyze/attractor_census.hpp"
#include "session/live_attractors.hpp"
#include "session/snapshot.hpp"

namespace topdown::gui {

// The nearest training image of one timeline run (hover).
struct RunNeighbour {
    int last_step = -1;      // the run's last step (identifies the run)
    NeighbourMatch match;
    CensusVerdict verdict = CensusVerdict::Spurious;
};

struct AttractorView {
    // Census index of `index_model` (built in the background; null until ready or when the data is missing).
    std::shared_ptr<const ModelInfo> index_model;
    std::future<std::shared_ptr<const CensusIndex>> index_job;
    std::shared_ptr<const CensusIndex> index;
    std::string index_error;
    bool index_started = false;  // the build for index_model was started (it runs at most once per model)
    bool index_wanted = false;   // a hover asked for the index
    // Analysis of the latest record.
    std::future<LiveAttractorAnalysis> job;
    std::shared_ptr<const AttractorRecord> job_record;
    std::optional<LiveAttractorAnalysis> result;
    std::shared_ptr<const AttractorRecord> result_record;
    // Hover over a timeline run.
    std::future<RunNeighbour> hover_job;
    std::optional<RunNeighbour> hover;

    // Once per frame: collects the index build for `model` (started the first time `analyse` is set or a hover
    // asked for it) and, with `analyse` (the Metrics tab is shown), the analysis of `record` (at most one job of each kind at a time, analyses at least 0.5 s apart;
    // a newer record waits for the running analysis).
    void poll(const std::shared_ptr<const ModelInfo>& model, const std::shared_ptr<const AttractorRecord>& record,
              bool analyse);
    // The nearest training image of a run ending at `last_step` with `state` and visible state `visible`
    // (started in the background on first request; empty until ready).
    const RunNeighbour* run_neighbour(int last_step, int state, int num_classes, const std::vector<float>& visible);
    // True while a job started by poll() has not been collected, as long as poll() runs every frame (a panel
    // that polls is drawn): the scripted screenshots wait for it.
    bool busy() const;
    int last_poll_frame = -10;  // ImGui frame of the last poll()
    bool stale = false;         // the last analysing poll saw a record newer than the result
    int last_analyse_frame = -10;  // ImGui frame of the last poll() with `analyse`
    std::chrono::steady_clock::time_point last_start;  // of the last analysis
};

// The sidecar of a screenshot: the analysed record's states and the census table's rows as drawn ("census").
void add_attractor_content(const AttractorView& view, nlohmann::json& j);

}  // namespace topdown::gui
