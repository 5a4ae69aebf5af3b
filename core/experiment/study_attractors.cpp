// The attractor sections of a study (docs/METHODS.md §16.6): summaries, CSV tables and Markdown.
#include "experiment/study_attractors.hpp"

#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "analyze/attractor_census.hpp"
#include "analyze/mixing.hpp"
#include "experiment/study_attractor_figures.hpp"
#include "math/random.hpp"
#include "util/atomic_file.hpp"
#include "util/number_format.hpp"

namespace topdown {

namespace {
constexpr int kReplicates = 200;
constexpr std::uint64_t kBootstrapTag = 0x6e6f6e6571756c62ULL;  // "bootstrap" stream tag: no existing output moves

std::string pm(const MeanSem& m) { return f3(m.mean) + " ± " + f3(m.sem); }

// The census part of a summary.
void add_census(AttractorSummary& s, const std::vector<const ConditionResult*>& conds) {
    s.has_census = true;
    std::array<std::vector<double>, 3> frac;
    std::vector<double> dv, dt;
    for (const ConditionResult* r : conds) {
        if (r->census.empty()) {
            s.has_census = false;
            return;
        }
        for (const auto& f : verdict_time_fractions(r->census, r->chains))
            for (std::size_t k = 0; k < 3; ++k) frac[k].push_back(f[k]);
        for (const RunCensus& rc : r->census) {
            dv.push_back(rc.visible_distance);
            dt.push_back(rc.top_distance);
        }
    }
    for (std::size_t k = 0; k < 3; ++k) s.verdict[k] = mean_sem(frac[k]);
    s.runs = static_cast<int>(dv.size());
    s.visible_distance = mean_sem(dv);
    s.top_distance = mean_sem(dt);
}

// The mixing part of a summary, per chain.
void add_mixing(AttractorSummary& s, const std::vector<const ConditionResult*>& conds) {
    std::vector<double> ta, ea, tl, el, fp;
    s.has_activity = true;
    for (const ConditionResult* r : conds) {
        const bool act = r->top_activity.rows() == r->chains && r->top_activity.cols() == r->steps;
        s.has_activity = s.has_activity && act;
        for (int c = 0; c < r->chains; ++c) {
            const std::vector<int> st = r->chain_states(c);
            std::vector<double> a;
            if (act)
                for (int t = 0; t < r->steps; ++t) a.push_back(r->top_activity(c, t));
            const ChainMixing m = chain_mixing(a, st);
            if (act) {
                ta.push_back(m.activity.tau);
                ea.push_back(m.activity.ess);
            }
            tl.push_back(m.label.tau);
            el.push_back(m.label.ess);
            s.constant_label_chains += m.label.constant ? 1 : 0;
            if (m.passage.censored)
                ++s.censored;
            else
                fp.push_back(m.passage.steps);
        }
    }
    s.tau_activity = mean_sem(ta);
    s.ess_activity = mean_sem(ea);
    s.tau_label = mean_sem(tl);
    s.ess_label = mean_sem(el);
    s.first_passage = mean_sem(fp);
}
}  // namespace

AttractorSummary summarize_attractors(const std::vector<const ConditionResult*>& conds, int C, const std::string& scope,
                                      int replicates, std::uint64_t seed) {
    AttractorSummary s;
    s.scope = scope;
    if (conds.empty()) return s;
    s.method = conds[0]->condition.method_name();
    std::vector<std::vector<int>> chains;
    std::vector<TransitionCounts> per_chain;
    for (const ConditionResult* r : conds)
        for (int c = 0; c < r->chains; ++c) {
            chains.push_back(r->chain_states(c));
            per_chain.emplace_back(C);
            per_chain.back().add_chain(chains.back());  // the study's own transition counting
        }
    s.chains = static_cast<int>(chains.size());
    s.dwell = state_dwell(chains, C);
    TransitionCounts pooled(C);
    for (const auto& t : per_chain) pooled.merge(t);
    s.flux = flux_analysis(pooled);
    if (!per_chain.empty()) s.intervals = bootstrap_nonequilibrium(per_chain, replicates, seed);
    add_census(s, conds);
    add_mixing(s, conds);
    return s;
}

namespace {
// census.csv, dwell.csv, nonequilibrium.csv, mixing.csv: one row per scope (conditions, then methods).
void write_tables(const std::string& out, const std::vector<AttractorSummary>& all, const std::vector<std::string>& names) {
    namespace fs = std::filesystem;
    std::ostringstream cen, dw, ne, mx;
    cen << "scope,method,chains,runs,memorised_mean,memorised_sem,novel_mean,novel_sem,spurious_mean,spurious_sem,"
           "visible_distance_mean,visible_distance_sem,top_distance_mean,top_distance_sem\n";
    dw << "scope,method,state,name,steps,runs,returns,mean_dwell,max_dwell,occupancy\n";
    ne << "scope,method,chains,entropy_production,entropy_production_lo,entropy_production_hi,asymmetry,asymmetry_lo,"
          "asymmetry_hi,traffic,bowker_chi2,bowker_df,bowker_p,one_way_pairs,top_cycle,top_cycle_current,top_cycle_affinity\n";
    mx << "scope,method,chains,tau_activity_mean,tau_activity_sem,ess_activity_mean,ess_activity_sem,tau_label_mean,"
          "tau_label_sem,ess_label_mean,ess_label_sem,constant_label_chains,first_passage_mean,first_passage_sem,censored\n";
    for (const AttractorSummary& s : all) {
        const std::string h = s.scope + ',' + s.method + ',';
        if (s.has_census)
            cen << h << s.chains << ',' << s.runs << ',' << s.verdict[0].mean << ',' << s.verdict[0].sem << ',' << s.verdict[1].mean
                << ',' << s.verdict[1].sem << ',' << s.verdict[2].mean << ',' << s.verdict[2].sem << ',' << s.visible_distance.mean
                << ',' << s.visible_distance.sem << ',' << s.top_distance.mean << ',' << s.top_distance.sem << '\n';
        for (std::size_t k = 0; k < s.dwell.size(); ++k) {
            const StateDwell& d = s.dwell[k];
            dw << h << k << ",\"" << names[k] << "\"," << d.steps << ',' << d.runs << ',' << d.returns << ',' << d.mean_dwell << ','
               << d.max_dwell << ',' << d.occupancy << '\n';
        }
        const auto& f = s.flux;
        const auto& ci = s.intervals;
        ne << h << s.chains << ',' << f.entropy_production << ',' << ci.entropy_production.lo << ',' << ci.entropy_production.hi << ','
           << f.asymmetry << ',' << ci.asymmetry.lo << ',' << ci.asymmetry.hi << ',' << f.traffic << ',' << f.bowker_chi2 << ','
           << f.bowker_df << ',' << f.bowker_p << ',' << f.one_way_pairs << ',';
        if (!f.cycles.empty())
            ne << f.cycles[0].i << '-' << f.cycles[0].j << '-' << f.cycles[0].k << ',' << f.cycles[0].current << ','
               << (f.cycles[0].affinity_finite ? std::to_string(f.cycles[0].affinity) : std::string("inf")) << '\n';
        else
            ne << ",0,0\n";
        mx << h << s.chains << ',' << s.tau_activity.mean << ',' << s.tau_activity.sem << ',' << s.ess_activity.mean << ','
           << s.ess_activity.sem << ',' << s.tau_label.mean << ',' << s.tau_label.sem << ',' << s.ess_label.mean << ','
           << s.ess_label.sem << ',' << s.constant_label_chains << ',' << s.first_passage.mean << ',' << s.first_passage.sem
           << ',' << s.censored << '\n';
    }
    write_file_atomic((fs::path(out) / "census.csv").string(), cen.str());
    write_file_atomic((fs::path(out) / "dwell.csv").string(), dw.str());
    write_file_atomic((fs::path(out) / "nonequilibrium.csv").string(), ne.str());
    write_file_atomic((fs::path(out) / "mixing.csv").string(), mx.str());
}

// census_runs.csv: every run of every condition with its nearest training images and verdict.
void write_runs(const std::string& out, const std::vector<ConditionResult>& results) {
    std::ostringstream o;
    o << "id,chain,state,start_step,dwell,nearest,nearest_label,visible_distance,nearest_top,top_distance,verdict\n";
    for (const ConditionResult& r : results)
        for (const RunCensus& c : r.census)
            o << r.condition.id << ',' << c.run.chain << ',' << c.run.run.label << ',' << c.run.run.start + 1 << ','
              << c.run.run.length << ',' << c.nearest << ',' << c.nearest_label << ',' << c.visible_distance << ',' << c.nearest_top
              << ',' << c.top_distance << ',' << to_string(c.verdict) << '\n';
    write_file_atomic((std::filesystem::path(out) / "census_runs.csv").string(), o.str());
}

// The Markdown sections, per method.
std::string markdown(const std::vector<AttractorSummary>& methods, const std::vector<std::string>& names, const std::string& thresholds) {
    std::ostringstream md;
    md << "\n## Attractor census\n\n";
    if (methods.empty() || !methods[0].has_census) {
        md << "Not computed: the study ran without the model's training set (merged shards, or `--no-census`).\n";
    } else {
        md << thresholds << "\n\nFraction of each chain's steps in memorised / novel / spurious states (mean ± SEM over chains; "
              "per condition in census.csv, every run in census_runs.csv; figure census_verdicts.png).\n\n"
              "| method | chains | runs | memorised | novel | spurious | distance to nearest training image (visible) | (top layer) |\n"
              "|---|---|---|---|---|---|---|---|\n";
        for (const auto& s : methods)
            md << "| " << s.scope << " | " << s.chains << " | " << s.runs << " | " << pm(s.verdict[0]) << " | " << pm(s.verdict[1])
               << " | " << pm(s.verdict[2]) << " | " << pm(s.visible_distance) << " | " << pm(s.top_distance) << " |\n";
    }
    md << "\n## Dwell times\n\nMean dwell (steps per run) / fractional occupancy / returns per state, pooled over each "
          "method's chains (per condition in dwell.csv; figure dwell_times.png).\n\n| method |";
    for (const auto& n : names) md << ' ' << n << " |";
    md << "\n|---|";
    for (std::size_t k = 0; k < names.size(); ++k) md << "---|";
    md << '\n';
    for (const auto& s : methods) {
        md << "| " << s.scope << " |";
        for (const auto& d : s.dwell) md << ' ' << f3(d.mean_dwell) << " / " << f3(d.occupancy) << " / " << d.returns << " |";
        md << '\n';
    }
    md << "\n## Detailed balance and entropy production\n\nEntropy production sigma (nats per step) and flux asymmetry "
          "with 95 % bootstrap intervals over chains; Bowker's symmetry test of the transition counts (p < 0.05: detailed "
          "balance rejected); the strongest 3-cycle current (per condition in nonequilibrium.csv; figure entropy_production.png).\n\n"
          "| method | sigma [95 % CI] | asymmetry [95 % CI] | Bowker chi2 (df), p | one-way pairs | strongest 3-cycle: current |\n"
          "|---|---|---|---|---|---|\n";
    for (const auto& s : methods) {
        const auto& f = s.flux;
        const auto& ci = s.intervals;
        md << "| " << s.scope << " | " << f3(f.entropy_production) << " [" << f3(ci.entropy_production.lo) << ", "
           << f3(ci.entropy_production.hi) << "] | " << f3(f.asymmetry) << " [" << f3(ci.asymmetry.lo) << ", " << f3(ci.asymmetry.hi)
           << "] | " << f3(f.bowker_chi2) << " (" << f.bowker_df << "), " << f3(f.bowker_p) << " | " << f.one_way_pairs << " | ";
        if (!f.cycles.empty()) {
            const auto& c = f.cycles[0];
            md << names[std::size_t(c.i)] << " → " << names[std::size_t(c.j)] << " → " << names[std::size_t(c.k)] << ": "
               << g3(c.current);
        }
        md << " |\n";
    }
    md << "\n## Autocorrelation and effective sample size\n\nIntegrated autocorrelation time (Sokal's window, c = 5) and "
          "effective sample size per chain of the top-layer activity and of the modal-class indicator, mean ± SEM over "
          "chains; first passage: steps from the start to the first state change, over chains that changed (per "
          "condition in mixing.csv; figure mixing_iat.png).\n\n"
          "| method | IAT activity | ESS activity | IAT label | ESS label | never changed | first passage |\n|---|---|---|---|---|---|---|\n";
    for (const auto& s : methods)
        md << "| " << s.scope << " | " << (s.has_activity ? pm(s.tau_activity) : "—") << " | "
           << (s.has_activity ? pm(s.ess_activity) : "—") << " | " << pm(s.tau_label) << " | " << pm(s.ess_label) << " | "
           << s.censored << " / " << s.chains << " | " << pm(s.first_passage) << " |\n";
    return md.str();
}
}  // namespace

std::string write_study_attractors(const std::string& out, const std::vector<ConditionResult>& results, const Dbn& model,
                                   const std::vector<std::string>& names, std::uint64_t seed, const FigureOptions& figures) {
    namespace fs = std::filesystem;
    const int C = model.num_classes();
    std::vector<AttractorSummary> conds, methods;
    std::map<std::string, std::vector<const ConditionResult*>> by_method;
    for (const ConditionResult& r : results) {
        conds.push_back(summarize_attractors({&r}, C, r.condition.id, kReplicates,
                                             splitmix64(condition_seed(seed, r.condition.id) ^ kBootstrapTag)));
        by_method[r.condition.method_name()].push_back(&r);
    }
    for (const char* m : {"label", "double", "intersection", "random"})
        if (by_method.count(m)) methods.push_back(summarize_attractors(by_method[m], C, m, kReplicates, splitmix64(seed ^ kBootstrapTag)));
    std::vector<AttractorSummary> all(conds);
    all.insert(all.end(), methods.begin(), methods.end());
    write_tables(out, all, names);
    std::string thresholds;
    for (const ConditionResult& r : results)
        if (!r.census.empty()) {
            write_runs(out, results);
            const CensusThresholds& t = r.census_thresholds;
            thresholds = "Verdicts (docs/METHODS.md §16.3): non-class → spurious; Euclidean distance to the nearest training image "
                         "(visible space, the run's last step) <= " + f3(t.memorised) + " (the " + g3(100 * t.q_low) +
                         " % quantile of " + std::to_string(t.sample) + " training images' leave-one-out nearest-neighbour "
                         "distances) → memorised; > " + f3(t.spurious) + " (the " + g3(100 * t.q_high) +
                         " % quantile) → spurious; otherwise novel.";
            break;
        }
    plot_census((fs::path(out) / "census_verdicts").string(), conds, figures);
    plot_dwell((fs::path(out) / "dwell_times").string(), methods, names, figures);
    plot_entropy_production((fs::path(out) / "entropy_production").string(), conds, figures);
    plot_mixing((fs::path(out) / "mixing_iat").string(), conds, figures);
    return markdown(methods, names, thresholds);
}

}  // namespace topdown
