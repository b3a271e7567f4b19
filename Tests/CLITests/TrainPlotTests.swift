import Foundation
import GraphGrad
import Testing
import _TestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("graphgrad train --plot")
struct TrainPlotTests {
    @Test("--plot writes an SVG with a loss panel and an accuracy panel, one point per epoch")
    func plot() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("training.svg")
        let run = try graphgrad("train", ["--dataset", "karate", "--model", "gcn", "--epochs", "30", "--plot", svg.path, "--json"])
        expectSuccess(run)
        let epochs = Int(try numbers(try jsonReport(run), "epochs_trained")[0])
        let document = try #require(SVGElements(contentsOf: svg), "not well-formed XML")
        #expect(document.elements.first?.name == "svg")
        #expect(document.elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        let polylines = document.elements.filter { $0.name == "polyline" }
        // Training and validation loss; training, validation and test accuracy.
        #expect(polylines.count == 5)
        for line in polylines {
            let points = try #require(line.attributes["points"]).split(separator: " ")
            #expect(points.count == epochs)
            for point in points {
                let xy = point.split(separator: ",").compactMap { Double($0) }
                #expect(xy.count == 2 && xy.allSatisfy(\.isFinite))
            }
        }
        for label in ["epoch", "accuracy", "cross-entropy loss", "training loss", "validation loss", "training accuracy",
                      "validation accuracy", "test accuracy"] {
            #expect(document.texts.contains(label), "no text '\(label)' in \(document.texts)")
        }
    }
}

/// The elements (in document order) and text contents of an XML file, read by `XMLParser`.
final class SVGElements: NSObject, XMLParserDelegate {
    private(set) var elements: [(name: String, attributes: [String: String])] = []
    private(set) var texts: [String] = []
    private var text = ""

    /// Parses the file; nil when it is not well-formed XML.
    init?(contentsOf url: URL) {
        super.init()
        guard let parser = XMLParser(contentsOf: url) else { return nil }
        parser.delegate = self
        guard parser.parse() else { return nil }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        elements.append((name, attributes))
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(text) }
        text = ""
    }
}
