#version 330 core
// The visible layer as an image: nearest-neighbour upscale of a rows x cols float texture (values in [0,1]),
// coloured through a 256-entry lookup texture (gray, inverted, viridis, ...), with an optional faint grid
// between the pixels of the model's image.
uniform sampler2D u_values;  // R32F, cols x rows texels, texel (x, y) = image row y, column x
uniform sampler2D u_lut;     // 256 x 1 RGBA8 colour map
uniform ivec2 u_cells;       // (cols, rows)
uniform vec2 u_out_size;     // output size in pixels
uniform vec2 u_origin;       // lower-left corner of the output in window pixels (0 when drawing into a texture)
uniform float u_flip;        // 1 when drawing straight into the window (GL's y axis points up), 0 into a texture
uniform float u_grid;        // 0: no grid, 1: full-strength grid lines
out vec4 frag_color;

void main() {
    // Texture output: row 0 is shown at the top by ImGui::Image. Window output: flip so image row 0 is on top.
    vec2 uv = (gl_FragCoord.xy - u_origin) / u_out_size;
    if (u_flip > 0.5) uv.y = 1.0 - uv.y;
    vec2 p = uv * vec2(u_cells);
    ivec2 cell = clamp(ivec2(floor(p)), ivec2(0), u_cells - ivec2(1));
    float v = clamp(texelFetch(u_values, cell, 0).r, 0.0, 1.0);
    // The nearest of the 256 entries (an exact fetch: bilinear filtering costs software GL a lot per pixel).
    vec3 c = texelFetch(u_lut, ivec2(int(v * 255.0 + 0.5), 0), 0).rgb;
    if (u_grid > 0.0) {
        vec2 cell_px = u_out_size / vec2(u_cells);  // output pixels per image pixel
        vec2 f = fract(p) * cell_px;
        if (f.x < 1.0 || f.y < 1.0) c = mix(c, vec3(0.5), 0.35 * u_grid);
    }
    frag_color = vec4(c, 1.0);
}
