#include "fonts.hpp"

#include <epoxy/gl.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstdint>
#include <filesystem>

namespace topdown::gui {

namespace {
const char* find_font() {
    static const char* candidates[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                       "/usr/share/fonts/TTF/DejaVuSans.ttf",
                                       "/usr/share/fonts/dejavu/DejaVuSans.ttf"};
    for (const char* c : candidates) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(c, ec)) return c;
    }
    return nullptr;
}

void style_for_zoom(float zoom) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 5.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.TabRounding = 4.0f;
    style.PopupRounding = 4.0f;
    style.WindowBorderSize = 1.0f;
    style.FramePadding = ImVec2(7, 4);
    style.ItemSpacing = ImVec2(8, 6);
    style.WindowPadding = ImVec2(9, 8);
    style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
    ImVec4* c = style.Colors;
    // Docked panels draw no background of their own: the frame is cleared to this colour (kPanelBackground),
    // which saves llvmpipe a blended full-screen fill every frame. Floating windows ask for an opaque one.
    c[ImGuiCol_WindowBg] = ImVec4(kPanelBackground[0], kPanelBackground[1], kPanelBackground[2], 0.0f);
    c[ImGuiCol_ChildBg] = ImVec4(kPanelBackground[0], kPanelBackground[1], kPanelBackground[2], 0.0f);
    c[ImGuiCol_TitleBg] = ImVec4(0.13f, 0.15f, 0.19f, 1.0f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.22f, 0.32f, 1.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.13f, 0.14f, 0.17f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.17f, 0.19f, 0.23f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.22f, 0.26f, 0.32f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.20f, 0.27f, 0.38f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.36f, 0.50f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.20f, 0.27f, 0.38f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.15f, 0.19f, 0.26f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.24f, 0.34f, 0.50f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.22f, 0.24f, 0.29f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.92f, 0.93f, 0.95f, 1.0f);
    style.ScaleAllSizes(zoom);
    ImGui::GetStyle() = style;
}
}  // namespace

void apply_zoom(float zoom) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    static ImVector<ImWchar> ranges;
    if (ranges.empty()) {
        ImFontGlyphRangesBuilder b;
        b.AddRanges(io.Fonts->GetGlyphRangesDefault());
        static const ImWchar extra[] = {0x0370, 0x03FF,   // Greek
                                        0x2010, 0x205E,   // punctuation (dashes, ellipsis)
                                        0x2190, 0x21FF,   // arrows
                                        0x2200, 0x22FF,   // mathematical operators (∩, ±, ≥)
                                        0x25A0, 0x25FF,   // geometric shapes (▶ ■)
                                        0};
        b.AddRanges(extra);
        b.BuildRanges(&ranges);
    }
    const float size = kBaseFontSize * zoom;
    if (const char* path = find_font()) {
        ImFontConfig cfg;
        // Glyphs rasterised at 1:1 and snapped to whole pixels, so the atlas can be sampled nearest (below).
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        io.Fonts->AddFontFromFileTTF(path, size, &cfg, ranges.Data);
    } else {
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * zoom;
        io.Fonts->AddFontDefault(&cfg);
    }
    io.Fonts->Build();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    // Nearest sampling of the font atlas: every ImGui vertex samples it (solid shapes use its white texel), and
    // on software GL (llvmpipe) bilinear filtering is a large part of the frame's fill cost. Glyphs are drawn
    // at 1:1 on whole pixels, so the image is the same.
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::intptr_t>(io.Fonts->TexID)));
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_2D, 0);
    style_for_zoom(zoom);
}

}  // namespace topdown::gui
