import Calculus
/// LU factorization with partial pivoting of a square matrix, P·A = L·U, computed in Double.
@usableFromInline
struct LUDecomposition {
    @usableFromInline
    let n: Int
    /// L (unit diagonal, below) and U (on and above the diagonal), row-major.
    @usableFromInline
    var lu: [Double]
    /// Row i of P·A is row `pivots[i]` of A.
    @usableFromInline
    var pivots: [Int]
    /// +1 or −1: the sign of the permutation.
    @usableFromInline
    var permutationSign: Double

    @usableFromInline
    init<S: TensorScalar>(_ a: Tensor<S>) {
        require(a.rank == 2 && a.shape[0] == a.shape[1], "LU needs a square matrix, got shape \(a.shape)")
        n = a.shape[0]
        lu = a.scalars.map { Double($0) }
        pivots = Array(0..<n)
        permutationSign = 1
        for col in 0..<n {
            var best = col
            for r in (col + 1)..<max(n, col + 1) where Swift.abs(lu[r * n + col]) > Swift.abs(lu[best * n + col]) { best = r }
            if best != col {
                for j in 0..<n { lu.swapAt(col * n + j, best * n + j) }
                pivots.swapAt(col, best)
                permutationSign = -permutationSign
            }
            let p = lu[col * n + col]
            if p == 0 { continue }
            for r in (col + 1)..<max(n, col + 1) {
                let f = lu[r * n + col] / p
                lu[r * n + col] = f
                if f != 0 { for j in (col + 1)..<n { lu[r * n + j] -= f * lu[col * n + j] } }
            }
        }
    }

    /// Whether a pivot is exactly zero.
    @usableFromInline
    var isSingular: Bool { (0..<n).contains { lu[$0 * n + $0] == 0 } }

    /// The determinant.
    @usableFromInline
    var determinant: Double { (0..<n).reduce(permutationSign) { $0 * lu[$1 * n + $1] } }

    /// log |det| and the sign of det.
    @usableFromInline
    var logAbsDeterminant: (Double, Double) {
        var sign = permutationSign
        var log = 0.0
        for i in 0..<n {
            let d = lu[i * n + i]
            sign *= d < 0 ? -1 : 1
            log += Double.log(Swift.abs(d))
        }
        return (log, sign)
    }

    /// X with A·X = B for B of shape [n, m], row-major.
    @inlinable
    func solve(_ b: [Double], columns m: Int) -> [Double] {
        var x = [Double](repeating: 0, count: n * m)
        for i in 0..<n { for j in 0..<m { x[i * m + j] = b[pivots[i] * m + j] } }
        for i in 0..<n {
            for k in 0..<i where lu[i * n + k] != 0 {
                for j in 0..<m { x[i * m + j] -= lu[i * n + k] * x[k * m + j] }
            }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(n, i + 1) where lu[i * n + k] != 0 {
                for j in 0..<m { x[i * m + j] -= lu[i * n + k] * x[k * m + j] }
            }
            let d = lu[i * n + i]
            for j in 0..<m { x[i * m + j] /= d }
        }
        return x
    }
}
