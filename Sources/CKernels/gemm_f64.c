// Float64 GEMM instances and entry points (gg_dgemm_*).
#define GG_T double
#define GG_PREFIX dgemm
#include "gemm_instances.inc"
