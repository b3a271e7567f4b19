// Float32 GEMM instances and entry points (gg_sgemm_*).
#define GG_T float
#define GG_PREFIX sgemm
#include "gemm_instances.inc"
