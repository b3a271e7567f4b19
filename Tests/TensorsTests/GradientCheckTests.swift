import GraphGrad
import Testing
import _TestSupport

/// The tensor gradient checker against functions whose gradient is known to be wrong at one
/// element: it must fail and name that element, by input, flat index and position.
@Suite("The tensor gradient checker finds and places a wrong derivative")
struct GradientCheckTests {
    /// Σ a + Σ b², with a vector-Jacobian product that is off by `error` at element [1, 2] of b.
    func function(error: Double) -> ([Tensor<Double>]) -> Tensor<Double> {
        { xs in
            Tensor.differentiable(xs, forward: { $0[0].sum() + $0[1].squared().sum() }) { inputs, _, ct in
                let corruption = Tensor<Double>(shape: [2, 3], scalars: [0, 0, 0, 0, 0, error])
                return [Tensor.ones(inputs[0].shape) * ct, (inputs[1] * 2 + corruption) * ct]
            }
        }
    }

    @Test func namesTheWrongElement() {
        let inputs = [randomTensor([4], seed: 60), randomTensor([2, 3], seed: 61)]
        let report = checkGradients(at: inputs, of: function(error: 1e-2))
        #expect(!report.passed)
        #expect(report.worstInput == 1)
        #expect(report.worstIndex == 5)
        #expect(report.worstPosition == [1, 2])
        #expect(Swift.abs(report.analytic - report.numeric - 1e-2) < 1e-6)
        #expect(report.description.contains("FAILED") && report.description.contains("[1, 2]"))
    }

    @Test func passesTheRightGradientAndWithinTolerance() {
        let inputs = [randomTensor([4], seed: 62), randomTensor([2, 3], seed: 63)]
        #expect(checkGradients(at: inputs, of: function(error: 0)).passed)
        // An error below atol + rtol·|numeric| (1e-5 + 1e-3·|2b|) is within PyTorch's tolerance.
        #expect(checkGradients(at: inputs, of: function(error: 5e-6)).passed)
    }
}
