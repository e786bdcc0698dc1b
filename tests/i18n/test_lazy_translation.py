"""One lazy-translation style in app/: ``N_()`` constants, never ``lambda: _("...")``.

A message marked with ``N_()`` is translated where it is shown; a lambda around ``_()``
was the second way of doing the same, and issue 10 removed the ~50 of them. Words that
are computed when shown (counts, dates, formatted messages) stay in named functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).parents[2] / "app"


def _lazy_lambdas(tree: ast.AST) -> list[int]:
    """Lines of lambdas that call ``_()`` on a string literal."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Lambda):
            continue
        for inner in ast.walk(node.body):
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Name)
                and inner.func.id == "_"
                and inner.args
                and isinstance(inner.args[0], ast.Constant)
                and isinstance(inner.args[0].value, str)
            ):
                lines.append(node.lineno)
                break
    return lines


def test_the_check_sees_a_lazy_lambda():
    source = 'name = lambda: _("Phase")\nother = lambda: _("A {x}").format(x=1)\n'
    assert _lazy_lambdas(ast.parse(source)) == [1, 2]
    assert _lazy_lambdas(ast.parse('name = N_("Phase")\nf = lambda: _(name)\n')) == []


def test_app_translates_lazily_only_with_n_():
    found = [
        f"{path.relative_to(APP.parent)}:{line}"
        for path in sorted(APP.rglob("*.py"))
        for line in _lazy_lambdas(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, "use an N_() constant instead of lambda: _(...) at " + ", ".join(found)
