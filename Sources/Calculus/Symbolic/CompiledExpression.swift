import RealModule

/// One or more expressions lowered to a straight-line register program for fast repeated
/// evaluation.
///
/// The DAG is walked once in topological order: each distinct node becomes at most one
/// instruction writing its own register of a `Double` scratch buffer, so a subexpression
/// shared between outputs (the common factors of a gradient's components) is computed once
/// per call. The first registers hold the inputs; constants are loaded into theirs before
/// the program runs.
///
/// Unlike ``Expression/evaluate(_:)-(Dictionary<String,Double>)``, the compiled program does
/// not check domains: a log of a negative number gives NaN, as in plain floating point. Check
/// the output with `isNaN` where that matters.
public struct CompiledExpression: Sendable {
    /// The input order: `inputs[i]` is the value of `variables[i]`.
    public let variables: [String]
    /// How many values one call produces.
    public var outputCount: Int { outputRegisters.count }
    /// How many instructions one call runs (one per distinct operation).
    public var instructionCount: Int { program.count }

    let program: [CompiledInstruction]
    let constantRegisters: [Int32]
    let constantValues: [Double]
    let registerCount: Int
    let outputRegisters: [Int32]

    /// Compiles `expressions` together, sharing their common subexpressions.
    ///
    /// - Throws: ``ExpressionEvaluationError/unboundVariable(_:)`` when an expression uses a
    ///   variable missing from `variables`.
    public init(_ expressions: [Expression], variables: [String]) throws(ExpressionEvaluationError) {
        var compiler = ExpressionCompiler(variables: variables, roots: expressions)
        var outputs: [Int32] = []
        for e in expressions { outputs.append(try compiler.register(of: e)) }
        self.variables = variables
        program = compiler.program
        constantRegisters = compiler.constantLoads.map(\.register)
        constantValues = compiler.constantLoads.map(\.value)
        registerCount = compiler.registerCount
        outputRegisters = outputs
    }

    /// Compiles one expression.
    public init(_ expression: Expression, variables: [String]) throws(ExpressionEvaluationError) {
        try self.init([expression], variables: variables)
    }

    /// Evaluates every output at `inputs` (one value per variable, in order) into `outputs`.
    public func callAsFunction(_ inputs: UnsafeBufferPointer<Double>, into outputs: UnsafeMutableBufferPointer<Double>) {
        precondition(inputs.count == variables.count,
                     "expected \(variables.count) inputs (\(variables)), got \(inputs.count)")
        precondition(outputs.count == outputCount, "expected room for \(outputCount) outputs, got \(outputs.count)")
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(registerCount, 1)) { registers in
            for i in inputs.indices { registers[i] = inputs[i] }
            for (r, value) in zip(constantRegisters, constantValues) { registers[Int(r)] = value }
            program.withUnsafeBufferPointer { run($0, registers) }
            for (i, r) in outputRegisters.enumerated() { outputs[i] = registers[Int(r)] }
        }
    }

    /// Evaluates every output at `inputs` (one value per variable, in order).
    public func callAsFunction(_ inputs: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: outputCount)
        inputs.withUnsafeBufferPointer { i in result.withUnsafeMutableBufferPointer { self(i, into: $0) } }
        return result
    }

    private func run(_ program: UnsafeBufferPointer<CompiledInstruction>, _ r: UnsafeMutableBufferPointer<Double>) {
        for instruction in program {
            switch instruction {
            case .add(let d, let a, let b): r[Int(d)] = r[Int(a)] + r[Int(b)]
            case .addScaled(let d, let a, let b, let c): r[Int(d)] = r[Int(a)] + c * r[Int(b)]
            case .subtract(let d, let a, let b): r[Int(d)] = r[Int(a)] - r[Int(b)]
            case .multiply(let d, let a, let b): r[Int(d)] = r[Int(a)] * r[Int(b)]
            case .divide(let d, let a, let b): r[Int(d)] = r[Int(a)] / r[Int(b)]
            case .scale(let d, let a, let c): r[Int(d)] = c * r[Int(a)]
            case .integerPower(let d, let a, let n):
                let x = r[Int(a)]
                switch n {
                case 2: r[Int(d)] = x * x
                case 3: r[Int(d)] = x * x * x
                case -1: r[Int(d)] = 1 / x
                default: r[Int(d)] = Double.pow(x, Int(n))
                }
            case .power(let d, let a, let b): r[Int(d)] = BinaryPrimitive.pow(r[Int(a)], r[Int(b)])
            case .unary(let d, let f, let a): r[Int(d)] = f(r[Int(a)])
            case .binary(let d, let f, let a, let b): r[Int(d)] = f(r[Int(a)], r[Int(b)])
            }
        }
    }
}

/// One register-machine step; `d` is the destination register.
enum CompiledInstruction: Sendable {
    case add(Int32, Int32, Int32)
    /// d = a + c · b: a sum term with its numeric coefficient, in one step.
    case addScaled(Int32, Int32, Int32, Double)
    case subtract(Int32, Int32, Int32)
    case multiply(Int32, Int32, Int32)
    case divide(Int32, Int32, Int32)
    case scale(Int32, Int32, Double)
    case integerPower(Int32, Int32, Int32)
    case power(Int32, Int32, Int32)
    case unary(Int32, UnaryPrimitive, Int32)
    case binary(Int32, BinaryPrimitive, Int32, Int32)
}

/// Lowers expressions to ``CompiledInstruction``s, one register per distinct node.
private struct ExpressionCompiler {
    private let inputRegisters: [String: Int32]
    private var constantRegisters: [SymbolicNumber: Int32] = [:]
    private(set) var constantLoads: [(register: Int32, value: Double)] = []
    private var registers: [ObjectIdentifier: Int32] = [:]
    /// How many parents each node has across all roots: a product used only as one sum term
    /// is folded into that sum (`addScaled`) instead of getting a register of its own.
    private let useCounts: [ObjectIdentifier: Int]
    private(set) var program: [CompiledInstruction] = []
    private var nextRegister: Int32

    var registerCount: Int { Int(nextRegister) }

    init(variables: [String], roots: [Expression]) {
        inputRegisters = Dictionary(variables.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        var counts: [ObjectIdentifier: Int] = [:]
        var seen: Set<ObjectIdentifier> = []
        var stack = roots
        while let e = stack.popLast() {
            guard seen.insert(ObjectIdentifier(e.node)).inserted else { continue }
            for child in e.children { counts[ObjectIdentifier(child.node), default: 0] += 1 }
            stack.append(contentsOf: e.children)
        }
        for root in roots { counts[ObjectIdentifier(root.node), default: 0] += 1 }
        useCounts = counts
        nextRegister = Int32(variables.count)
    }

    mutating func register(of e: Expression) throws(ExpressionEvaluationError) -> Int32 {
        let key = ObjectIdentifier(e.node)
        if let known = registers[key] { return known }
        let result: Int32
        switch e.kind {
        case .number(let n):
            result = constant(n)
        case .constant(let c):
            result = constant(SymbolicNumber(real: c.value))
        case .variable(let name):
            guard let r = inputRegisters[name] else { throw .unboundVariable(name) }
            result = r
        case .sum(let terms):
            result = try sum(terms)
        case .product:
            let (r, c) = try scaledProduct(e)
            result = c == 1 ? r : emit { .scale($0, r, c) }
        case .power(let base, let exponent):
            let b = try register(of: base)
            if let n = exponent.number?.integerValue, let small = Int32(exactly: n) {
                result = emit { .integerPower($0, b, small) }
            } else {
                let x = try register(of: exponent)
                result = emit { .power($0, b, x) }
            }
        case .unary(let f, let argument):
            let a = try register(of: argument)
            result = emit { .unary($0, f, a) }
        case .binary(let f, let lhs, let rhs):
            let a = try register(of: lhs), b = try register(of: rhs)
            result = emit { .binary($0, f, a, b) }
        }
        registers[key] = result
        return result
    }

    private mutating func sum(_ terms: [Expression]) throws(ExpressionEvaluationError) -> Int32 {
        var accumulator = try register(of: terms[0])
        for term in terms.dropFirst() {
            let (r, c) = try scaledTerm(term)
            let a = accumulator
            switch c {
            case 1: accumulator = emit { .add($0, a, r) }
            case -1: accumulator = emit { .subtract($0, a, r) }
            default: accumulator = emit { .addScaled($0, a, r, c) }
            }
        }
        return accumulator
    }

    /// `(r, c)` with term = c · register r; the coefficient stays separate only for a product
    /// that nothing else uses.
    private mutating func scaledTerm(_ term: Expression) throws(ExpressionEvaluationError) -> (Int32, Double) {
        if case .product = term.kind, useCounts[ObjectIdentifier(term.node)] == 1, registers[ObjectIdentifier(term.node)] == nil {
            return try scaledProduct(term)
        }
        return (try register(of: term), 1)
    }

    /// The product's factors as `numerator / denominator` in one register, and its coefficient.
    private mutating func scaledProduct(_ e: Expression) throws(ExpressionEvaluationError) -> (Int32, Double) {
        let (coefficient, factors) = e.coefficientView
        var numerator: Int32?
        var denominator: Int32?
        for factor in factors {
            if case .power(let base, let exponent) = factor.kind, let n = exponent.number?.integerValue, n < 0,
               let small = Int32(exactly: -n) {
                let b = try register(of: base)
                let r = small == 1 ? b : emit { .integerPower($0, b, small) }
                denominator = multiply(denominator, r)
            } else {
                numerator = multiply(numerator, try register(of: factor))
            }
        }
        switch (numerator, denominator) {
        case (let n?, let d?): return (emit { .divide($0, n, d) }, coefficient.doubleValue)
        case (let n?, nil): return (n, coefficient.doubleValue)
        case (nil, let d?): return (emit { .integerPower($0, d, -1) }, coefficient.doubleValue)
        case (nil, nil): return (constant(coefficient), 1)
        }
    }

    private mutating func multiply(_ accumulator: Int32?, _ r: Int32) -> Int32 {
        guard let a = accumulator else { return r }
        return emit { .multiply($0, a, r) }
    }

    private mutating func constant(_ n: SymbolicNumber) -> Int32 {
        if let r = constantRegisters[n] { return r }
        let r = nextRegister
        nextRegister += 1
        constantRegisters[n] = r
        constantLoads.append((r, n.doubleValue))
        return r
    }

    private mutating func emit(_ make: (Int32) -> CompiledInstruction) -> Int32 {
        let r = nextRegister
        nextRegister += 1
        program.append(make(r))
        return r
    }
}
