import ComplexModule
import RealModule

/// Smooth test functions written once for every field with elementary functions, so the same
/// formula runs on `Double`, `Complex<Double>` (complex step) and dual numbers, each with its
/// derivative in closed form as the oracle.
enum NumericTestFunction: CaseIterable {
    case polynomial, expOfSin, logOfQuadratic, sinOfExp, rational, tanhOfCos, sqrtOfExp
    case asinhTimesLog, coshTimesSinh, threeHalvesPower

    func callAsFunction<T: ElementaryFunctions & AlgebraicField>(_ x: T) -> T {
        switch self {
        case .polynomial: return 3 * x * x * x * x * x - 2 * x * x * x + x - 7
        case .expOfSin: return T.exp(T.sin(x))
        // log(onePlus:) rather than log(1 + x²): the latter rounds x² away next to 1, so near 0 it
        // is not backward stable, which the rounding model of the error estimates assumes.
        case .logOfQuadratic: return T.log(onePlus: x * x)
        case .sinOfExp: return T.sin(T.exp(x / 2))
        case .rational: return x / (1 + x * x)
        case .tanhOfCos: return T.tanh(2 * T.cos(x))
        case .sqrtOfExp: return T.sqrt(1 + T.exp(x))
        case .asinhTimesLog: return T.asinh(x) * T.log(x)
        case .coshTimesSinh: return T.cosh(x) * T.sinh(2 * x)
        case .threeHalvesPower: return x * T.sqrt(x)
        }
    }

    /// f′(x) in closed form.
    func derivative(_ x: Double) -> Double {
        switch self {
        case .polynomial: return 15 * x * x * x * x - 6 * x * x + 1
        case .expOfSin: return Double.cos(x) * Double.exp(Double.sin(x))
        case .logOfQuadratic: return 2 * x / (1 + x * x)
        case .sinOfExp: return Double.cos(Double.exp(x / 2)) * Double.exp(x / 2) / 2
        case .rational: return (1 - x * x) / ((1 + x * x) * (1 + x * x))
        case .tanhOfCos:
            let t = Double.tanh(2 * Double.cos(x))
            return -2 * Double.sin(x) * (1 - t * t)
        case .sqrtOfExp: return Double.exp(x) / (2 * Double.sqrt(1 + Double.exp(x)))
        case .asinhTimesLog: return Double.log(x) / Double.sqrt(1 + x * x) + Double.asinh(x) / x
        case .coshTimesSinh:
            return Double.sinh(x) * Double.sinh(2 * x) + 2 * Double.cosh(x) * Double.cosh(2 * x)
        case .threeHalvesPower: return 1.5 * Double.sqrt(x)
        }
    }

    /// Where the function is smooth and the tests sample it.
    var domain: ClosedRange<Double> {
        switch self {
        case .asinhTimesLog, .threeHalvesPower: return 0.2...4
        case .polynomial, .sinOfExp, .coshTimesSinh: return -2...2
        default: return -3...3
        }
    }
}
