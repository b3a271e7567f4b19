import Foundation
import Graphs
import Testing

/// The C-order position → file position map of a column-major array, by explicit division.
func fortranOffset(ofCIndex index: Int, shape: [Int]) -> Int {
    var remainder = index
    var multiIndex = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() {
        multiIndex[axis] = remainder % shape[axis]
        remainder /= shape[axis]
    }
    var offset = 0
    var stride = 1
    for axis in shape.indices {
        offset += multiIndex[axis] * stride
        stride *= shape[axis]
    }
    return offset
}

@Suite struct NpyRoundTripTests {
    @Test(arguments: NpyDType.allCases, [false, true])
    func everyDTypeAndOrderSurvivesWritingAndReading(dtype: NpyDType, fortranOrder: Bool) throws {
        var arrays = RandomArrays(seed: 41 &+ UInt64(dtype.size))
        for _ in 0..<20 {
            let array = arrays.array(of: dtype, fortranOrder: fortranOrder)
            let reread = try NpyArray(npyBytes: array.npyBytes)
            #expect(reread == array)
            #expect(reread.npyBytes == array.npyBytes)
        }
    }

    @Test func typedElementsComeBackInCOrder() throws {
        var arrays = RandomArrays(seed: 42)
        for _ in 0..<30 {
            let shape = arrays.shape()
            let fileOrder = arrays.values(Int64.self, count: shape.reduce(1, *))
            let fortran = NpyArray(fileOrder, shape: shape, fortranOrder: true)
            let expected = (0..<fileOrder.count).map { fileOrder[fortranOffset(ofCIndex: $0, shape: shape)] }
            #expect(try fortran.elements(as: Int64.self) == expected)
            #expect(try NpyArray(fileOrder, shape: shape).elements(as: Int64.self) == fileOrder)
        }
    }

    @Test func writtenFilesStartWithAPaddedVersionOneHeader() throws {
        let bytes = NpyArray([Float](repeating: 1.5, count: 6), shape: [2, 3]).npyBytes
        #expect(Array(bytes.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"))
        #expect(header.hasSuffix("\n"))
    }

    @Test func hugeHeadersSwitchToVersionTwo() throws {
        let shape = [Int](repeating: 1, count: 30_000)
        let array = NpyArray([Int16(7)], shape: shape)
        let bytes = array.npyBytes
        #expect(bytes[6] == 2)
        #expect(try NpyArray(npyBytes: bytes) == array)
    }

    @Test func versionThreeAndPython2HeadersParse() throws {
        let header = "{'descr': '>i2', 'fortran_order': False, 'shape': (2L, 1L), }"
        var bytes = [0x93] + Array("NUMPY".utf8) + [3, 0]
        let length = header.utf8.count
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8), 0, 0] + Array(header.utf8) + [0x01, 0x02, 0xFF, 0xFE]
        let array = try NpyArray(npyBytes: bytes)
        #expect(array.shape == [2, 1])
        #expect(try array.elements(as: Int16.self) == [0x0102, -2])
    }

    @Test func conversionsAreExactOrThrowNamingTheElement() throws {
        #expect(try NpyArray([0.5, 2.25, -8] as [Double]).floats() == [0.5, 2.25, -8])
        #expect(throws: NpyError.lossyConversion(dtype: .float64, target: "Float", index: 1, value: "0.1")) {
            try NpyArray([0.5, 0.1] as [Double]).floats()
        }
        #expect(try NpyArray([0.5, 0.1] as [Double]).floats(allowingPrecisionLoss: true) == [0.5, 0.1])
        #expect(throws: NpyError.lossyConversion(dtype: .float64, target: "Float", index: 0, value: "1e+300")) {
            try NpyArray([1e300] as [Double]).floats(allowingPrecisionLoss: true)
        }
        #expect(throws: NpyError.lossyConversion(dtype: .int64, target: "Int32", index: 2, value: "4294967296")) {
            try NpyArray([1, -1, 1 << 32] as [Int64]).int32s()
        }
        #expect(throws: NpyError.lossyConversion(dtype: .int64, target: "Double", index: 0, value: "9007199254740993")) {
            try NpyArray([(1 << 53) + 1] as [Int64]).doubles()
        }
        #expect(throws: NpyError.unsupportedConversion(dtype: .float32, target: "Int")) {
            try NpyArray([1] as [Float]).ints()
        }
        #expect(throws: NpyError.lossyConversion(dtype: .uint64, target: "Int", index: 0, value: "\(UInt64.max)")) {
            try NpyArray([UInt64.max]).ints()
        }
        #expect(try NpyArray([true, false]).ints() == [1, 0])
        #expect(try NpyArray([UInt8(200), 3]).int32s() == [200, 3])
        #expect(throws: NpyError.unsupportedConversion(dtype: .int8, target: "Int16")) {
            try NpyArray([Int8(1)]).elements(as: Int16.self)
        }
    }

    @Test func filesAreWrittenAtomicallyAndReadBack() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("values.npy")
        let first = NpyArray([1, 2, 3] as [Float])
        try first.write(to: url)
        let second = NpyArray([4, 5] as [Int32], shape: [1, 2])
        try second.write(to: url)
        #expect(try NpyArray(contentsOf: url) == second)
        // Only the final file remains: the temporary file was renamed over it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["values.npy"])
    }

    @Test(arguments: [false, true])
    func npzArchivesRoundTrip(compressed: Bool) throws {
        var arrays = RandomArrays(seed: 43)
        var npz = NpzFile()
        for (i, dtype) in NpyDType.allCases.enumerated() {
            npz["array\(i)"] = arrays.array(of: dtype, fortranOrder: i % 2 == 0)
        }
        #expect(try NpzFile(zipData: npz.zipData(compressed: compressed)) == npz)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try npz.write(to: folder.file("arrays.npz"), compressed: compressed)
        #expect(try NpzFile(contentsOf: folder.file("arrays.npz")) == npz)
    }
}
