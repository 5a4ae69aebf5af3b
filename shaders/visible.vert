#version 330 core
// A full-screen triangle; the fragment shader works from gl_FragCoord, so no attributes are needed.
void main() {
    vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
    gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
