import Foundation
import Testing
import _TestSupport

/// `graphgrad diff` on valid input: every method against closed forms computed here.
@Suite struct DiffCommandTests {
    @Test func gradientMatchesTheClosedFormByEveryMethod() throws {
        for (k, p) in (0..<3).map({ seededPoint(2, in: -2...2, seed: 10 + UInt64($0)) }).enumerated() {
            let (x, y) = (p[0], p[1])
            let run = try diff(["x^2*y + sin(x)", "--wrt", "x,y", "--at", "x=\(x),y=\(y)", "--json"])
            expectSuccess(run)
            let report = try jsonReport(run)
            try expectValues(report, match: [2 * x * y + cos(x), x * x])
            #expect(report["wrt"] as? [String] == ["x", "y"], "point \(k)")
            #expect((report["order"] as? NSNumber)?.intValue == 1)
            #expect((report["derivative"] as? [String])?.count == 2)
            #expect((report["latex"] as? [String])?.count == 2)
            let at = try #require(report["at"] as? [String: Any])
            let given = [at["x"], at["y"]].compactMap { ($0 as? NSNumber)?.doubleValue }
            // JSONSerialization may read the shortest decimal text back off by an ulp.
            #expect(given.count == 2 && abs(given[0] - x) <= 1e-15 * abs(x) && abs(given[1] - y) <= 1e-15 * abs(y))
        }
    }

    @Test func hessianIsNestedRowByRowAndMatchesTheClosedForm() throws {
        let p = seededPoint(2, in: -1.5...1.5, seed: 20)
        let (x, y) = (p[0], p[1])
        let run = try diff(["x^2*y + exp(x*y)", "--wrt", "x,y", "--order", "2", "--at", "x=\(x),y=\(y)", "--json"])
        expectSuccess(run)
        let report = try jsonReport(run)
        let e = exp(x * y)
        let xy = 2 * x + e * (1 + x * y)
        try expectValues(report, match: [2 * y + y * y * e, xy, xy, x * x * e])
        let values = try #require(report["values"] as? [String: Any])
        let rows = try #require(values["symbolic"] as? [[Any]], "Hessian not nested: \(values)")
        #expect(rows.count == 2 && rows.allSatisfy { $0.count == 2 })
        let derivatives = try #require(report["derivative"] as? [[String]])
        #expect(derivatives.count == 2 && derivatives[0][1] == derivatives[1][0])
    }

    @Test func higherOrderDerivativesOfOneVariable() throws {
        let x = seededPoint(1, in: -1...1, seed: 30)[0]
        // (eˣ sin x)⁽ⁿ⁾ = 2^(n/2) eˣ sin(x + nπ/4).
        for order in 1...4 {
            let run = try diff(["exp(x)*sin(x)", "--wrt", "x", "--order", "\(order)", "--at", "x=\(x)", "--json"])
            expectSuccess(run)
            let n = Double(order)
            let exact = pow(2, n / 2) * exp(x) * sin(x + n * Double.pi / 4)
            // Nested differences lose about three digits per order.
            try expectValues(try jsonReport(run), match: [exact], numericBound: pow(10, -11 + 2 * n))
        }
    }

    @Test func variableAbsentFromTheExpressionHasDerivativeZero() throws {
        let run = try diff(["x^3", "--wrt", "x,z", "--at", "x=1.25", "--json"])
        expectSuccess(run)
        try expectValues(try jsonReport(run), match: [3 * 1.25 * 1.25, 0])
    }

    @Test func textOutputShowsEachDerivativePlainAndLaTeX() throws {
        let run = try diff(["x^2*y + sin(x)", "--wrt", "x,y", "--at", "x=1.5,y=2"])
        expectSuccess(run)
        let json = try jsonReport(try diff(["x^2*y + sin(x)", "--wrt", "x,y", "--json"]))
        let plain = try #require(json["derivative"] as? [String])
        let latex = try #require(json["latex"] as? [String])
        for (name, (p, l)) in zip(["∂f/∂x", "∂f/∂y"], zip(plain, latex)) {
            #expect(run.standardOutput.contains("\(name) = \(p)\n"), "\(run)")
            #expect(run.standardOutput.contains("LaTeX: \(l)\n"), "\(run)")
        }
        let rows = run.standardOutput.split(separator: "\n").filter { $0.hasPrefix("∂f/∂") && !$0.contains("=") }
        #expect(rows.count == 2, "one table row per derivative: \(run)")
    }

    @Test func withoutAPointOnlyTheDerivativesArePrinted() throws {
        let run = try diff(["x*y", "--wrt", "y", "--json"])
        expectSuccess(run)
        let report = try jsonReport(run)
        #expect(report["derivative"] as? [String] == ["x"])
        #expect(report["values"] is NSNull && report["at"] is NSNull)
        let text = try diff(["x*y", "--wrt", "y"])
        expectSuccess(text)
        #expect(!text.standardOutput.contains("symbolic"))
    }

    @Test func methodsAgreeWithoutWarningOnSmoothFunctions() throws {
        let expressions = [
            "exp(sin(x))*y", "log(1 + x^2)/(1 + y^2)", "sqrt(x^2 + y^2 + 1)", "atan2(x, y)",
            "tanh(x*y) + x^3", "sigmoid(x)*softplus(y)", "x^y", "cosh(x)/(2 + sin(y))",
        ]
        for (k, expression) in expressions.enumerated() {
            let p = seededPoint(2, in: 0.3...2, seed: 40 + UInt64(k))
            for order in 1...2 {
                let run = try diff([expression, "--wrt", "x,y", "--order", "\(order)", "--at", "x=\(p[0]),y=\(p[1])"])
                expectSuccess(run)
            }
        }
    }

    @Test func disagreementAtAKinkIsReportedLoudly() throws {
        // relu has no derivative at 0: the exact modes take the subgradient 0, a central
        // difference sees the slope 1/2.
        let run = try diff(["relu(x)", "--wrt", "x", "--at", "x=0"])
        #expect(run.exitCode == 3, "\(run)")
        #expect(run.standardError.split(separator: "\n").contains { $0.hasPrefix("WARNING: methods disagree") }, "\(run)")
        #expect(!run.crashed)
    }

    @Test func versionAndHelpListTheSubcommand() throws {
        let help = try runBinary("graphgrad", ["--help"])
        #expect(help.exitCode == 0 && help.standardOutput.contains("diff"), "\(help)")
        let version = try runBinary("graphgrad", ["--version"])
        #expect(version.exitCode == 0 && !version.standardOutput.isEmpty, "\(version)")
    }
}
