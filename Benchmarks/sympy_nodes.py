#!/usr/bin/env python3
"""SymPy's size of the derivatives the symbolic benchmark measures, for side-by-side comparison.

Usage: sympy_nodes.py NAME EXPRESSION VARIABLES [NAME EXPRESSION VARIABLES ...]
VARIABLES is a comma-separated list; the gradient with respect to them is measured together.
Prints one tab-separated line per case:
    name  count_ops  tree_nodes  dag_nodes  simplified_tree_nodes (or '-' if simplify timed out)
where tree_nodes counts every node of the expression trees written out and dag_nodes counts
distinct subexpressions once (SymPy hashes structurally), matching Expression.treeSize and
Expression.nodeCount.
"""
import signal
import sys

import sympy

SIMPLIFY_SECONDS = 10


def tree_nodes(exprs):
    return sum(1 for e in exprs for _ in sympy.preorder_traversal(e))


def dag_nodes(exprs):
    return len({node for e in exprs for node in sympy.preorder_traversal(e)})


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def main(argv):
    if len(argv) % 3 != 0 or not argv:
        sys.exit("usage: sympy_nodes.py NAME EXPRESSION VARIABLES [...]")
    signal.signal(signal.SIGALRM, on_alarm)
    for i in range(0, len(argv), 3):
        name, text, variables = argv[i], argv[i + 1], argv[i + 2].split(",")
        expr = sympy.sympify(text.replace("^", "**"))
        gradient = [sympy.diff(expr, sympy.Symbol(v)) for v in variables]
        ops = sum(sympy.count_ops(g) for g in gradient)
        simplified = "-"
        signal.alarm(SIMPLIFY_SECONDS)
        try:
            simplified = str(tree_nodes([sympy.simplify(g) for g in gradient]))
        except Timeout:
            pass
        finally:
            signal.alarm(0)
        print(f"{name}\t{ops}\t{tree_nodes(gradient)}\t{dag_nodes(gradient)}\t{simplified}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
