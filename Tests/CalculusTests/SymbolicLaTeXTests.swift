import Calculus
import Testing

@Suite struct SymbolicLaTeXTests {
    @Test(arguments: [
        ("x^2*sin(y)", "x^{2} \\sin\\left(y\\right)"),
        ("exp(-x)/2", "\\frac{e^{-x}}{2}"),
        ("sqrt(x + 1)", "\\sqrt{x + 1}"),
        ("2*3^x", "2 \\cdot 3^{x}"),
        ("asin(x)", "\\arcsin\\left(x\\right)"),
        ("abs(x)", "\\left|x\\right|"),
        ("x/(y + 1)", "\\frac{x}{y + 1}"),
        ("pi*x", "\\pi x"),
        ("x^(1/2)", "x^{\\frac{1}{2}}"),
    ])
    func rendersLaTeX(text: String, latex: String) throws {
        #expect(try Expression(parsing: text).latex == latex)
    }
}
