int graphgrad_kernels_placeholder(void);
