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

    @Test func badReshape() async {
        let message = text(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>.zeros([2, 3]).reshaped([4, 2])
        })
        #expect(message.contains("[2, 3]") && message.contains("[4, 2]"))
    }
}
