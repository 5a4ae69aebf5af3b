// The immutable picture of a session that the worker publishes after every step and the UI draws.
// Everything reachable from a Snapshot is const and shared, so the UI reads it without any lock.
#pragma once
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "math/matrix.hpp"
#include "model/dbn.hpp"
#include "model/model_file.hpp"
#include "classify/state_classifier.hpp"
#include "session/analysis_hooks.hpp"
#include "session/ring_buffer.hpp"
#include "session/session_params.hpp"

namespace topdown {

struct AttractorRecord;  // session/live_attractors.hpp

// What the UI shows about the loaded model (built once per model load).
struct ModelInfo {
    std::shared_ptr<const Dbn> model;    // the model itself (read-only)
    std::string path;                    // file it came from ("" for a model built in memory)
    std::string name;                    // file name without folder
    std::string architecture;            // e.g. "784-500-500-1000"
    std::vector<int> sizes;              // layer sizes from the visible layer up
    int image_rows = 28, image_cols = 28;  // visible layer drawn as rows x cols
    bool has_label_biasing = false;      // M present: label / chimera biasing possible
    Matrix class_means;                  // C x D: one top-down mean-field pass from each class's label biasing
    std::shared_ptr<const StateClassifier> classifier;  // state classifier for the model's dataset (may be null)
    std::string classifier_path;         // where it came from
    std::string classifier_note;         // why there is none, when there is none
    std::shared_ptr<const PcaBasis> pca_basis;       // stored in the model, or fitted at load time (null: none)
    std::string pca_source;              // "stored in the model", "fitted at load time ...", or why there is none
    std::vector<std::vector<PcaPoint>> pca_reference;  // per class: the label-biasing mean trajectory, projected
    // Number of classes C.
    int num_classes() const { return model ? model->num_classes() : 0; }
};

// One step of the focused chain, as shown in the visible / hidden panels and the filmstrip.
struct FocusedFrame {
    int step = 0;
    std::vector<float> visible;                           // D probabilities
    std::vector<std::vector<std::uint64_t>> hidden_bits;  // layer 1..L, unit j at word j/64, bit j%64
    std::vector<float> energy;                            // E_1..E_L
    std::vector<float> active_fraction;                   // layers 1..L
    StateVerdict verdict;                                 // classifier hook (unknown until wired)
    std::uint64_t rng_position = 0;                       // the chain's random-stream position after this step
    std::vector<float> initial_top;                       // the start frame (step 0) only: H⁰ itself (real-valued
                                                          // for label / sample starts); with the visible state
                                                          // and rng_position, what the slow motion of the network
                                                          // view recomputes a step from (docs/METHODS.md §17.2)
    // State of hidden unit `unit` of layer `layer` (1..L).
    bool bit(int layer, int unit) const {
        const auto& w = hidden_bits[static_cast<std::size_t>(layer - 1)];
        return (w[static_cast<std::size_t>(unit) / 64] >> (unit % 64)) & 1u;
    }
};

// Ensemble statistics of one step: mean ± SEM over the chains, per layer (index l-1 for layer l).
// Fixed-size and trivially copyable, so publishing thousands of them is one memcpy.
struct EnsembleStep {
    int step = 0;
    std::array<float, kMaxModelLayers> energy_mean{}, energy_sem{}, active_mean{};
};

// Why the classifier-based panels (transitions, metrics) have nothing to show.
enum class AnalysisGap {
    None,          // data available
    NoModel,       // no model loaded yet
    NoClassifier,  // the model has no matching state classifier (see ModelInfo::classifier_note)
    NoEnsemble,    // ensemble size 0: ensemble metrics need chains (the transition matrix uses the focused chain)
};

// Transport state of the worker.
enum class RunMode { Paused, Playing, RunningTo };

struct Snapshot {
    std::uint64_t serial = 0;                    // increases with every publication
    std::shared_ptr<const ModelInfo> model;      // null before the first model is loaded
    SessionParams params;                        // of the running session (k resolved)
    std::string bias_description;                // e.g. "intersection chimera {2, 9}, k = 149: 31 shared units"
    int resolved_k = 0;
    int intersection_size = -1;                  // |top-k(A) ∩ top-k(B)| for the chosen pair, -1 if not a pair
    bool empty_start = false;                    // the chain starts from an all-zero top state

    int step = 0;                                // focused chain's current step (cursor)
    int newest_step = 0;                         // newest computed step
    int oldest_kept_step = 0;                    // oldest step still kept for step-back / seek (0 while step 1
                                                 // is kept: the start, s.start, is reachable too)
    bool replaying = false;                      // the focused chain is shown from a replay of a step older than
                                                 // the kept history (newest_step and the ensemble are unchanged)
    RunMode mode = RunMode::Paused;
    int run_to_step = 0;                         // target when RunningTo
    float speed = 30;                            // steps per second, <= 0: as fast as possible
    double measured_steps_per_second = 0;        // of the last second

    std::shared_ptr<const FocusedFrame> current;                     // null before step 1
    std::shared_ptr<const FocusedFrame> start;                       // step 0: the mean-field image of H⁰
                                                                     // (docs/METHODS.md §13); null without chains
    std::vector<std::shared_ptr<const FocusedFrame>> recent;         // kept frames up to `step`, oldest first
    RingBuffer<EnsembleStep> ensemble{1};        // per-step ensemble stats up to newest_step
    int ensemble_size = 0;
    std::vector<int> state_counts;               // ensemble chains per state (C + 1) at newest_step; empty until classified

    // Analysis (filled through the hooks in analysis_hooks.hpp).
    bool classifier_loaded = false;
    bool pca_available = false;
    AnalysisGap analysis_gap = AnalysisGap::NoModel;  // why the ensemble metrics are empty (None: they are not)
    std::string classifier_note;                 // with NoClassifier: why there is none (e.g. no file found)
    Eigen::MatrixXi transition_counts;           // (C+1) x (C+1) over the ensemble since the restart; with ensemble
                                                 // size 0 the focused chain's counts (transitions_from_focused)
    bool transitions_from_focused = false;       // transition_counts are the focused chain's (ensemble size 0)
    Eigen::MatrixXi focused_transition_counts;   // (C+1) x (C+1) of the focused chain since the restart
    MetricsSummary metrics;
    std::shared_ptr<const AttractorRecord> attractors;  // the ensemble's attractor record (null without classifier/ensemble)
    std::vector<PcaPoint> pca_trajectory;        // focused chain, oldest first (empty without a basis)
    std::vector<PcaPoint> pca_ensemble_mean;     // ensemble mean, oldest first (empty without a basis)

    // Status / errors.
    bool loading = false;                        // a model load is in progress
    int loads_in_flight = 0;                     // loader threads still working (cancelled ones included)
    bool out_of_memory = false;                  // the worker ran out of memory building this snapshot (paused)
    std::string loading_path;
    std::string status;                          // last informational message
    std::string error;                           // last error message ("" if none)
    std::uint64_t error_serial = 0;              // increases with every new error (the UI shows each once)
};

}  // namespace topdown
