import Calculus
import PropertyBased
import Testing

@Suite struct SymbolicParserTests {
    let x = Expression.variable("x"), y = Expression.variable("y"), z = Expression.variable("z")

    private func parse(_ text: String) throws -> Expression { try Expression(parsing: text) }

    @Test func precedenceAndAssociativity() throws {
        // Each text against the same expression built with explicit operator calls.
        #expect(try parse("-x^2") == -(x.raised(to: 2)))
        #expect(try parse("x^y^z") == x.raised(to: y.raised(to: z)))
        #expect(try parse("x**y**z") == x.raised(to: y.raised(to: z)))
        #expect(try parse("2^-1") == Expression(Rational(1, 2)!))
        #expect(try parse("x - y - z") == (x - y) - z)
        #expect(try parse("x / y / z") == (x / y) / z)
        #expect(try parse("x + y * z") == x + y * z)
        #expect(try parse("(x + y) * z") == (x + y) * z)
        #expect(try parse("x * -y") == x * -y)
        #expect(try parse("--x") == x)
        #expect(try parse("x^2*sin(y) + exp(-x)/2")
            == x.raised(to: 2) * .apply(.sin, y) + .apply(.exp, -x) / 2)
        #expect(try parse("atan2(y, x) + max(x, 1)") == .apply(.atan2, y, x) + .apply(.maximum, x, 1))
    }

    @Test func numbersAndConstants() throws {
        #expect(try parse("1.5e-3") == Expression(1.5e-3))
        #expect(try parse("3") == Expression(3))
        #expect(try parse("6/4") == Expression(Rational(3, 2)!))
        #expect(try parse(".25").number == .real(0.25))
        #expect(try parse("pi") == .pi)
        #expect(try parse("e^x") == Expression.e.raised(to: x))
        #expect(try parse("1/3 + 1/6") == Expression(Rational(1, 2)!))
    }

    @Test(arguments: [
        ("x + (y))", 8, "unexpected ')'"),
        ("(x + y", 1, "never closed"),
        ("x + * y", 5, "unexpected '*'"),
        ("foo(x)", 1, "unknown function 'foo'"),
        ("sin(x, y)", 1, "takes 1 argument"),
        ("x $ y", 3, "unexpected character '$'"),
        ("2 x", 3, "unexpected 'x'"),
        ("x +", 4, "unexpected end of input"),
        ("1e999", 1, "out of range"),
        ("sin(x))", 7, "unexpected ')' at column 7"),
    ])
    func errorsNameTheColumn(text: String, column: Int, message: String) {
        #expect {
            try Expression(parsing: text)
        } throws: { error in
            guard let error = error as? ExpressionParseError else { return false }
            return error.column == column && error.description.contains(message)
        }
    }

    @Test func unknownFunctionListsTheKnownOnes() {
        #expect {
            try Expression(parsing: "sine(x)")
        } throws: { error in
            let text = (error as? ExpressionParseError)?.description ?? ""
            return text.contains("sin") && text.contains("atan2") && text.contains("sigmoid")
        }
    }

    /// Printing then parsing gives back the identical (interned) expression.
    @Test func printedTextParsesBackToTheSameExpression() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let e = SymbolicRandomExpression.make(depth: Int.random(in: 1...6, using: &rng), using: &rng).expression
            let text = e.description
            #expect((try? Expression(parsing: text)) == e, "\(text)")
            let derivativeText = e.derivative(wrt: "x").description
            #expect((try? Expression(parsing: derivativeText)) == e.derivative(wrt: "x"), "\(derivativeText)")
        }
    }

    @Test func printingUsesMinimalParentheses() throws {
        #expect(try parse("x^2*sin(y) + exp(-x)/2").description == "x^2*sin(y) + exp(-x)/2")
        #expect(try parse("-(x + y)").description == "-(x + y)")
        #expect(try parse("x/(y*z)").description == "x/(y*z)")
        #expect(try parse("(x^y)^z").description == "(x^y)^z")
        #expect(try parse("x^y^z").description == "x^y^z")
        #expect(try parse("x - 1/2").description == "x - 1/2")
    }
}
