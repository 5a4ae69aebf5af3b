// Guide: short plain-language explanations of the concepts behind the app, and presets that recreate the
// papers' examples.
#include <algorithm>
#include <string_view>

#include "panels/panel.hpp"

namespace topdown::gui {

namespace {
struct Topic {
    const char* id;
    const char* title;
    const char* text;
};

constexpr Topic kTopics[] = {
    {"label", "Label biasing",
     "A deep belief network learns images bottom-up: pixels -> hidden layers -> a top-layer code. To make it "
     "imagine a digit we go the other way. Label biasing sets the top layer to the average code of one class "
     "(for example all the 8s it saw in training) and lets the network dream downwards. Each step then goes up "
     "and down again, so the image keeps changing."},
    {"chimera", "Chimeras",
     "A chimera starts from a mix of two classes. The double-label chimera adds the two class codes and keeps "
     "the k strongest units. The intersection chimera keeps only the units that both classes switch on. Which "
     "digit wins - or whether the network invents something in between - tells us how the classes are "
     "organised inside the network."},
    {"image", "Drawing or clamping the start",
     "'From a drawn image' starts the chain from a picture you draw or load on the canvas: the network looks at it "
     "once (a bottom-up pass) and dreams on from there. Clamped pixels (outlined in orange) keep your values at "
     "every step while the rest changes, so the network completes the picture: draw half a digit, clamp it, and "
     "watch what it makes of the other half."},
    {"k", "k: active top units",
     "k is the number of top-layer units switched on at the start of a chimera or random chain. By default it is "
     "the average number of units a label code switches on, so a chimera starts about as 'strong' as a label."},
    {"tempering", "Temperature and tempering",
     "The temperature divides every input of a unit: hot chains (T > 1) are noisier and wander, cold ones stick. A "
     "schedule changes T over the steps (linear or cosine, shown on the energy plot). Parallel tempering runs "
     "copies of each chain at a ladder of hotter temperatures; neighbours swap states when the energy rule allows, "
     "so the chain you watch (T = 1) can borrow the hot chains' escapes from an attractor."},
    {"attractor", "Attractors",
     "Left alone, the chain settles into images it finds typical and stays near them for a while: these are "
     "attractors. A chain may hop from one attractor to another (a transition). The state timeline and the "
     "transition matrix make these hops visible."},
    {"nonclass", "Non-digit states",
     "Sometimes the image is not any digit: a blur, a blend, a scribble. The classifier reports it as the "
     "non-class state (drawn dark). Chimeras visit such states more often than plain labels."},
    {"energy", "Energy",
     "Each pair of layers has an energy: low when the two layers agree with what the network learnt, high when "
     "they clash. Chains drift downhill in energy, so falling curves mean the chain is settling into an "
     "attractor; bumps are escapes. The band is the spread (standard error) over the ensemble."},
    {"ensemble", "The ensemble",
     "One chain is a story; many chains are statistics. The ensemble runs N more chains with the same start and "
     "their own random numbers, in step with the chain you watch."},
    {"transition", "Transition matrix",
     "Rows: the state at one step. Columns: the state at the next step. Each row adds up to 100%. A strong "
     "diagonal means states persist."},
    {"pca", "PCA",
     "Principal component analysis turns the activity of thousands of hidden units into two numbers, so a whole "
     "chain becomes a path on a map. Label-biasing runs mark where each digit lives on that map; a chimera's path "
     "shows which digits it passes near."},
    {"metrics", "Metrics",
     "Visited states counts how many different states a chain went through; transitions counts how often it "
     "changed state. Both are averaged over the ensemble."},
    {"session", "Sessions and seeds",
     "Every chain uses its own random stream derived from the seed, so the same model, biasing, seed and "
     "temperature give exactly the same chain. A session file stores these and reopens the chain at the same "
     "step."},
    {"presets", "Presets", "Quick starts that recreate the papers' examples: see the buttons below."},
};
}  // namespace

void draw_guide_panel(UiContext& ctx) {
    if (!ctx.view.show_guide) return;
    const bool focus_topic = !ctx.view.guide_topic.empty();
    if (focus_topic) ImGui::SetNextWindowFocus();
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(ds.x * 0.22f, ds.y * 0.1f), ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(ds.x * 0.56f, ds.y * 0.8f), ImGuiCond_Appearing);
    ImGui::SetNextWindowBgAlpha(1.0f);  // floats over the panels
    if (ImGui::Begin(panel_label("guide").c_str(), &ctx.view.show_guide, ImGuiWindowFlags_NoCollapse)) {
        ctx.record_window("guide");
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted("What am I looking at?");
        dim_text("A trained network dreams an image step by step. You choose where the dream starts.");
        ImGui::Separator();
        for (const Topic& t : kTopics) {
            const bool is_topic = ctx.view.guide_topic == t.id;
            if (is_topic) ImGui::SetNextItemOpen(true);
            const bool first = std::string_view(t.id) == "label";
            if (ImGui::CollapsingHeader(t.title, first ? ImGuiTreeNodeFlags_DefaultOpen : 0)) {
                if (is_topic) ImGui::SetScrollHereY(0.1f);
                ImGui::TextUnformatted(t.text);
                ImGui::Spacing();
            }
        }
        ImGui::Separator();
        ImGui::TextUnformatted("Presets (the papers' examples)");
        {
            const ModelInfo* pm = ctx.snap->model.get();
            if (!pm || !pm->has_label_biasing) ImGui::BeginDisabled();
            const char* kinds[] = {"Intersection chimera ", "Double-label chimera ", ""};
            int i = 0;
            bool first = true;
            for (const Preset& p : paper_presets()) {
                const char* kind = kinds[std::min(i++, 2)];
                if (pm && !preset_usable(p, pm->num_classes())) continue;
                if (!first) ImGui::SameLine();
                first = false;
                const std::string text = std::string(kind) + preset_button_label(ctx, p.id) + "##guide_" + p.id;
                if (ImGui::Button(text.c_str())) apply_preset(ctx, p.id);
            }
            if (!pm || !pm->has_label_biasing) ImGui::EndDisabled();
        }
        dim_text("Each preset sets the whole composer (k = the model's, T = 1, seed 7, 100 steps, 100 chains). To "
                 "compare label biasing on an RBM and an iDBN, load each model and press the same preset.");
        ImGui::Separator();
        ImGui::TextUnformatted("Keys");
        dim_text("Space play/pause   Right step   Left step back   R reset   Ctrl +/- zoom   F1 guide");
        ImGui::PopTextWrapPos();
    }
    ImGui::End();
    ctx.view.guide_topic.clear();
}

}  // namespace topdown::gui
