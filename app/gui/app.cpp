#include "app.hpp"

#include <epoxy/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cfloat>
#include <chrono>
#include <thread>
#include <vector>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app_settings.hpp"
#include "compare_mode.hpp"
#include "exporters.hpp"
#include "fonts.hpp"
#include "layout.hpp"
#include "network_script.hpp"
#include "panels/panel.hpp"
#include "panels/teach_panels.hpp"
#include "script_runner.hpp"
#include "session/panel_layout.hpp"
#include "session/presets.hpp"
#include "session/ui_pacing.hpp"
#include "util/export_folder.hpp"

namespace topdown::gui {

namespace {
void glfw_error(int code, const char* text) { std::fprintf(stderr, "GLFW error %d: %s\n", code, text); }

// Records every key press as an event (ImGui 1.86 polls key state once per frame and loses a tap shorter than
// a frame). Installed before ImGui's callback, which chains to it.
void record_key(GLFWwindow* window, int key, int /*scancode*/, int action, int mods) {
    auto* log = static_cast<KeyPressLog*>(glfwGetWindowUserPointer(window));
    if (!log || key < 0 || action == GLFW_RELEASE) return;
    const bool ctrl = (mods & GLFW_MOD_CONTROL) != 0;
    log->record(ctrl ? (KeyPressLog::kCtrl | key) : key, action == GLFW_PRESS);
}

void draw_menu_bar(UiContext& ctx, GLFWwindow* window, bool& zoom_changed) {
    if (!ImGui::BeginMainMenuBar()) return;
    ctx.frame.menu_height = ImGui::GetWindowSize().y;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open model or session...")) {
            ctx.files.purpose = "model";
            ctx.files.browser.open("Open model or session", ".", {".tdm", ".npz", ".json"});
        }
        if (ImGui::MenuItem("Rescan model folders")) ctx.models.rescan = true;
        if (ImGui::MenuItem("Export...")) show_panel(ctx, "export");
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) glfwSetWindowShouldClose(window, GLFW_TRUE);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Presentation mode", "F11", ctx.view.present)) ctx.view.present = !ctx.view.present;
        if (ImGui::MenuItem("Compare side by side", nullptr, ctx.compare.active)) {
            if (ctx.compare.active) leave_compare(ctx);
            else enter_compare(ctx);
        }
        if (ImGui::MenuItem("Zoom in", "Ctrl +")) ctx.view.zoom = clamp_zoom(ctx.view.zoom * 1.15f), zoom_changed = true;
        if (ImGui::MenuItem("Zoom out", "Ctrl -")) ctx.view.zoom = clamp_zoom(ctx.view.zoom / 1.15f), zoom_changed = true;
        if (ImGui::MenuItem("Reset zoom", "Ctrl 0")) ctx.view.zoom = 1.0f, zoom_changed = true;
        if (ImGui::MenuItem("Reset layout")) ctx.view.reset_layout = true;
        if (ImGui::MenuItem("Network view (look inside)", nullptr, ctx.network.open)) ctx.network.open = !ctx.network.open;
        ImGui::Separator();
        for (int i = 0; i < plot::kColorMapCount; ++i) {
            const auto m = static_cast<plot::ColorMap>(i);
            if (ImGui::MenuItem(plot::colormap_name(m), nullptr, ctx.view.colormap == m)) ctx.view.colormap = m;
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Experiments")) {
        if (ImGui::MenuItem("Continual learning (generative replay)...")) show_panel(ctx, "replay");
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Guide", "F1")) show_panel(ctx, "guide");
        if (ImGui::MenuItem("Getting started")) show_panel(ctx, "start");
        lessons_menu(ctx);  // Help > Lessons (issue 16 item 4)
        ImGui::EndMenu();
    }
    // Right side: model, biasing and step at a glance.
    const Snapshot& s = *ctx.snap;
    char info[256];
    if (s.model)
        std::snprintf(info, sizeof info, "%s   |   %s   |   step %d", s.model->name.c_str(),
                      s.bias_description.empty() ? "not started" : describe(s.params).c_str(), s.step);
    else
        std::snprintf(info, sizeof info, "no model loaded");
    // Right-aligned where it fits after the menus; shortened to the step, or left out, where it does not (it
    // must never cover a menu).
    const float menus_end = ImGui::GetCursorPosX() + ImGui::GetFontSize();
    const float right = ImGui::GetWindowWidth() - ImGui::GetFontSize();
    if (ImGui::CalcTextSize(info).x > right - menus_end) std::snprintf(info, sizeof info, "step %d", s.step);
    const float w = ImGui::CalcTextSize(info).x;
    if (w <= right - menus_end) {
        ImGui::SameLine(right - w);
        ImGui::TextDisabled("%s", info);
    }
    ImGui::EndMainMenuBar();
}

// Shortcuts from the key press log (a tap shorter than a frame still counts).
void handle_global_keys(UiContext& ctx, GLFWwindow* window, bool& zoom_changed) {
    const KeyPressLog& k = ctx.keys;
    auto ctrl = [&](int key) { return k.pressed(KeyPressLog::kCtrl | key, true); };
    if (ctrl(GLFW_KEY_EQUAL) || ctrl(GLFW_KEY_KP_ADD))
        ctx.view.zoom = clamp_zoom(ctx.view.zoom * 1.15f), zoom_changed = true;
    if (ctrl(GLFW_KEY_MINUS) || ctrl(GLFW_KEY_KP_SUBTRACT))
        ctx.view.zoom = clamp_zoom(ctx.view.zoom / 1.15f), zoom_changed = true;
    if (ctrl(GLFW_KEY_0)) ctx.view.zoom = 1.0f, zoom_changed = true;
    if (k.pressed(KeyPressLog::kCtrl | GLFW_KEY_Q)) glfwSetWindowShouldClose(window, GLFW_TRUE);
    if (k.pressed(GLFW_KEY_F1)) ctx.view.show_guide = !ctx.view.show_guide;
    if (k.pressed(GLFW_KEY_F11)) ctx.view.present = !ctx.view.present;
    // Esc leaves presentation mode (unless it closes a popup or a text field).
    const ImGuiIO& io = ImGui::GetIO();
    if (k.pressed(GLFW_KEY_ESCAPE) && ctx.view.present && !io.WantTextInput &&
        !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
        ctx.view.present = false;
}

void draw_ui(UiContext& ctx, GLFWwindow* window, bool& zoom_changed) {
    ctx.begin_frame_rects();
    ctx.frame.font_size = ImGui::GetFontSize();
    ctx.frame.compact = compact_layout(layout_input(ctx));
    handle_global_keys(ctx, window, zoom_changed);
    // Presentation mode (full screen for projectors: the picture, its timeline, one analysis view) has no menu.
    if (ctx.view.present) ctx.frame.menu_height = 0;
    else draw_menu_bar(ctx, window, zoom_changed);
    update_lessons(ctx);  // lesson keys (N / P) and a step waiting for its model
    draw_panels(ctx);  // the tiles of this layout and the dialogs, from the panel table
    draw_error_dialog(ctx);
    ctx.view.reset_layout = ctx.frame.relayout;  // the transport bar changed its height: tile again next frame
    ctx.frame.relayout = false;
    ctx.frame.any_panel_floating = ctx.frame.panel_floating_now;
    ctx.frame.panel_floating_now = false;
}

// Compare mode: side B's model, step, settings and visible image (its panels and items carry the suffix "_b").
void add_side_b(const UiContext& ctx, nlohmann::json& j) {
    j["compare"] = ctx.compare.active;
    if (!ctx.compare.active || !ctx.compare.snap) return;
    const Snapshot& b = *ctx.compare.snap;
    j["model_path_b"] = b.model ? b.model->path : "";
    j["step_b"] = b.step;
    j["seed_b"] = b.params.seed;
    j["bias_b"] = b.bias_description;
    j["error_b"] = b.error;
    j["seed"] = ctx.snap->params.seed;
    j["bias"] = ctx.snap->bias_description;
    if (b.current && b.model) {
        j["visible_rows_b"] = b.model->image_rows;
        j["visible_cols_b"] = b.model->image_cols;
        j["visible_values_b"] = b.current->visible;
    }
}

void write_sidecar(const UiContext& ctx, const ScriptRunner& script, const std::string& png, const Rect& crop, int w, int h) {
    nlohmann::json j;
    const Snapshot& s = *ctx.snap;
    j["width"] = w;
    j["height"] = h;
    j["crop"] = {crop.x, crop.y, crop.w, crop.h};
    j["present"] = ctx.view.present;
    j["filmstrip_thumb"] = ctx.frame.font_size * (ctx.view.present ? 2.6f : 3.2f);
    j["zoom"] = ctx.view.zoom;
    j["step"] = s.step;
    j["model_path"] = s.model ? s.model->path : "";
    j["error"] = s.error;
    j["classifier_loaded"] = s.classifier_loaded;
    if (s.current && s.model) {  // the visible image as the visible panel shows it (checked pixel by pixel)
        j["visible_rows"] = s.model->image_rows;
        j["visible_cols"] = s.model->image_cols;
        j["visible_values"] = s.current->visible;
        j["visible_colormap"] = plot::colormap_name(ctx.view.colormap);
        j["visible_pixel_grid"] = ctx.view.pixel_grid;
    }
    {  // the transition matrix as the heatmap shows it (row-normalised; null for empty rows)
        const Eigen::MatrixXi& counts = ctx.view.transitions_of_focused ? s.focused_transition_counts : s.transition_counts;
        nlohmann::json values = nlohmann::json::array();
        for (Eigen::Index r = 0; r < counts.rows(); ++r) {
            const long long t = counts.row(r).cast<long long>().sum();
            for (Eigen::Index c = 0; c < counts.cols(); ++c)
                values.push_back(t == 0 ? nlohmann::json() : nlohmann::json(static_cast<float>(counts(r, c)) / static_cast<float>(t)));
        }
        j["transition_size"] = counts.rows();
        j["transition_values"] = values;
    }
    j["opened_total"] = script.opened_total();
    j["opened_rejected"] = script.opened_rejected();
    j["opened_loaded"] = script.opened_loaded();
    if (ctx.replay.job) {
        const auto rp = ctx.replay.job->progress();
        const char* names[] = {"idle", "running", "finished", "cancelled", "failed"};
        j["replay_state"] = names[static_cast<int>(rp->state)];
        j["replay_conditions"] = rp->curves.size();
        j["replay_error"] = rp->error;
    }
    j["focused_line_rgb"] = {90, 200, 255};
    add_side_b(ctx, j);
    add_drawn_content(ctx, j);  // what the panels were given to draw (script_runner.cpp)
    for (const auto& [name, r] : ctx.rects.panel_rects) j["panels"][name] = {r.x, r.y, r.w, r.h};
    for (const auto& [name, r] : ctx.rects.item_rects) j["items"][name] = {r.x, r.y, r.w, r.h};
    std::ofstream(png + ".json") << j.dump(2) << "\n";
}

// What one run of the app holds from init to shutdown.
struct AppRun {
    explicit AppRun(const AppOptions& options) : o(options) {}
    const AppOptions& o;
    UiContext ctx;
    WindowSettings win;
    bool use_settings = false;
    GLFWwindow* window = nullptr;
    std::string ini;              // imgui.ini's path (ImGui keeps a pointer to it until DestroyContext)
    float fps_cap = 0.0f;
    float applied_zoom = 1.0f;
    bool fullscreen = false;      // interactive presentation mode covers the monitor
    int windowed[4] = {0, 0, 0, 0};
    int last_size[2] = {0, 0};
    std::vector<int> forced_down;  // keys held down for one frame because their tap was shorter than it
    bool forced_ctrl = false;
    std::chrono::steady_clock::time_point last, next_frame;
    std::chrono::steady_clock::time_point frame_start;  // when the previous frame began (compare mode's lockstep)
};

// Settings file and command-line options into the view state and the window size.
void apply_options(AppRun& a) {
    const AppOptions& o = a.o;
    UiContext& ctx = a.ctx;
    a.win.width = o.width, a.win.height = o.height;
    a.use_settings = !o.no_settings && !o.scripted();
    if (a.use_settings) {
        const std::string why = load_settings(ctx.view, ctx.composer, a.win);
        if (!why.empty()) {  // said, not hidden; startup goes on with the defaults
            std::fprintf(stderr, "topdown: %s\n", why.c_str());
            ctx.notice.text = "settings not read: defaults in use";
            ctx.notice.detail = why;
        }
    }
    if (o.scripted()) a.win = WindowSettings{}, a.win.width = o.width, a.win.height = o.height;
    plot::ColorMap cm;
    if (plot::parse_colormap(o.colormap, cm) && (o.scripted() || o.colormap != "gray")) ctx.view.colormap = cm;
    if (o.zoom > 0.0f) ctx.view.zoom = o.zoom;
    else if (o.scripted()) ctx.view.zoom = 1.0f;
    ctx.view.zoom = clamp_zoom(ctx.view.zoom);
    if (o.present) ctx.view.present = true;
    ctx.view.show_guide = o.show_guide;
    if (o.speed == 0.0f) ctx.view.max_speed = true;
    if (o.speed > 0.0f) ctx.view.speed = o.speed, ctx.view.max_speed = false;
    open_network_view(o, ctx);
}

// Opens the OpenGL 3.3 core window, sets the start zoom (HiDPI), the frame cap and the key log. False on failure
// (GLFW is terminated then).
bool create_window(AppRun& a) {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    a.window = glfwCreateWindow(a.win.width, a.win.height, "TopDown", nullptr, nullptr);
    if (!a.window) {
        std::fprintf(stderr, "topdown: cannot create an OpenGL 3.3 core window\n");
        glfwTerminate();
        return false;
    }
    glfwMakeContextCurrent(a.window);
    glfwSwapInterval(a.o.scripted() ? 0 : 1);
    // HiDPI: without a saved zoom or --zoom, the start zoom follows the monitor's content scale.
    if (!a.o.scripted() && a.o.zoom <= 0.0f && !a.win.has_zoom) {
        float sx = 1.0f, sy = 1.0f;
        glfwGetWindowContentScale(a.window, &sx, &sy);
        a.ctx.view.zoom = clamp_zoom(std::max(sx, sy));
    }
    // Pace the UI: without working vsync (Xvfb, remote desktops, some drivers) an uncapped UI thread draws
    // frames nobody sees and takes a core from the simulation. Interactive runs cap at the display's refresh.
    int refresh_hz = 0;
    if (GLFWmonitor* mon = glfwGetPrimaryMonitor())
        if (const GLFWvidmode* mode = glfwGetVideoMode(mon)) refresh_hz = mode->refreshRate;
    a.fps_cap = effective_fps_cap(a.o.fps_cap, a.o.scripted(), refresh_hz);
    glfwSetWindowUserPointer(a.window, &a.ctx.keys);
    glfwSetKeyCallback(a.window, record_key);  // before ImGui installs its own, which chains to this one
    return true;
}

// The zoom in use: the user's, or in presentation mode at least what a hall can read.
float effective_zoom(const AppRun& a) {
    int w = 0, h = 0;
    glfwGetWindowSize(a.window, &w, &h);
    return a.ctx.view.present ? presentation_zoom(a.ctx.view.zoom, static_cast<float>(h)) : clamp_zoom(a.ctx.view.zoom);
}

// The ImGui context with its GLFW and OpenGL backends, imgui.ini (interactive runs only) and the start zoom.
void init_imgui(AppRun& a) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    if (a.use_settings) {
        a.ini = imgui_ini_path();
        io.IniFilename = a.ini.c_str();
    } else {
        io.IniFilename = nullptr;
    }
    ImGui_ImplGlfw_InitForOpenGL(a.window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    a.applied_zoom = effective_zoom(a);
    apply_zoom(a.applied_zoom);
    a.windowed[2] = a.win.width, a.windowed[3] = a.win.height;
    a.last_size[0] = a.win.width, a.last_size[1] = a.win.height;
}

// Interactive start: the session or model named on the command line, else the last model with its composer,
// else (first run) the shipped iDBN with the intersection chimera {2, 9} ready and the getting-started overlay.
void open_first_files(AppRun& a) {
    const AppOptions& o = a.o;
    UiContext& ctx = a.ctx;
    if (!o.session.empty()) {
        open_session(ctx, o.session);
    } else if (!o.model.empty()) {
        ctx.models.current_path = o.model;
        ctx.send(cmd::LoadModel{o.model});
    } else if (a.use_settings) {
        std::string path = a.win.model_path;
        std::error_code ec;
        if (path.empty() || !std::filesystem::is_regular_file(path, ec)) path = shipped_model_path("idbn_mnist.tdm");
        if (!a.win.found) {
            if (const DatasetPreset* p = find_dataset_preset(kFirstRunPreset)) ctx.composer = p->state;
            ctx.composer_aids.active_preset = kFirstRunPreset;
            ctx.view.show_start = true;
        }
        if (!path.empty()) {
            ctx.models.current_path = path;
            ctx.send(cmd::LoadModel{path, composer_params(ctx.composer)});
        }
    }
    if (!o.compare.empty()) enter_compare(ctx, o.compare);  // side B beside whatever side A opened
    if (!o.lesson.empty()) open_lesson(ctx, o.lesson, o.lesson_step - 1);  // --lesson (issue 16)
}

// Polls events and feeds this frame's key presses to ImGui.
void poll_keys(AppRun& a) {
    ImGuiIO& io = ImGui::GetIO();
    // Keys ImGui forced down for the previous frame (a tap shorter than that frame) are released now.
    for (int key : a.forced_down) io.KeysDown[key] = false;
    if (a.forced_ctrl) io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
    a.forced_down.clear();
    a.forced_ctrl = false;
    glfwPollEvents();
    a.ctx.keys.begin_frame();
    // ImGui 1.86 polls io.KeysDown once per frame: a key pressed and released within one poll is lost to
    // its widgets (Enter in a text field, Ctrl+A). Such a key is held down for this one frame instead.
    for (int code : a.ctx.keys.pressed_keys()) {
        const int key = code & ~KeyPressLog::kCtrl;
        if (key < 0 || key >= static_cast<int>(IM_ARRAYSIZE(io.KeysDown)) || io.KeysDown[key]) continue;
        io.KeysDown[key] = true;
        a.forced_down.push_back(key);
        if ((code & KeyPressLog::kCtrl) && !io.KeyCtrl) io.KeyCtrl = a.forced_ctrl = true;
    }
}

// Writes the PNG a scripted run or the Export dialog asked for (the window or one panel) from the rendered frame;
// an Export request is armed first and taken from the next frame, drawn without the dialog.
void take_screenshot(AppRun& a, ScriptRunner& script, int fb_w, int fb_h) {
    const AppOptions& o = a.o;
    UiContext& ctx = a.ctx;
    const bool scripted_shot = o.scripted() && script.wants_screenshot();
    if (!scripted_shot && !ctx.capture.screenshot_request.empty() && !ctx.capture.capturing) {
        ctx.capture.screenshot_armed = true;  // capture on the next frame, drawn without the dialog
        return;
    }
    if (!scripted_shot && ctx.capture.screenshot_request.empty()) return;
    const std::string path = scripted_shot ? o.screenshot : ctx.capture.screenshot_request;
    const std::string panel = scripted_shot ? panel_window(o.panel) : ctx.capture.screenshot_panel;
    Rect crop;
    if (!panel.empty()) {
        auto it = ctx.rects.panel_rects.find(panel);
        if (it == ctx.rects.panel_rects.end()) {
            if (scripted_shot) script.finish(false, "unknown panel '" + o.panel + "'");
            else ctx.errors.show("Export of the PNG failed: unknown panel " + panel);
        } else {
            const ImGuiIO& io = ImGui::GetIO();
            const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
            crop = Rect{it->second.x * sx, it->second.y * sy, it->second.w * sx, it->second.h * sy};
        }
    }
    if (panel.empty() || crop.w > 0) {
        try {
            ensure_export_folder(path);  // a new account has no ~/topdown-exports yet
            save_framebuffer_png(fb_w, fb_h, crop, path);
            if (scripted_shot) {
                write_sidecar(ctx, script, path, crop, crop.w > 0 ? static_cast<int>(crop.w) : fb_w,
                              crop.h > 0 ? static_cast<int>(crop.h) : fb_h);
                script.finish(true, "wrote " + path + std::string(" at step ") + std::to_string(ctx.snap->step));
            } else {
                ctx.capture.export_message = "wrote " + path;
            }
        } catch (const std::exception& e) {
            if (scripted_shot) script.finish(false, e.what());
            else ctx.errors.show(std::string("Export of the PNG failed: ") + e.what());
        }
    }
    ctx.capture.screenshot_request.clear();
    ctx.capture.screenshot_armed = false;
}

// Full screen on and off (F11 / Esc), zoom and window size changes: each re-tiles the layout.
void follow_window_changes(AppRun& a, bool zoom_changed) {
    UiContext& ctx = a.ctx;
    if (!a.o.scripted() && ctx.view.present != a.fullscreen) {
        GLFWmonitor* mon = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = mon ? glfwGetVideoMode(mon) : nullptr;
        if (ctx.view.present && mode) {
            glfwGetWindowPos(a.window, &a.windowed[0], &a.windowed[1]);
            glfwGetWindowSize(a.window, &a.windowed[2], &a.windowed[3]);
            glfwSetWindowMonitor(a.window, mon, 0, 0, mode->width, mode->height, mode->refreshRate);
        } else if (!ctx.view.present) {
            glfwSetWindowMonitor(a.window, nullptr, a.windowed[0], a.windowed[1], a.windowed[2], a.windowed[3], 0);
        }
        a.fullscreen = ctx.view.present;
        ctx.view.reset_layout = true;
    }
    const float want_zoom = effective_zoom(a);
    if (zoom_changed || want_zoom != a.applied_zoom) {
        a.applied_zoom = want_zoom;
        apply_zoom(a.applied_zoom);
        ctx.view.reset_layout = true;
    }
    int w = 0, h = 0;
    glfwGetWindowSize(a.window, &w, &h);
    if (w != a.last_size[0] || h != a.last_size[1]) {
        a.last_size[0] = w, a.last_size[1] = h;
        if (!a.fullscreen) a.win.width = w, a.win.height = h;
        ctx.view.reset_layout = true;
    }
}

// Frame pacing on a fixed schedule (no drift; a frame up to one period late is caught up, a later one restarts
// the schedule), and the frame time for the benchmark.
void pace_frame(AppRun& a, ScriptRunner& script) {
    if (a.fps_cap > 0.0f) {
        const auto period = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(1.0 / static_cast<double>(a.fps_cap)));
        a.next_frame += period;
        const auto t = std::chrono::steady_clock::now();
        if (a.next_frame + period < t) a.next_frame = t;  // more than a frame late: start the schedule again
        else std::this_thread::sleep_until(a.next_frame);
    }
    const auto now = std::chrono::steady_clock::now();
    script.frame_time(std::chrono::duration<double, std::milli>(now - a.last).count());
    a.last = now;
}

// One frame: keys, snapshot, script step, UI, render, screenshot, window changes, pacing. False when the
// script has finished (the loop ends).
bool run_frame(AppRun& a, ScriptRunner& script, VisibleRenderer& renderer, SessionWorker& worker) {
    const AppOptions& o = a.o;
    UiContext& ctx = a.ctx;
    ImGuiIO& io = ImGui::GetIO();
    poll_keys(a);
    renderer.begin_frame();  // the previous frame has been rendered: its queued image draws are done
    ctx.snap = worker.latest();  // one snapshot for the whole frame; no lock held while drawing
    resolve_pending_session(ctx);
    const auto frame_start = std::chrono::steady_clock::now();  // lockstep play earns steps per frame interval
    update_compare(ctx, a.frame_start.time_since_epoch().count() == 0
                            ? 0.0
                            : std::chrono::duration<double>(frame_start - a.frame_start).count());
    a.frame_start = frame_start;
    if (o.scripted()) {
        script.update(ctx);
        if (script.done()) return false;
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // Scripted runs ignore the pointer (Xvfb leaves it mid-screen): no hover effects or tooltips in
    // screenshots and benchmarks.
    if (o.scripted()) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    bool zoom_changed = false;
    if (o.scripted() && !o.panel.empty()) {
        if (const int tab = panel_tab(o.panel); tab >= 0) ctx.view.analysis_tab = tab;  // a tab of "analysis"
        show_panel(ctx, o.panel);  // a dialog opens
    }
    // A window / panel PNG asked for last frame is taken from this frame, drawn without the Export
    // dialog (and other floating dialogs) so the picture shows the panels only.
    ctx.capture.capturing = !ctx.capture.screenshot_request.empty() && ctx.capture.screenshot_armed;
    draw_ui(ctx, a.window, zoom_changed);
    ImGui::Render();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(a.window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(kPanelBackground[0], kPanelBackground[1], kPanelBackground[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    take_screenshot(a, script, fb_w, fb_h);
    glfwSwapBuffers(a.window);
    follow_window_changes(a, zoom_changed);
    pace_frame(a, script);
    return true;
}

// Interactive runs keep the window size, the last model, the view and the composer for the next start.
void save_on_exit(AppRun& a) {
    if (!a.use_settings) return;
    if (a.ctx.snap && a.ctx.snap->model && !a.ctx.snap->model->path.empty()) a.win.model_path = a.ctx.snap->model->path;
    if (a.fullscreen) a.win.width = a.windowed[2], a.win.height = a.windowed[3];
    const std::string why = save_settings(a.ctx.view, a.ctx.composer, a.win);
    if (!why.empty()) std::fprintf(stderr, "topdown: %s\n", why.c_str());  // the window is closing
}

// ImGui, its backends, the window and GLFW, in reverse order of init.
void shutdown(AppRun& a) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(a.window);
    glfwTerminate();
}
}  // namespace

int run_app(const AppOptions& o) {
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) {
        std::fprintf(stderr, "topdown: cannot open a window (no display? run under xvfb-run)\n");
        return 1;
    }
    AppRun a(o);
    apply_options(a);
    if (!create_window(a)) return 1;
    init_imgui(a);
    int exit_code = 0;
    {
        VisibleRenderer renderer;
        std::string error;
        if (!renderer.init(error)) {
            std::fprintf(stderr, "topdown: %s\n", error.c_str());
            exit_code = 1;
        }
        SessionWorker worker(1000, 2000, /*batch_when_unpaced=*/true);
        a.ctx.worker = &worker;
        ReplayJob replay_job;  // declared after the worker: joined first on exit
        a.ctx.replay.job = &replay_job;
        a.ctx.renderer = &renderer;
        a.ctx.send(cmd::SetSpeed{a.ctx.view.max_speed ? 0.0f : a.ctx.view.speed});
        ScriptRunner script(o);
        if (!o.scripted()) open_first_files(a);
        a.last = a.next_frame = std::chrono::steady_clock::now();
        while (exit_code == 0 && !glfwWindowShouldClose(a.window))
            if (!run_frame(a, script, renderer, worker)) break;
        if (o.scripted() && exit_code == 0) exit_code = script.done() ? script.exit_code() : 1;
        save_on_exit(a);
        a.ctx.compare.worker.reset();  // side B's worker stops before the renderer and the primary worker
        a.ctx.compare.snap.reset();
        a.ctx.snap.reset();
        renderer.clear_slots();
    }
    shutdown(a);
    return exit_code;
}

}  // namespace topdown::gui
