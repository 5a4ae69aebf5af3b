// `sweep collect`: every run of a sweep in one table. Per study, model (a training's seeds pooled, or a given
// model file), study kind and method: each metric's mean ± SD across seeds with its 95 % confidence interval
// (Student's t), the read-out accuracy across training seeds, and the papers' values beside them. Written as
// <work>/collect/table.csv, table.md and figure.png / .svg / .csv (visited states with 95 % CIs; core/figure).
#pragma once
#include <string>
#include <vector>

#include "experiment/study_figures.hpp"
#include "sweep/sweep_graph.hpp"
#include "sweep/sweep_stats.hpp"

namespace topdown {

struct CollectRow {
    std::string study, model, kind, method, metric;  // "-" where not applicable (read-outs)
    std::vector<double> values;                       // one per seed (training seed x study seed), in plan order
    SeedStats stats;
    std::string paper;
};

// The metrics taken from each run's results.json, per method.
const std::vector<std::string>& collected_metrics();

// Reads every finished run and trained model of `g` into rows. Throws IoError / FileFormatError when a run's
// results are missing or unreadable.
std::vector<CollectRow> collect_rows(const SweepPlan& plan, const SweepGraph& g);

// The CSV text of rows (header + one line per row; numbers with 9 significant digits).
std::string collect_csv(const std::vector<CollectRow>& rows);

// The Markdown text of rows.
std::string collect_markdown(const SweepPlan& plan, const std::vector<CollectRow>& rows);

// The figure of the collected rows: visited states per run group with 95 % CIs.
figure::Figure collect_figure(const std::vector<CollectRow>& rows);

// collect_rows, then writes the CSV, the Markdown and the figure (collect_outputs: PNG + SVG + its CSV, plus
// the formats of `extra`). Throws on failure.
std::vector<CollectRow> collect_sweep(const SweepPlan& plan, const SweepGraph& g, const FigureOptions& extra = {});

}  // namespace topdown
