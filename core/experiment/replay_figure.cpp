#include "experiment/replay_figure.hpp"

namespace topdown {

figure::Figure replay_figure(const std::vector<ReplayCurve>& curves, const std::string& new_name) {
    figure::Figure f;
    f.title = "Continual learning: MNIST, then " + new_name + " with replay";
    f.width_in = figure::kTwoColumnInches;
    f.columns = 2;
    figure::Panel old_task, new_task;
    old_task.title = "MNIST (old task, fixed read-out)";
    new_task.title = new_name + " (new task)";
    for (auto* p : {&old_task, &new_task}) {
        p->x.title = "epoch of retraining";
        p->x.integer_ticks = true;
        p->y.title = "read-out accuracy (%)";
        p->y.min = 0, p->y.max = 100;
    }
    for (std::size_t i = 0; i < curves.size(); ++i) {
        const auto& k = curves[i];
        const figure::Rgb col = figure::series_color(int(i));
        figure::Line o{to_string(k.condition), {0.0}, {100 * k.initial_old_accuracy}, {}, col, 1.5, i % 2 == 1, true};
        for (std::size_t e = 0; e < k.old_accuracy_fixed.size(); ++e) o.x.push_back(double(e + 1)), o.y.push_back(100 * k.old_accuracy_fixed[e]);
        figure::Line n{"", {}, {}, {}, col, 1.5, i % 2 == 1, true};
        for (std::size_t e = 0; e < k.new_accuracy.size(); ++e) n.x.push_back(double(e + 1)), n.y.push_back(100 * k.new_accuracy[e]);
        old_task.lines.push_back(o);
        new_task.lines.push_back(n);
    }
    f.panels = {old_task, new_task};
    f.note = "Epoch 0: MNIST accuracy before retraining. Colours and dashes: replay condition (legend in the left panel).";
    return f;
}

}  // namespace topdown
