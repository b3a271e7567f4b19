import Calculus
import Foundation
import Graphs
import Testing

@Suite struct MalformedNpyTests {
    let valid = NpyArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3]).npyBytes
    var dataStart: Int { 10 + Int(valid[8]) + Int(valid[9]) << 8 }

    @Test func filesCutAnywhereReportExpectedAndActualLengths() {
        #expect(throws: NpyError.truncated(part: "magic and header length", expected: 10, got: 0)) {
            try NpyArray(npyBytes: [UInt8]())
        }
        #expect(throws: NpyError.truncated(part: "magic and header length", expected: 10, got: 7)) {
            try NpyArray(npyBytes: valid.prefix(7))
        }
        for cut in [11, 40, dataStart - 1] {
            #expect(throws: NpyError.truncated(part: "header", expected: dataStart, got: cut)) {
                try NpyArray(npyBytes: valid.prefix(cut))
            }
        }
        for missing in [1, 5, 24] {
            #expect(throws: NpyError.truncated(part: "data of shape [2, 3]", expected: 24, got: 24 - missing)) {
                try NpyArray(npyBytes: valid.dropLast(missing))
            }
        }
    }

    @Test func extraDataIsASizeMismatch() {
        #expect(throws: NpyError.sizeMismatch(shape: [2, 3], dtype: .float32, expectedBytes: 24, actualBytes: 28)) {
            try NpyArray(npyBytes: valid + [0, 0, 0, 0])
        }
    }

    @Test func flippedMagicAndVersionBytesAreNamed() {
        var bytes = valid
        bytes[1] = UInt8(ascii: "M")
        #expect(throws: NpyError.badMagic(found: [0x93] + Array("MUMPY".utf8))) { try NpyArray(npyBytes: bytes) }
        #expect(throws: NpyError.badMagic(found: Array("PK".utf8))) { try NpyArray(npyBytes: Array("PK".utf8)) }
        bytes = valid
        bytes[6] = 4
        #expect(throws: NpyError.unsupportedVersion(major: 4, minor: 0)) { try NpyArray(npyBytes: bytes) }
    }

    /// The valid file with `old` replaced by `new` in its header (and the length field updated).
    private func withHeader(replacing old: String, by new: String) -> [UInt8] {
        let header = String(decoding: valid[10..<dataStart], as: UTF8.self).replacingOccurrences(of: old, with: new)
        let length = header.utf8.count
        return Array(valid[..<8]) + [UInt8(length & 0xFF), UInt8(length >> 8)] + Array(header.utf8)
            + Array(valid[dataStart...])
    }

    @Test func corruptHeadersQuoteTheHeader() throws {
        for (old, new) in [("{", "["), ("False", "Fals!"), ("(2, 3)", "(2, x)"), ("'shape'", "'shope'"), ("}", ")")] {
            let bytes = withHeader(replacing: old, by: new)
            do {
                _ = try NpyArray(npyBytes: bytes)
                Issue.record("header with \(new) was accepted")
            } catch {
                guard case .unparsableHeader(let header, _) = error else {
                    Issue.record("header with \(new): \(error)")
                    continue
                }
                #expect(header.contains(new))
                #expect(error.description.contains(header))
            }
        }
        #expect(throws: NpyError.unparsableHeader(
            header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3), }", reason: "shape entry -3 is not a length")
        ) {
            try NpyArray(npyBytes: withHeader(replacing: "(2, 3)", by: "(2, -3)"))
        }
    }

    @Test func unsupportedDTypesAreNamed() {
        #expect(throws: NpyError.unsupportedDType("<c8")) { try NpyArray(npyBytes: withHeader(replacing: "<f4", by: "<c8")) }
        #expect(throws: NpyError.unsupportedDType("<U1")) { try NpyArray(npyBytes: withHeader(replacing: "<f4", by: "<U1")) }
        #expect(throws: NpyError.unsupportedDType("[('a', '<f4')]")) {
            try NpyArray(npyBytes: withHeader(replacing: "'<f4'", by: "[('a', '<f4')]"))
        }
    }

    @Test func corruptArchivesAndMissingKeysAreReported() throws {
        var npz = NpzFile()
        npz["edges"] = NpyArray([0, 1] as [Int32])
        npz["labels"] = NpyArray([3] as [Int64])
        let zip = try npz.zipData(compressed: true)
        #expect(throws: NpyError.missingKey(key: "features", present: ["edges", "labels"])) {
            try NpzFile(zipData: zip).array("features")
        }
        for bytes in [Data("not a zip file".utf8), zip.prefix(zip.count / 2), zip.suffix(zip.count / 3)] {
            do {
                _ = try NpzFile(zipData: bytes, path: "broken.npz")
                Issue.record("a corrupt archive of \(bytes.count) bytes was accepted")
            } catch {
                guard case .corruptArchive(let path, _) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(path == "broken.npz")
            }
        }
    }

    @Test func corruptEntriesNameTheEntry() throws {
        var npz = NpzFile()
        npz["good"] = NpyArray([1] as [Int8])
        var zip = try npz.zipData()
        // An uncompressed entry: overwrite its magic with junk, keeping the zip structure.
        let magic = Data([0x93] + Array("NUMPY".utf8))
        let range = try #require(zip.range(of: magic))
        zip.replaceSubrange(range, with: Data("JUNKJU".utf8))
        #expect(throws: NpyError.self) { try NpzFile(zipData: zip) }
        do {
            _ = try NpzFile(zipData: zip)
        } catch {
            // The stored checksum no longer matches, or the entry fails to parse: either way
            // the message names the entry.
            guard case .inEntry(let name, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(name == "good.npy")
        }
    }

    @Test func unreadableFilesNameThePath() {
        #expect(throws: NpyError.self) { try NpyArray(contentsOf: URL(fileURLWithPath: "/nonexistent/x.npy")) }
        do {
            _ = try NpzFile(contentsOf: URL(fileURLWithPath: "/nonexistent/x.npz"))
        } catch {
            #expect(error.description.contains("/nonexistent/x.npz"))
        }
    }

    /// Damaged inputs must throw or decode, never trap: random cuts and byte flips.
    @Test(arguments: [false, true])
    func randomDamageNeverTraps(compressed: Bool) throws {
        var generator = SplitMix64(seed: compressed ? 51 : 52)
        var npz = NpzFile()
        npz["x"] = NpyArray((0..<40).map { Float($0) }, shape: [5, 8])
        npz["y"] = NpyArray([1, 2, 3] as [Int64])
        let zip = [UInt8](try npz.zipData(compressed: compressed))
        var rejected = 0
        for trial in 0..<150 {
            var bytes = zip
            if trial % 3 == 0 {
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            } else {
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
                }
            }
            if (try? NpzFile(zipData: Data(bytes))) == nil { rejected += 1 }
            var npy = valid
            npy[Int.random(in: 0..<dataStart, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            _ = try? NpyArray(npyBytes: npy)
        }
        // Flips inside the zip's own slack (timestamps, attributes) may leave it readable.
        #expect(rejected > 75)
    }
}
