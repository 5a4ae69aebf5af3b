// Draws model images (the visible layer, filmstrip frames, class means) as GL textures through our own
// shader (shaders/visible.{vert,frag}): nearest-neighbour upscale and a colour map. Each named slot keeps
// its output texture and re-renders only when its content, colour map, size or grid setting change.
#pragma once
#include <epoxy/gl.h>

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
    // Drops every slot (for example after a model change).
    void clear_slots();

private:
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
    GLint u_values_ = -1, u_lut_ = -1, u_cells_ = -1, u_out_size_ = -1, u_grid_ = -1;
    std::unordered_map<std::string, Slot> slots_;
};

}  // namespace topdown::gui
