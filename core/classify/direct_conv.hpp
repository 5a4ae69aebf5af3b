// Valid convolution + bias + ReLU of channels-last images without im2col, for inference (AVX-512). Each
// output is the same float FMA chain as the im2col + fixed_order_affine path (terms in (ky, kx, c_in) order,
// then the bias, then max(., 0)), so both give the same bits; this one only skips building the patch matrix.
#pragma once
#include <cstddef>

namespace topdown {

// Whether direct_conv_relu can run: AVX-512 kernels active and c_out a multiple of 16 up to 32.
bool direct_conv_available(int c_out);

// out (o x o x c_out, o = side - k + 1) = ReLU(conv(in (side x side x ch), W) + b) for one image. W is
// (k*k*ch) x c_out row-major, b has c_out entries. Call only when direct_conv_available(c_out).
void direct_conv_relu(const float* in, int side, int ch, int k, const float* W, const float* b, int c_out, float* out);

}  // namespace topdown
