import Foundation
import Graphs
import Testing

/// Files exchanged with numpy itself, in both directions. Skipped (visibly) where python3 or
/// numpy is missing.
@Suite(.enabled(if: Python.hasNumPy, "needs python3 with numpy"))
struct NumPyInteropTests {
    /// Writes one `.npy` per dtype × order × byte order, plus its C-order values as text.
    static let numpyWriter = """
        import sys, numpy as np
        folder = sys.argv[1]
        rng = np.random.default_rng(7)
        kinds = ['b1', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'f4', 'f8']
        for kind in kinds:
            for order in 'CF':
                for endian in '<>':
                    dtype = np.dtype(endian + kind)
                    shape = (3, 4, 2)
                    if kind == 'b1':
                        values = rng.integers(0, 2, size=shape).astype(dtype)
                    elif kind[0] == 'f':
                        values = (rng.standard_normal(size=shape) * 1e3).astype(dtype)
                    else:
                        info = np.iinfo(dtype)
                        values = rng.integers(info.min, info.max, size=shape, endpoint=True, dtype=dtype.newbyteorder('='))
                        values = values.astype(dtype)
                    values = np.asfortranarray(values) if order == 'F' else np.ascontiguousarray(values)
                    name = f"{folder}/{kind}_{order}_{'le' if endian == '<' else 'be'}"
                    np.save(name + '.npy', values)
                    with open(name + '.txt', 'w') as text:
                        text.write(' '.join(repr(v) for v in values.ravel(order='C').tolist()))
        np.savez(f"{folder}/plain.npz", a=np.arange(5, dtype='<i4'), b=np.eye(3, dtype='>f8'))
        np.savez_compressed(f"{folder}/compressed.npz", a=np.arange(5, dtype='<i4'), b=np.eye(3, dtype='>f8'))
        print('written')
        """

    /// Loads every file Swift wrote and compares it with the text of its expected values.
    static let numpyChecker = """
        import sys, glob, os, numpy as np
        folder = sys.argv[1]
        problems = []
        paths = sorted(glob.glob(folder + '/*.npy'))
        if len(paths) != int(sys.argv[2]): problems.append(f'found {len(paths)} .npy files, expected {sys.argv[2]}')
        for path in paths:
            stem = path[:-4]
            expected_dtype, fortran, shape, values = open(stem + '.txt').read().split('|')
            array = np.load(path)
            shape = tuple(int(s) for s in shape.split()) if shape.strip() else ()
            if array.dtype != np.dtype(expected_dtype): problems.append(f'{path}: dtype {array.dtype}')
            if array.shape != shape: problems.append(f'{path}: shape {array.shape} != {shape}')
            if not (array.flags.f_contiguous if fortran == 'F' else array.flags.c_contiguous):
                problems.append(f'{path}: not {fortran}-contiguous')
            parsed = [float(v) if array.dtype.kind == 'f' else int(v) for v in values.split()]
            if array.ravel(order='C').tolist() != parsed: problems.append(f'{path}: values differ')
        for name in ['plain', 'compressed']:
            archive = np.load(f'{folder}/{name}.npz')
            if sorted(archive.files) != ['a', 'b']: problems.append(f'{name}: keys {archive.files}')
            elif archive['a'].tolist() != [0, -1, 2, -3, 4] or archive['b'].tolist() != [[1.5, 0.0], [0.0, 1.5]]:
                problems.append(f'{name}: values')
        print('OK' if not problems else '\\n'.join(problems))
        """

    @Test func swiftReadsWhatNumPyWrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try Python.run(script: NumPyInteropTests.numpyWriter, arguments: [folder.url.path])
        try #require(result.status == 0, "\(result.output)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasSuffix(".npy") }
        #expect(names.count == 44)
        for name in names {
            let array = try NpyArray(contentsOf: folder.file(name))
            let text = try String(contentsOf: folder.file(name.replacingOccurrences(of: ".npy", with: ".txt")), encoding: .utf8)
            let expected = text.split(separator: " ").map(String.init)
            #expect(array.shape == [3, 4, 2], "\(name)")
            #expect(array.fortranOrder == name.contains("_F_"), "\(name)")
            if array.dtype.isFloatingPoint {
                #expect(try array.doubles() == expected.compactMap(Double.init), "\(name)")
            } else if array.dtype == .uint64 {
                #expect(try array.elements(as: UInt64.self) == expected.compactMap { UInt64($0) }, "\(name)")
            } else if array.dtype == .bool {
                #expect(try array.elements(as: Bool.self) == expected.map { $0 == "True" }, "\(name)")
            } else {
                #expect(try array.ints() == expected.compactMap { Int($0) }, "\(name)")
            }
        }
        for name in ["plain.npz", "compressed.npz"] {
            let npz = try NpzFile(contentsOf: folder.file(name))
            #expect(npz.keys == ["a", "b"])
            #expect(try npz.array("a").ints() == [0, 1, 2, 3, 4])
            #expect(try npz.array("b").doubles() == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        }
    }

    @Test func numPyReadsWhatSwiftWrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var arrays = RandomArrays(seed: 44)
        for dtype in NpyDType.allCases {
            for fortranOrder in [false, true] {
                let array = arrays.array(of: dtype, fortranOrder: fortranOrder)
                let stem = "\(dtype)_\(fortranOrder ? "F" : "C")"
                try array.write(to: folder.file(stem + ".npy"))
                let values = try cOrderText(of: array)
                let description = [
                    "\(dtype)",
                    fortranOrder ? "F" : "C", array.shape.map(String.init).joined(separator: " "), values,
                ].joined(separator: "|")
                try description.write(to: folder.file(stem + ".txt"), atomically: true, encoding: .utf8)
            }
        }
        var npz = NpzFile()
        npz["a"] = NpyArray([0, -1, 2, -3, 4] as [Int64])
        npz["b"] = NpyArray([1.5, 0, 0, 1.5] as [Double], shape: [2, 2], fortranOrder: true)
        try npz.write(to: folder.file("plain.npz"))
        try npz.write(to: folder.file("compressed.npz"), compressed: true)
        let result = try Python.run(script: NumPyInteropTests.numpyChecker, arguments: [folder.url.path, "\(2 * NpyDType.allCases.count)"])
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "OK", "\(result.output)")
    }

    /// The values in C order as Python literals numpy's `tolist()` compares equal to.
    private func cOrderText(of array: NpyArray) throws -> String {
        switch array.dtype {
        case .bool: return try array.elements(as: Bool.self).map { $0 ? "1" : "0" }.joined(separator: " ")
        case .uint64: return try array.elements(as: UInt64.self).map(String.init).joined(separator: " ")
        case .float32: return try array.floats().map { "\(Double($0))" }.joined(separator: " ")
        case .float64: return try array.doubles().map { "\($0)" }.joined(separator: " ")
        default: return try array.ints().map(String.init).joined(separator: " ")
        }
    }
}
