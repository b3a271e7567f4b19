import CKernels
import Calculus
extension Tensor {
    /// Whether an operation on this tensor must record anything: it carries a tangent, or it
    /// is on the tape while the tape records. Operations check it first and skip building
    /// their rules (closures, input lists) for plain values.
    @inlinable
    public var isTracked: Bool { tangentBox != nil || (node != nil && GradientMode.isEnabled) }

    /// Attaches to a freshly computed `value` what it needs for both modes of differentiation.
    ///
    /// Every primitive calls this right after computing its value, with its two local rules:
    /// - `pullback` (reverse mode): maps the output's cotangent to one cotangent per input;
    /// - `pushforward` (forward mode): maps the inputs' tangents (nil where none) to the
    ///   output's tangent.
    /// Both are written with tensor operations, so they are recorded too when the tape is on:
    /// that is what makes gradients of gradients and forward-over-reverse products work.
    ///
    /// - Parameter savesOutput: keep the output's values on the tape for a pullback that reads
    ///   them (it then receives them as its second argument).
    @inlinable
    public static func recording(
        _ value: Tensor, inputs: [Tensor], savesOutput: Bool = false,
        pullback: @escaping (_ cotangent: Tensor, _ output: Tensor) -> [Tensor?],
        pushforward: (_ tangents: [Tensor?], _ output: Tensor) -> Tensor?
    ) -> Tensor {
        var result = value
        if inputs.contains(where: { $0.tangentBox != nil }) {
            result.tangentBox = pushingForward { pushforward(inputs.map { $0.tangent }, value) }
        }
        if GradientMode.isEnabled, inputs.contains(where: { $0.node != nil }) {
            result.node = TapeNode(
                shape: value.shape, parents: TapeParents(of: inputs), rule: .custom, pullback: pullback,
                savedOutput: savesOutput ? value.storage : nil, savedTangent: result.tangentBox)
        }
        return result
    }

    /// ``recording(_:inputs:savesOutput:pullback:pushforward:)`` for a unary primitive applied
    /// to `x`: the tape keeps the primitive and `x`, and the rule table gives the derivative.
    @inlinable
    static func recording(_ value: Tensor, _ p: UnaryPrimitive, of x: Tensor) -> Tensor {
        var result = value
        if let t = x.tangent {
            result.tangentBox = pushingForward { t * p.derivative(at: x, output: value) }
        }
        if GradientMode.isEnabled, let parent = x.node {
            result.node = TapeNode(
                shape: value.shape, parents: TapeParents(parent), rule: .unary(p), lhs: x,
                savedOutput: value.storage, savedTangent: result.tangentBox)
        }
        return result
    }

    /// ``recording(_:inputs:savesOutput:pullback:pushforward:)`` for a binary primitive
    /// applied to `a` and `b` (see ``recording(_:_:of:)``).
    @inlinable
    static func recording(_ value: Tensor, _ p: BinaryPrimitive, of a: Tensor, _ b: Tensor) -> Tensor {
        var result = value
        if a.tangentBox != nil || b.tangentBox != nil {
            result.tangentBox = pushingForward { pushforward(of: p, at: a, b, output: value) }
        }
        if GradientMode.isEnabled, a.node != nil || b.node != nil {
            result.node = TapeNode(
                shape: value.shape, parents: TapeParents(a.node, b.node), rule: .binary(p), lhs: a, rhs: b,
                savedOutput: value.storage, savedTangent: result.tangentBox)
        }
        return result
    }

    /// The output tangent `pushforward` computes from its inputs' tangents, boxed; nil inside
    /// another pushforward. A rule's own operations see its inputs' tangents; pushing those
    /// forward again would recurse without end (sin′ = cos, cos′ = −sin, ...), so tangents
    /// stop inside a pushforward: forward mode on tensors is first order.
    @inlinable
    static func pushingForward(_ pushforward: () -> Tensor?) -> TangentBox<Scalar>? {
        guard !gg_tangents_suspended() else { return nil }
        gg_set_tangents_suspended(true)
        let t = pushforward()
        gg_set_tangents_suspended(false)
        return t.map(TangentBox.init)
    }

    /// A user-defined differentiable function: `forward` computes the value from plain
    /// tensors, `vjp` maps the output's cotangent to one cotangent per input, and `jvp` maps
    /// the inputs' tangents (nil where an input has none) to the output's tangent.
    ///
    /// Both rules are run with tensor operations, so when the vjp is itself built from
    /// differentiable operations the function supports gradients of gradients too; with a
    /// jvp it also supports forward mode (``jvp(at:along:of:)``) and forward-over-reverse
    /// Hessian-vector products.
    ///
    /// - Precondition: `jvp` is given when forward mode reaches the function (an input carries
    ///   a tangent), and returns a tangent of the output's shape. Without a jvp the output's
    ///   tangent is unknown, and the function stops rather than report a zero derivative.
    @inlinable
    public static func differentiable(
        _ inputs: [Tensor], forward: ([Tensor]) -> Tensor,
        vjp: @escaping (_ inputs: [Tensor], _ output: Tensor, _ cotangent: Tensor) -> [Tensor],
        jvp: ((_ inputs: [Tensor], _ output: Tensor, _ tangents: [Tensor?]) -> Tensor)? = nil
    ) -> Tensor {
        let value = withoutGradients { forward(inputs.map { $0.detached() }) }
        let kept = inputs
        return recording(
            value, inputs: inputs, savesOutput: true,
            pullback: { ct, out in vjp(kept, out, ct).map { Optional($0) } },
            pushforward: { tangents, out in
                require(
                    jvp != nil,
                    "an input of Tensor.differentiable carries a forward-mode tangent, but no jvp was given to push it through")
                let tangent = jvp!(kept, out, tangents)
                require(tangent.shape == out.shape, "jvp gave a tangent of shape \(tangent.shape) for an output of shape \(out.shape)")
                return tangent
            })
    }
}
