import GraphGrad
import Testing

/// Programmer errors stop the process with a message that names the shapes or the axis.
@Suite("API misuse stops with a message naming shapes and axes")
struct MisuseTests {
    /// What the failed child process wrote to stderr.
    func text(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func shapeMismatch() async {
        let message = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([2, 3]) + Tensor<Float>.zeros([4])
        })
        #expect(message.contains("[2, 3]") && message.contains("[4]"))
    }

    @Test func matmulInnerExtents() async {
        let message = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([2, 3]).matmul(Tensor<Float>.zeros([4, 5]))
        })
        #expect(message.contains("[2, 3]") && message.contains("[4, 5]"))
    }

    @Test func axisOutOfRange() async {
        let message = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([2, 3]).sum(along: 2)
        })
        #expect(message.contains("axis 2") && message.contains("[2, 3]"))
    }

    @Test func gradientOfNonScalarWithoutSeed() async {
        let message = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor<Double>.ones([3]).requiringGradient()
            _ = (x * 2).gradients(wrt: [x])
        })
        #expect(message.contains("non-scalar") && message.contains("[3]") && message.contains("seed"))
    }

    @Test func customFunctionWithoutJVPInForwardMode() async {
        let message = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor<Double>.ones([3])
            _ = jvp(at: [x], along: [x]) { xs in
                Tensor.differentiable(xs, forward: { $0[0] * 2 }, vjp: { _, _, ct in [ct * 2] })
            }
        })
        #expect(message.contains("Tensor.differentiable") && message.contains("tangent") && message.contains("no jvp"))
    }

    @Test func customJVPOfTheWrongShape() async {
        let message = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor<Double>.ones([3])
            _ = jvp(at: [x], along: [x]) { xs in
                Tensor.differentiable(
                    xs, forward: { $0[0].sum() }, vjp: { _, _, ct in [ct * Tensor.ones([3])] },
                    jvp: { _, _, tangents in tangents[0]! })
            }
        })
        #expect(message.contains("jvp") && message.contains("[3]") && message.contains("[]"))
    }

    @Test func arangeStepZero() async {
        let message = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Double>.arange(0, 1, step: 0)
        })
        #expect(message.contains("step"))
    }

    @Test func setGradMessages() async {
        let shapeMessage = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor<Double>.ones([3]).requiringGradient().setGrad(Tensor.ones([2]))
        })
        #expect(shapeMessage.contains("[2]") && shapeMessage.contains("[3]"))
        let leafMessage = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor<Double>.ones([3]).setGrad(nil)
        })
        #expect(leafMessage.contains("setGrad") && leafMessage.contains("does not require gradients"))
    }

    @Test func badReshape() async {
        let message = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([2, 3]).reshaped([4, 2])
        })
        #expect(message.contains("[2, 3]") && message.contains("[4, 2]"))
    }
}
