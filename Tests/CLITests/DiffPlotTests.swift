import Foundation
import Testing
import _TestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `graphgrad diff --plot-error`: a well-formed SVG of the step-error curve, written atomically.
@Suite struct DiffPlotTests {
    @Test func plotIsAValidSVGWithAxesCurveAndMarker() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("error.svg")
        let run = try diff(["exp(x)*sin(y)", "--wrt", "x,y", "--at", "x=0.3,y=1", "--plot-error", file.path])
        expectSuccess(run)

        let document = try XMLDocument(contentsOf: file, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        let polyline = try #require(try root.nodes(forXPath: "//*[local-name()='polyline']").first as? XMLElement)
        let points = try #require(polyline.attributes?.first { $0.name == "points" }?.stringValue, "\(polyline)")
            .split(separator: " ")
        // One vertex per step of the table (57 by default) with a nonzero error.
        #expect(points.count > 40, "\(points.count) points")
        #expect(try root.nodes(forXPath: "//*[local-name()='circle']").count == 1)
        let texts = try root.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains { $0.contains("∂f/∂x") && $0.contains("0.3") }, "title: \(texts)")
        #expect(texts.filter { $0.hasPrefix("1e") }.count >= 6, "tick labels: \(texts)")
        #expect(texts.contains("step h"))
        // Only the plot is left in the folder: the temporary file was renamed onto it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["error.svg"])
    }

    @Test func unwritablePlotPathIsAnErrorNotACrash() throws {
        let run = try diff(["x^2", "--wrt", "x", "--at", "x=1", "--plot-error", "/nonexistent-folder/plot.svg"])
        expectRejected(run, naming: ["/nonexistent-folder/plot.svg"])
    }
}
