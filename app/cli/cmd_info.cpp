// topdown-cli info FILE: the header of any TopDown file (model .tdm, classifier .tdc, study .tds, session
// .json), with its kind told by the file's content, not its name. The file is fully loaded (and so checked)
// by its own loader first: a damaged file gives that loader's error.
#include <cstdio>
#include <map>

#include "classify/state_classifier.hpp"
#include "commands.hpp"
#include "experiment/study_file.hpp"
#include "model/model_file.hpp"
#include "model/tensor_file.hpp"
#include "session/session_file.hpp"
#include "util/errors.hpp"
#include "util/file_kind.hpp"

namespace topdown::cli {

namespace {
// The container header with every array listed as name, rows x cols.
nlohmann::json container_header(const TensorFile& f) {
    nlohmann::json j = f.header;
    nlohmann::json arrays = nlohmann::json::array();
    for (const auto& [name, m] : f.arrays) arrays.push_back({{"name", name}, {"rows", m.rows()}, {"cols", m.cols()}});
    j["arrays"] = arrays;
    return j;
}

nlohmann::json model_header(const std::string& path) {
    nlohmann::json j = model_summary(load_model(path));
    if (j.contains("training") && j["training"].is_object()) j["training"].erase("mse_per_epoch");
    return j;
}

nlohmann::json classifier_header(const std::string& path) {
    (void)load_classifier(path);  // every check of the classifier loader
    return container_header(read_tensor_file(path, "classifier"));
}

// A study's header; the per-condition list (up to 110 entries) is condensed to counts per method.
nlohmann::json study_header(const std::string& path) {
    nlohmann::json meta;
    const auto results = load_study_results(path, &meta);
    const StudyShape s = study_shape(results);
    std::map<std::string, int> per_method;
    for (const auto& r : results) ++per_method[r.condition.method_name()];
    meta.erase("conditions");
    meta["conditions"] = results.size();
    meta["conditions_per_method"] = per_method;
    if (!results.empty()) {
        meta["first_condition"] = results.front().condition.id;
        meta["last_condition"] = results.back().condition.id;
        meta["shape"] = {{"chains", s.chains}, {"steps", s.steps}, {"layers", s.layers}, {"hidden_units", s.hidden},
                         {"visible_units", s.visible}};
    }
    return meta;
}

nlohmann::json session_header(const std::string& path) {
    return nlohmann::json::parse(session_to_json(load_session(path)));
}
}  // namespace

void register_info_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("info", "Print the header of a TopDown file (model, classifier, study or session) and its kind");
    static std::string path;
    cmd->add_option("file", path, "A model (.tdm), classifier (.tdc), study (.tds) or session (.json) file")->required();
    cmd->callback([] {
        std::string why;
        const FileKind kind = identify_file(path, &why);
        nlohmann::json j;
        switch (kind) {
            case FileKind::Model: j = model_header(path); break;
            case FileKind::Classifier: j = classifier_header(path); break;
            case FileKind::Study: j = study_header(path); break;
            case FileKind::Session: j = session_header(path); break;
            case FileKind::Unknown:
                throw FileFormatError(path + ": " + why +
                                      "; topdown-cli info reads models (.tdm), classifiers (.tdc), studies (.tds) and sessions (.json)");
        }
        std::printf("file: %s\nkind: %s (%s)\n%s\n", path.c_str(), file_kind_name(kind), file_kind_extension(kind),
                    j.dump(2).c_str());
    });
}

}  // namespace topdown::cli
