import Tensors

/// Mean cross-entropy between softmax(`logits`) and class `labels`, as one differentiable op.
///
/// Row r of the [rows, classes] `logits` has target class `labels[r]`; only the rows listed in
/// `rows` (all rows when nil; repeats count repeatedly) enter the mean, which is how a
/// node-classification loss uses the training nodes of a full-graph forward pass. With label
/// smoothing ε the target distribution is (1 − ε)·onehot + ε/classes, as PyTorch's.
///
/// Forward is log-softmax and a pick; the pullback is (softmax(logits) − target) / count,
/// written with tensor operations so that it can be differentiated again.
///
/// - Precondition: `logits` is 2-D, `labels` has one entry per row and each entry of `labels`
///   at a selected row is a class index; `rows` is nonempty and in range; 0 ≤ ε ≤ 1.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func crossEntropy<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], rows: [Int]? = nil, labelSmoothing: Double = 0
) -> Tensor<Scalar> {
    let target = ClassTarget<Scalar>(logits: logits, labels: labels, rows: rows, labelSmoothing: labelSmoothing)
    let logProbabilities = withoutGradients { target.selecting(logits.detached()).logSoftmax(along: 1) }
    let value = withoutGradients { -(target.probabilities * logProbabilities).sum() / Scalar(target.count) }
    return .recording(
        value, inputs: [logits],
        pullback: { ct, _ in
            // Off the tape (no graph of the backward pass), the softmax is the forward's log-softmax
            // exponentiated, the same bits as recomputing it: that halved the loss's cost in an
            // SGC step. On the tape it is recomputed from the logits, to be differentiated again.
            let probabilities = GradientMode.isEnabled
                ? target.selecting(logits).softmax(along: 1) : logProbabilities.exp()
            let residual = probabilities - target.probabilities
            return [target.spreading(residual * (ct / Scalar(target.count)))]
        },
        pushforward: { tangents, _ in
            guard let t = tangents[0] else { return nil }
            let residual = target.selecting(logits.detached()).softmax(along: 1) - target.probabilities
            return (residual * target.selecting(t)).sum() / Scalar(target.count)
        })
}

/// ``crossEntropy(logits:labels:rows:labelSmoothing:)`` over the rows where `mask` is true.
public func crossEntropy<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], mask: [Bool], labelSmoothing: Double = 0
) -> Tensor<Scalar> {
    crossEntropy(logits: logits, labels: labels, rows: rowIndices(of: mask), labelSmoothing: labelSmoothing)
}

/// Mean negative log-likelihood of class `labels` under `logProbabilities` ([rows, classes],
/// e.g. from `logSoftmax(along: 1)`), over `rows` (all when nil).
public func nllLoss<Scalar>(logProbabilities: Tensor<Scalar>, labels: [Int], rows: [Int]? = nil) -> Tensor<Scalar> {
    let target = ClassTarget<Scalar>(logits: logProbabilities, labels: labels, rows: rows, labelSmoothing: 0)
    return -(target.selecting(logProbabilities) * target.probabilities).sum() / Scalar(target.count)
}

/// The fraction of `rows` (all when nil) whose largest logit is at the row's label.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func accuracy<Scalar>(logits: Tensor<Scalar>, labels: [Int], rows: [Int]? = nil) -> Double {
    require(logits.rank == 2 && labels.count == logits.shape[0], "logits \(logits.shape) for \(labels.count) labels")
    let selected = rows ?? Array(labels.indices)
    guard !selected.isEmpty else { return 0 }
    let predicted = logits.argmax(along: 1)
    return Double(selected.count { predicted[$0] == labels[$0] }) / Double(selected.count)
}

/// The indices where `mask` is true, in increasing order.
public func rowIndices(of mask: [Bool]) -> [Int] {
    mask.indices.filter { mask[$0] }
}

/// The selected rows of a classification loss and their target distributions.
struct ClassTarget<Scalar: TensorScalar> {
    let rowCount: Int
    let rows: [Int]?
    /// [selected rows, classes]: (1 − ε)·onehot(label) + ε/classes.
    let probabilities: Tensor<Scalar>

    init(logits: Tensor<Scalar>, labels: [Int], rows: [Int]?, labelSmoothing: Double) {
        require(logits.rank == 2, "class scores must be [rows, classes], got shape \(logits.shape)")
        let (n, classes) = (logits.shape[0], logits.shape[1])
        require(labels.count == n, "\(labels.count) labels for \(n) rows")
        require((0...1).contains(labelSmoothing), "label smoothing \(labelSmoothing) outside [0, 1]")
        let selected = rows ?? Array(0..<n)
        require(!selected.isEmpty, "a classification loss over no rows")
        for r in selected {
            require(r >= 0 && r < n, "row \(r) out of range 0..<\(n)")
            require(labels[r] >= 0 && labels[r] < classes, "label \(labels[r]) of row \(r) out of range 0..<\(classes)")
        }
        rowCount = n
        self.rows = rows
        let off = labelSmoothing / Double(classes)
        let on = 1 - labelSmoothing + off
        probabilities = Tensor.build(shape: [selected.count, classes]) { out in
            if ConcreteScalar.isFloat(Scalar.self) {
                fillClassTargets(ConcreteScalar.cast(out, to: Float.self), selected, labels, classes, Float(on), Float(off))
            } else {
                fillClassTargets(ConcreteScalar.cast(out, to: Double.self), selected, labels, classes, on, off)
            }
        }
    }

    var count: Int { probabilities.shape[0] }

    /// The selected rows of a [rows, classes] tensor.
    func selecting(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        rows.map { x.gatheringRows($0) } ?? x
    }

    /// The transpose of ``selecting(_:)``: selected rows put back, zeros elsewhere.
    func spreading(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        rows.map { x.scatteringRows($0, rowCount: rowCount) } ?? x
    }
}

/// Writes one target distribution per selected row; outside the generic struct so that it
/// is specialized for the concrete element type.
private func fillClassTargets<T: BinaryFloatingPoint>(
    _ out: UnsafeMutablePointer<T>, _ selected: [Int], _ labels: [Int], _ classes: Int, _ on: T, _ off: T
) {
    for (i, r) in selected.enumerated() {
        let row = out + i * classes
        for c in 0..<classes { row[c] = off }
        row[labels[r]] = on
    }
}
