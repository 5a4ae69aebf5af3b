// Draws model images (the visible layer, filmstrip frames, hidden rasters, class means) through our own
// shader (shaders/visible.{vert,frag}): nearest-neighbour upscale and a colour map. Two paths:
// - image(): renders into a cached output texture (slot re-renders only when content, colour map, size or
//   grid change) for images that rarely change (class means, replay samples);
// - draw(): draws straight into the frame from an ImDrawList callback, for images that change every step
//   (no render-to-texture pass: on software GL each such pass costs a flush and a second fill).
#pragma once
#include <epoxy/gl.h>
#include <imgui.h>

#include <deque>
#include <memory>
#include <string>
#include <unordered_map>

#include "plot/colormaps.hpp"

namespace topdown::gui {

class VisibleRenderer {
public:
    VisibleRenderer() = default;
    ~VisibleRenderer();
    VisibleRenderer(const VisibleRenderer&) = delete;
    VisibleRenderer& operator=(const VisibleRenderer&) = delete;

    // Finds and compiles the shaders and builds the colour-map textures. False (with `error`) on failure.
    bool init(std::string& error);
    // The texture of slot `name` showing `values` (rows x cols in [0, 1]) at out_w x out_h pixels.
    // `owner` + `index` identify the content (owner is kept alive while the slot shows it).
    GLuint image(const std::string& name, const std::shared_ptr<const void>& owner, int index, const float* values,
                 int rows, int cols, plot::ColorMap colormap, int out_w, int out_h, bool grid);
    // True when slot `name` already shows (owner, index) at out_w x out_h: image() may then get null values.
    bool cached(const std::string& name, const std::shared_ptr<const void>& owner, int index, int out_w, int out_h) const {
        auto it = slots_.find(name);
        return it != slots_.end() && it->second.output && it->second.owner == owner && it->second.index == index &&
               it->second.width == out_w && it->second.height == out_h;
    }
    // Queues `values` (rows x cols in [0, 1]) to be drawn through the shader into [min, max) of `dl` when the
    // frame is rendered. Values are uploaded once per (owner, index); null values reuse the slot's upload.
    void draw(ImDrawList* dl, ImVec2 min, ImVec2 max, const std::string& name, const std::shared_ptr<const void>& owner,
              int index, const float* values, int rows, int cols, plot::ColorMap colormap, bool grid);
    // True when draw() slot `name` already holds the values of (owner, index) with this shape.
    bool has_values(const std::string& name, const std::shared_ptr<const void>& owner, int index, int rows,
                    int cols) const {
        auto it = uploads_.find(name);
        return it != uploads_.end() && it->second.values && it->second.owner == owner && it->second.index == index &&
               it->second.rows == rows && it->second.cols == cols;
    }
    // Forgets the previous frame's queued draws; call once per frame after rendering it.
    void begin_frame() { requests_.clear(); }
    // Drops every slot (for example after a model change).
    void clear_slots();

private:
    struct Upload {
        GLuint values = 0;
        int rows = 0, cols = 0;
        std::shared_ptr<const void> owner;
        int index = -1;
    };
    struct DrawRequest {
        VisibleRenderer* self = nullptr;
        GLuint values = 0;
        int colormap = 0, rows = 0, cols = 0;
        ImVec2 min, max;
        bool grid = false;
    };
    static void draw_callback(const ImDrawList* list, const ImDrawCmd* cmd);
    void render_request(const DrawRequest& r, const ImVec4& clip) const;
    void upload_values(GLuint texture, const float* values, int rows, int cols) const;

    struct Slot {
        GLuint values = 0, output = 0, fbo = 0;
        int rows = 0, cols = 0, width = 0, height = 0;
        std::shared_ptr<const void> owner;
        int index = -1, colormap = -1;
        bool grid = false;
    };
    void release(Slot& s);

    GLuint program_ = 0, vao_ = 0;
    GLuint luts_[plot::kColorMapCount] = {};
    GLint u_values_ = -1, u_lut_ = -1, u_cells_ = -1, u_out_size_ = -1, u_grid_ = -1, u_origin_ = -1, u_flip_ = -1;
    std::unordered_map<std::string, Slot> slots_;
    std::unordered_map<std::string, Upload> uploads_;
    std::deque<DrawRequest> requests_;  // this frame's draws; a deque so callback pointers stay valid
};

}  // namespace topdown::gui
