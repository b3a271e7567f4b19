import Foundation
import Testing
import _TestSupport

/// `graphgrad diff` on bad input: a clear message naming the problem, a nonzero exit, no crash.
@Suite struct DiffBadInputTests {
    @Test func unparsableExpressionShowsTheColumnWithACaret() throws {
        let run = try diff(["x + * 2", "--wrt", "x"])
        expectRejected(run, naming: ["column 5", "x + * 2"])
        let lines = run.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let echo = try #require(lines.firstIndex { $0.hasSuffix("x + * 2") }, "\(run)")
        let caret = try #require(lines.dropFirst(echo + 1).first)
        let caretColumn = try #require(caret.firstIndex(of: "^")).utf16Offset(in: caret)
        let starColumn = try #require(lines[echo].firstIndex(of: "*")).utf16Offset(in: lines[echo])
        #expect(caretColumn == starColumn, "caret under the '*': \(run)")
    }

    @Test func unknownFunctionAndUnclosedParenthesisAreRejected() throws {
        expectRejected(try diff(["foo(x)", "--wrt", "x"]), naming: ["foo", "column 1"])
        expectRejected(try diff(["sin(x", "--wrt", "x"]), naming: ["column 4"])
    }

    @Test func logOfANegativeIsReportedByEveryMethod() throws {
        let run = try diff(["log(x)", "--wrt", "x", "--at", "x=-2"])
        #expect(run.exitCode == 4, "\(run)")
        #expect(!run.crashed)
        for method in ["symbolic", "forward", "reverse", "numeric"] {
            let line = run.standardError.split(separator: "\n").first { $0.hasPrefix("\(method): ") }
            #expect(line?.contains("log") == true && line?.contains("-2") == true, "\(method): \(run)")
        }
        #expect(!run.standardError.contains("WARNING"))
    }

    @Test func divisionByZeroIsReportedByEveryMethod() throws {
        let run = try diff(["1/x + y", "--wrt", "x,y", "--at", "x=0,y=1", "--json"])
        #expect(run.exitCode == 4, "\(run)")
        #expect(!run.crashed)
        for method in ["symbolic", "forward", "reverse", "numeric"] {
            #expect(run.standardError.contains("\(method): division by zero"), "\(method): \(run)")
        }
        // The JSON is still the last line, with no value where a method failed.
        let report = try jsonReport(run)
        let symbolic = try #require((report["values"] as? [String: Any])?["symbolic"] as? [Any])
        #expect(symbolic.count == 2 && symbolic.allSatisfy { $0 is NSNull }, "\(symbolic)")
    }

    @Test func missingVariableInThePointIsNamed() throws {
        expectRejected(try diff(["x*y + z", "--wrt", "x", "--at", "x=1,y=2"]), naming: ["'z'"])
    }

    @Test func malformedPointEntriesNameTheBadToken() throws {
        expectRejected(try diff(["x^2", "--wrt", "x", "--at", "x=abc"]), naming: ["'x=abc'", "'abc'"])
        expectRejected(try diff(["x^2", "--wrt", "x", "--at", "x"]), naming: ["'x'", "name=value"])
        expectRejected(try diff(["x^2", "--wrt", "x", "--at", "x=1,,"]), naming: ["''"])
        expectRejected(try diff(["x^2", "--wrt", "x", "--at", "x=nan"]), naming: ["'nan'"])
        expectRejected(try diff(["x^2", "--wrt", "x", "--at", "2=1"]), naming: ["'2'"])
    }

    @Test func malformedVariableListNamesTheBadName() throws {
        expectRejected(try diff(["x^2", "--wrt", "x,2y"]), naming: ["'2y'"])
        expectRejected(try diff(["x^2", "--wrt", "x,x"]), naming: ["'x'", "twice"])
    }

    @Test func orderOutsideOneToFourIsRejected() throws {
        for order in ["0", "5", "-1"] {
            expectRejected(try diff(["x^2", "--wrt", "x", "--order", order]), naming: ["order"])
        }
    }

    @Test func plotWithoutAPointIsRejected() throws {
        expectRejected(try diff(["x^2", "--wrt", "x", "--plot-error", "/tmp/never.svg"]), naming: ["--at"])
    }
}
