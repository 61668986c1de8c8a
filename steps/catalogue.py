"""The catalogue of French step sentences, read from the step modules' source (no import).

`python -m steps.catalogue` (or `make steps`) prints every sentence QA can use, grouped
by section, with its parameters and what it does.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

STEPS_DIR = Path(__file__).parent
KEYWORDS = {"given": "Étant donné", "when": "Quand", "then": "Alors"}
# Section order follows the voter guide.
SECTIONS = [
    ("communs", "Phrases communes"),
    ("acces", "Accès au portail et aide"),
    ("identification", "Identification"),
    ("mot_de_passe", "Mot de passe Élections"),
    ("reassort", "Réassort"),
    ("initialisation", "Initialisation du mot de passe"),
    ("activation", "Activation du compte"),
    ("espace", "Espace électeur"),
    ("courrier", "Pannes de messagerie"),
    ("periode", "La période de vote"),
    ("code_vote", "Le code de vote"),
    ("vote", "Le vote"),
    ("verification", "Tableau public, dépouillement et vérificateur"),
    ("accessibilite", "Accessibilité"),
]


@dataclass(frozen=True)
class Phrase:
    """One step sentence: its keyword, its text, its parameters and its docstring."""

    keyword: str
    text: str
    parameters: tuple[str, ...]
    doc: str


def _sentence(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    # parsers.parse("…")
    if isinstance(node, ast.Call) and node.args:
        return _sentence(node.args[0])
    return None


def phrases_of(path: Path) -> list[Phrase]:
    """The step sentences defined in one module, in source order."""
    found: list[Phrase] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef):
            continue
        doc = (ast.get_docstring(node) or "").splitlines()[0:1]
        for decorator in node.decorator_list:
            if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Name)):
                continue
            if decorator.func.id not in KEYWORDS or not decorator.args:
                continue
            text = _sentence(decorator.args[0])
            if text is None:
                continue
            params = tuple(re.findall(r"\{(\w+)(?::[^}]*)?\}", text))
            found.append(Phrase(KEYWORDS[decorator.func.id], text, params, doc[0] if doc else ""))
    return sorted(found, key=lambda p: list(KEYWORDS.values()).index(p.keyword))


def catalogue() -> list[tuple[str, list[Phrase]]]:
    """Every section with its sentences."""
    return [(title, phrases_of(STEPS_DIR / f"{module}.py")) for module, title in SECTIONS]


def render() -> str:
    """The catalogue as text for a terminal."""
    lines = ["Catalogue des phrases (paramètres entre accolades, à écrire entre guillemets)", ""]
    total = 0
    for title, phrases in catalogue():
        lines.append(f"## {title}")
        for phrase in phrases:
            total += 1
            shown = re.sub(r"\{(\w+)(?::[^}]*)?\}", r"<\1>", phrase.text)
            lines.append(f"  {phrase.keyword} {shown}")
            if phrase.doc:
                lines.append(f"      {phrase.doc}")
        lines.append("")
    lines.append(f"{total} phrases.")
    return "\n".join(lines)


def main() -> int:
    """Print the catalogue."""
    sys.stdout.write(render() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
