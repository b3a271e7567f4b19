/// The node-classification models of this module, named as on the command line.
public enum ModelKind: String, Sendable, CaseIterable, Codable {
    /// Graph convolutional network (Kipf & Welling 2017).
    case gcn
    /// Graph attention network (Veličković et al. 2018).
    case gat
    /// GraphSAGE (Hamilton et al. 2017).
    case sage
    /// Simplified graph convolution (Wu et al. 2019).
    case sgc
    /// Graph isomorphism network (Xu et al. 2019).
    case gin
    /// Approximate personalized propagation of neural predictions (Gasteiger et al. 2019).
    case appnp
    /// GCN with initial residual and identity mapping (Chen et al. 2020).
    case gcnii
    /// Chebyshev spectral convolutions (Defferrard et al. 2016).
    case cheb
}
