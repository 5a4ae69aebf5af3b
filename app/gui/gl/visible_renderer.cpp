#include "gl/visible_renderer.hpp"

#include <cmath>
#include <vector>

#include "gl/shader_program.hpp"

namespace topdown::gui {

VisibleRenderer::~VisibleRenderer() {
    clear_slots();
    if (program_) glDeleteProgram(program_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    glDeleteTextures(plot::kColorMapCount, luts_);
}

bool VisibleRenderer::init(std::string& error) {
    const std::string dir = find_shader_dir("visible.frag");
    if (dir.empty()) {
        error = "cannot find the shaders folder (visible.vert, visible.frag): set TOPDOWN_SHADER_DIR or run from the "
                "build tree";
        return false;
    }
    program_ = load_program(dir, "visible.vert", "visible.frag", error);
    if (!program_) return false;
    u_values_ = glGetUniformLocation(program_, "u_values");
    u_lut_ = glGetUniformLocation(program_, "u_lut");
    u_cells_ = glGetUniformLocation(program_, "u_cells");
    u_out_size_ = glGetUniformLocation(program_, "u_out_size");
    u_grid_ = glGetUniformLocation(program_, "u_grid");
    u_origin_ = glGetUniformLocation(program_, "u_origin");
    u_flip_ = glGetUniformLocation(program_, "u_flip");
    glGenVertexArrays(1, &vao_);
    glGenTextures(plot::kColorMapCount, luts_);
    for (int m = 0; m < plot::kColorMapCount; ++m) {
        const auto lut = plot::colormap_lut(static_cast<plot::ColorMap>(m));
        std::vector<unsigned char> rgba(256 * 4);
        for (std::size_t i = 0; i < 256; ++i) {
            rgba[i * 4] = lut[i].r;
            rgba[i * 4 + 1] = lut[i].g;
            rgba[i * 4 + 2] = lut[i].b;
            rgba[i * 4 + 3] = 255;
        }
        glBindTexture(GL_TEXTURE_2D, luts_[m]);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    }
    glBindTexture(GL_TEXTURE_2D, 0);
    return true;
}

void VisibleRenderer::release(Slot& s) {
    if (s.fbo) glDeleteFramebuffers(1, &s.fbo);
    if (s.values) glDeleteTextures(1, &s.values);
    if (s.output) glDeleteTextures(1, &s.output);
    s = Slot{};
}

void VisibleRenderer::clear_slots() {
    for (auto& [name, s] : slots_) release(s);
    slots_.clear();
    for (auto& [name, u] : uploads_)
        if (u.values) glDeleteTextures(1, &u.values);
    uploads_.clear();
    requests_.clear();
}

void VisibleRenderer::upload_values(GLuint texture, const float* values, int rows, int cols) const {
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, cols, rows, 0, GL_RED, GL_FLOAT, values);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void VisibleRenderer::draw(ImDrawList* dl, ImVec2 min, ImVec2 max, const std::string& name,
                           const std::shared_ptr<const void>& owner, int index, const float* values, int rows, int cols,
                           plot::ColorMap colormap, bool grid) {
    if (!program_ || !dl || rows <= 0 || cols <= 0 || max.x - min.x < 1.0f || max.y - min.y < 1.0f) return;
    Upload& u = uploads_[name];
    if (!has_values(name, owner, index, rows, cols)) {
        if (!values) return;
        if (!u.values) glGenTextures(1, &u.values);
        upload_values(u.values, values, rows, cols);
        u.rows = rows;
        u.cols = cols;
        u.owner = owner;
        u.index = index;
    }
    requests_.push_back(DrawRequest{this, u.values, static_cast<int>(colormap), rows, cols, min, max, grid});
    dl->AddCallback(&VisibleRenderer::draw_callback, &requests_.back());
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);  // hand GL state back to ImGui's renderer
}

void VisibleRenderer::draw_callback(const ImDrawList*, const ImDrawCmd* cmd) {
    const auto* r = static_cast<const DrawRequest*>(cmd->UserCallbackData);
    if (r && r->self) r->self->render_request(*r, cmd->ClipRect);
}

void VisibleRenderer::render_request(const DrawRequest& r, const ImVec4& clip) const {
    const ImGuiIO& io = ImGui::GetIO();
    const ImDrawData* dd = ImGui::GetDrawData();
    const ImVec2 off = dd ? dd->DisplayPos : ImVec2(0, 0);
    const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
    const float fb_h = io.DisplaySize.y * sy;
    // ImGui's y axis points down, GL's up: flip when converting to framebuffer pixels.
    const int x0 = static_cast<int>(std::lround((r.min.x - off.x) * sx));
    const int x1 = static_cast<int>(std::lround((r.max.x - off.x) * sx));
    const int y0 = static_cast<int>(std::lround(fb_h - (r.max.y - off.y) * sy));
    const int y1 = static_cast<int>(std::lround(fb_h - (r.min.y - off.y) * sy));
    const int cx0 = static_cast<int>((clip.x - off.x) * sx), cx1 = static_cast<int>((clip.z - off.x) * sx);
    const int cy0 = static_cast<int>(fb_h - (clip.w - off.y) * sy), cy1 = static_cast<int>(fb_h - (clip.y - off.y) * sy);
    if (x1 <= x0 || y1 <= y0 || cx1 <= cx0 || cy1 <= cy0) return;
    glViewport(x0, y0, x1 - x0, y1 - y0);
    glEnable(GL_SCISSOR_TEST);
    glScissor(cx0, cy0, cx1 - cx0, cy1 - cy0);
    glDisable(GL_BLEND);
    glUseProgram(program_);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, r.values);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, luts_[r.colormap]);
    glUniform1i(u_values_, 0);
    glUniform1i(u_lut_, 1);
    glUniform2i(u_cells_, r.cols, r.rows);
    glUniform2f(u_out_size_, static_cast<float>(x1 - x0), static_cast<float>(y1 - y0));
    glUniform2f(u_origin_, static_cast<float>(x0), static_cast<float>(y0));
    glUniform1f(u_flip_, 1.0f);
    glUniform1f(u_grid_, r.grid ? 1.0f : 0.0f);
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindTexture(GL_TEXTURE_2D, 0);
    glActiveTexture(GL_TEXTURE0);  // ImGui's renderer samples its textures from unit 0
}

GLuint VisibleRenderer::image(const std::string& name, const std::shared_ptr<const void>& owner, int index,
                              const float* values, int rows, int cols, plot::ColorMap colormap, int out_w, int out_h,
                              bool grid) {
    if (!program_ || rows <= 0 || cols <= 0 || out_w <= 0 || out_h <= 0) return 0;
    Slot& s = slots_[name];
    const int cm = static_cast<int>(colormap);
    if (s.output && s.owner == owner && s.index == index && s.colormap == cm && s.width == out_w &&
        s.height == out_h && s.rows == rows && s.cols == cols && s.grid == grid)
        return s.output;
    if (!values) return 0;
    if (!s.output || s.width != out_w || s.height != out_h) {
        release(s);
        glGenTextures(1, &s.values);
        glGenTextures(1, &s.output);
        glGenFramebuffers(1, &s.fbo);
        glBindTexture(GL_TEXTURE_2D, s.output);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, out_w, out_h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glBindFramebuffer(GL_FRAMEBUFFER, s.fbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, s.output, 0);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        s.width = out_w;
        s.height = out_h;
    }
    glBindTexture(GL_TEXTURE_2D, s.values);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, cols, rows, 0, GL_RED, GL_FLOAT, values);

    GLint prev_viewport[4];
    glGetIntegerv(GL_VIEWPORT, prev_viewport);
    glBindFramebuffer(GL_FRAMEBUFFER, s.fbo);
    glViewport(0, 0, out_w, out_h);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glUseProgram(program_);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, s.values);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, luts_[cm]);
    glUniform1i(u_values_, 0);
    glUniform1i(u_lut_, 1);
    glUniform2i(u_cells_, cols, rows);
    glUniform2f(u_out_size_, static_cast<float>(out_w), static_cast<float>(out_h));
    glUniform2f(u_origin_, 0.0f, 0.0f);
    glUniform1f(u_flip_, 0.0f);
    glUniform1f(u_grid_, grid ? 1.0f : 0.0f);
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glUseProgram(0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(prev_viewport[0], prev_viewport[1], prev_viewport[2], prev_viewport[3]);

    s.owner = owner;
    s.index = index;
    s.colormap = cm;
    s.rows = rows;
    s.cols = cols;
    s.grid = grid;
    return s.output;
}

}  // namespace topdown::gui
