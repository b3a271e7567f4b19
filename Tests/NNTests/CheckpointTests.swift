import Foundation
import GraphGrad
import Testing
import _TestSupport

/// A model with parameters, an optional bias and buffers.
private final class Model: Layer {
    typealias Scalar = Double
    var isTraining = true
    let first: Linear<Double>
    let norm: BatchNorm<Double>
    let last: Linear<Double>

    init(seed: UInt64, width: Int = 4) {
        var g = SplitMix64(seed: seed)
        first = Linear(inputSize: 3, outputSize: width, using: &g)
        norm = BatchNorm(featureCount: width)
        last = Linear(inputSize: width, outputSize: 2, bias: false, using: &g)
    }

    func callAsFunction(_ x: Tensor<Double>) -> Tensor<Double> { last(norm(first(x)).tanh()) }
}

/// Trains `model` a few steps so parameters, buffers and optimizer state are all nontrivial.
private func trainSteps(_ model: Model, _ optimizer: Adam<Double>, steps: Int) {
    let x = randomTensor([8, 3], seed: 40)
    for _ in 0..<steps {
        optimizer.zeroGrad()
        model(x).squared().mean().backward()
        optimizer.step()
    }
}

/// A fresh empty directory for one test.
private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("graphgrad-checkpoint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func expectError(_ expected: CheckpointError, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected \(expected), nothing thrown", sourceLocation: sourceLocation)
    } catch {
        #expect(error as? CheckpointError == expected, sourceLocation: sourceLocation)
    }
}

@Suite("Checkpoints: round trip, validation, atomic writes")
struct CheckpointTests {
    @Test func roundTripRestoresModelAndOptimizer() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("model.ggckpt")

        let model = Model(seed: 1)
        let adam = Adam(parameters: model.parameters, learningRate: 0.01)
        trainSteps(model, adam, steps: 3)
        let metadata = ["model": "test-mlp", "learningRate": "0.01"]
        try Checkpoint(model: model, optimizer: adam, metadata: metadata).write(to: file)

        let loaded = try Checkpoint(contentsOf: file)
        #expect(loaded.metadata == metadata)
        #expect(loaded == Checkpoint(model: model, optimizer: adam, metadata: metadata))

        // A model and optimizer restored from the file continue exactly as the originals.
        let copy = Model(seed: 2)
        let copyAdam = Adam(parameters: copy.parameters, learningRate: 0.5)
        try loaded.restore(into: copy, optimizer: copyAdam)
        #expect(copyAdam.groups[0].learningRate == 0.01)
        trainSteps(model, adam, steps: 2)
        trainSteps(copy, copyAdam, steps: 2)
        #expect(copy.parameters.map(\.value) == model.parameters.map(\.value))
        #expect(copy.namedBuffers.map(\.buffer.value) == model.namedBuffers.map(\.buffer.value))
    }

    @Test func floatTensorsKeepTheirBits() throws {
        let t = Tensor<Float>(shape: [2, 3], scalars: [1.5, -0, .infinity, .leastNonzeroMagnitude, 3.25e-20, -7])
        let c = Checkpoint(tensors: ["t": StoredTensor(t)])
        let decoded = try Checkpoint(decoding: c.encoded())
        #expect(decoded.tensors["t"]?.tensor(of: Float.self).scalars.map(\.bitPattern) == t.scalars.map(\.bitPattern))
    }

    @Test func rejectsBadMagicAndVersion() {
        var bytes = Checkpoint(metadata: ["a": "b"]).encoded()
        bytes[0] = UInt8(ascii: "X")
        expectError(.badMagic(found: bytes.prefix(8).map { $0 })) { _ = try Checkpoint(decoding: bytes) }
        var versioned = Checkpoint().encoded()
        versioned[8] = 7
        expectError(.unsupportedVersion(7)) { _ = try Checkpoint(decoding: versioned) }
    }

    @Test func rejectsEveryTruncation() {
        let bytes = Checkpoint(model: Model(seed: 3), metadata: ["k": "v"]).encoded()
        for length in [0, 5, 8, 12, 20, bytes.count / 2, bytes.count - 4, bytes.count - 1] {
            do {
                _ = try Checkpoint(decoding: Array(bytes.prefix(length)))
                Issue.record("a file cut to \(length) of \(bytes.count) bytes was accepted")
            } catch {
                if case .truncated = error {} else { Issue.record("cut to \(length): \(error)") }
            }
        }
    }

    @Test func rejectsCorruptionAnywhereInTheBody() throws {
        let bytes = Checkpoint(model: Model(seed: 4)).encoded()
        var g = SplitMix64(seed: 5)
        for _ in 0..<20 {
            var corrupt = bytes
            let position = Int.random(in: 20..<(bytes.count - 4), using: &g)
            corrupt[position] ^= UInt8.random(in: 1...255, using: &g)
            do {
                _ = try Checkpoint(decoding: corrupt)
                Issue.record("a flipped byte at \(position) was accepted")
            } catch {
                if case .checksumMismatch = error {} else { Issue.record("byte \(position): \(error)") }
            }
        }
    }

    @Test func restoreNamesMissingAndMismatchedTensors() throws {
        let model = Model(seed: 6)
        var c = Checkpoint(model: model)
        c.tensors["model.first.bias"] = nil
        expectError(.missingTensor(name: "model.first.bias")) { try c.restore(into: Model(seed: 7)) }

        let wide = Checkpoint(model: Model(seed: 8, width: 5))
        expectError(.shapeMismatch(name: "model.first.weight", expected: [3, 4], found: [3, 5])) {
            try wide.restore(into: Model(seed: 9))
        }

        var extra = Checkpoint(model: model)
        extra.tensors["model.ghost"] = StoredTensor(Tensor<Double>([1]))
        expectError(.unexpectedTensor(name: "model.ghost")) { try extra.restore(into: Model(seed: 10)) }

        let noOptimizer = Checkpoint(model: model)
        let target = Model(seed: 11)
        expectError(.missingTensor(name: "optimizer.steps")) {
            try noOptimizer.restore(into: target, optimizer: Adam(parameters: target.parameters))
        }
    }

    @Test func failedRestoreChangesNothing() {
        let target = Model(seed: 12)
        let before = target.parameters.map(\.value)
        var c = Checkpoint(model: Model(seed: 13))
        c.tensors["model.last.weight"] = StoredTensor(Tensor<Double>.zeros([9, 2]))
        #expect(throws: CheckpointError.self) { try c.restore(into: target) }
        #expect(target.parameters.map(\.value) == before)
    }

    @Test func interruptedWriteLeavesThePreviousCheckpoint() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("run.ggckpt")
        let model = Model(seed: 14)
        let saved = Checkpoint(model: model, metadata: ["epoch": "10"])
        try saved.write(to: file)

        // A writer killed midway leaves a partial temporary file and never renames it.
        let partial = Checkpoint(model: Model(seed: 15), metadata: ["epoch": "11"]).encoded()
        let garbage = dir.appendingPathComponent(".run.ggckpt.killed.partial")
        try Data(partial.prefix(partial.count / 3)).write(to: garbage)
        #expect(try Checkpoint(contentsOf: file) == saved)

        // The next successful write replaces the file whole, next to the leftover.
        let next = Checkpoint(model: Model(seed: 16), metadata: ["epoch": "12"])
        try next.write(to: file)
        #expect(try Checkpoint(contentsOf: file) == next)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(leftovers == [".run.ggckpt.killed.partial", "run.ggckpt"])
    }

    @Test func unreadableFileIsAnIOError() {
        let missing = URL(fileURLWithPath: "/nonexistent-graphgrad-dir/none.ggckpt")
        #expect(throws: CheckpointError.self) { _ = try Checkpoint(contentsOf: missing) }
        #expect(throws: CheckpointError.self) { try Checkpoint().write(to: missing) }
    }
}
