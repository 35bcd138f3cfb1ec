// Argument structs and op codes shared by the MSL kernels and the C++ host code that fills them.
// Plain C only (no MSL address spaces), so both compilers read the same layout: 4-byte scalars and
// fixed arrays, which MSL lays out exactly as C does in the constant address space.
#ifndef WEIGHTNORM_KERNEL_PARAMS_H
#define WEIGHTNORM_KERNEL_PARAMS_H

// Ranks above this are rejected by the host before any dispatch (core's tensors stay at 5-d).
#define WN_MAX_RANK 8

// Threads per threadgroup of the reducing kernels, which size their threadgroup arrays with it.
#define WN_MAX_GROUP 256

// Storage dtypes, as function constant values.
enum { WN_F32 = 0, WN_F16 = 1, WN_I32 = 2 };

// Unary op codes (function constant OP of `unary`).
enum { WN_NEG, WN_ABS, WN_SIGN, WN_SQRT, WN_EXP, WN_LOG, WN_SIN, WN_COS, WN_TANH, WN_SIGMOID, WN_ERF };
// Binary op codes (function constant OP of `binary`).
enum { WN_ADD, WN_SUB, WN_MUL, WN_DIV, WN_POW, WN_MAXIMUM, WN_MINIMUM, WN_GREATER, WN_LESS, WN_EQUAL };
// Reduction op codes (function constant OP of `reduce`).
enum { WN_SUM, WN_MAX };
// Pad modes (function constant MODE of `pad`), in torch's F.pad names.
enum { WN_PAD_CONSTANT, WN_PAD_REFLECT, WN_PAD_REPLICATE, WN_PAD_CIRCULAR };

struct UnaryParams {
  unsigned int n;
};

// Output is dense row-major with `shape`; strides are in elements, 0 on broadcast axes.
struct BroadcastParams {
  unsigned int n;
  unsigned int rank;
  unsigned int shape[WN_MAX_RANK];
  unsigned int stride_a[WN_MAX_RANK];
  unsigned int stride_b[WN_MAX_RANK];
  unsigned int stride_c[WN_MAX_RANK];
};

struct CastParams {
  unsigned int n;
};

// Each output element reduces `count` inputs: kept axes map the output index to a base offset,
// reduced axes enumerate the elements from there.
struct ReduceParams {
  unsigned int n;
  unsigned int kept_rank;
  unsigned int kept_shape[WN_MAX_RANK];
  unsigned int kept_stride[WN_MAX_RANK];
  unsigned int reduced_rank;
  unsigned int reduced_shape[WN_MAX_RANK];
  unsigned int reduced_stride[WN_MAX_RANK];
  unsigned int count;
};

// One strided gather/scatter serves Permute, Expand, Slice and each input of Concat. Source strides
// may be negative (a flipped slice) or 0 (an expanded axis).
struct CopyParams {
  unsigned int n;
  unsigned int rank;
  unsigned int shape[WN_MAX_RANK];
  int src_stride[WN_MAX_RANK];
  int src_offset;
  unsigned int dst_stride[WN_MAX_RANK];
  unsigned int dst_offset;
};

struct PadParams {
  unsigned int n;
  unsigned int rank;
  unsigned int out_shape[WN_MAX_RANK];
  unsigned int in_shape[WN_MAX_RANK];
  unsigned int before[WN_MAX_RANK];
  // The fill value's bits in the storage dtype (float, half in the low 16 bits, or int).
  unsigned int value_bits;
};

struct MatMulParams {
  unsigned int batch;
  unsigned int m;
  unsigned int k;
  unsigned int n;
  // 0 when that operand is broadcast over the batch.
  unsigned int a_batch_stride;
  unsigned int b_batch_stride;
};

// Convolutions run on 3 spatial axes; 1-d and 2-d ones are padded with leading size-1 axes.
struct ConvParams {
  unsigned int n;
  unsigned int batch;
  unsigned int in_channels;
  unsigned int out_channels;
  unsigned int groups;
  unsigned int in_size[3];
  unsigned int out_size[3];
  unsigned int kernel_size[3];
  unsigned int stride[3];
  unsigned int pad[3];
  unsigned int dilation[3];
};

// v viewed as [outer, rows, inner]; row r of the norm is every element with index r on the middle axis.
struct WeightNormParams {
  unsigned int outer;
  unsigned int rows;
  unsigned int inner;
  float eps;
};

#endif
