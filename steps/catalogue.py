"""The catalogue of French step sentences, read from the step modules' source (no import).

`python -m steps.catalogue` (or `make steps`) prints every sentence QA can use, grouped
by section, with its parameters and what it does: the first paragraph of the step's
docstring, whole, wrapped to the terminal. Later paragraphs are notes for whoever
maintains the step, not shown.
"""

from __future__ import annotations

import ast
import re
import shutil
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

STEPS_DIR = Path(__file__).parent
# Widest line of a description: a full terminal's width reads badly, and the README's
# code blocks are about this wide.
WIDTH = 88
DESCRIPTION_INDENT = " " * 6
NO_BREAK = "\N{NO-BREAK SPACE}"
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
    """One step sentence: its keyword, its text, its parameters and what it does (the
    first paragraph of its docstring, on one line)."""

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


def description(docstring: str | None) -> str:
    """The first paragraph of a docstring (up to its first blank line), on one line."""
    paragraphs = re.split(r"\n\s*\n", (docstring or "").strip(), maxsplit=1)
    return " ".join(paragraphs[0].split())


def phrases_of(path: Path) -> list[Phrase]:
    """The step sentences defined in one module, in source order."""
    found: list[Phrase] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef):
            continue
        doc = description(ast.get_docstring(node))
        for decorator in node.decorator_list:
            if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Name)):
                continue
            if decorator.func.id not in KEYWORDS or not decorator.args:
                continue
            text = _sentence(decorator.args[0])
            if text is None:
                continue
            params = tuple(re.findall(r"\{(\w+)(?::[^}]*)?\}", text))
            found.append(Phrase(KEYWORDS[decorator.func.id], text, params, doc))
    return sorted(found, key=lambda p: list(KEYWORDS.values()).index(p.keyword))


def catalogue() -> list[tuple[str, list[Phrase]]]:
    """Every section with its sentences."""
    return [(title, phrases_of(STEPS_DIR / f"{module}.py")) for module, title in SECTIONS]


def _wrapped(text: str, width: int) -> list[str]:
    """A description in lines of at most `width` columns, indented under its phrase."""
    # French puts a space before « : ; ? ! » and inside « » : tied to their word for the
    # wrapping (no line starting with « : »), then given back as plain spaces.
    tied = re.sub(r" (?=[:;?!»])|(?<=«) ", NO_BREAK, text)
    lines = textwrap.wrap(
        tied,
        width,
        initial_indent=DESCRIPTION_INDENT,
        subsequent_indent=DESCRIPTION_INDENT,
        # Neither a path (steps/besoins.py) nor a hyphenated word cut in two.
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(NO_BREAK, " ") for line in lines]


def render(width: int = WIDTH) -> str:
    """The catalogue as text for a terminal, descriptions wrapped to `width` columns."""
    lines = [
        "Catalogue des phrases ; <paramètre> : la valeur à écrire à sa place,",
        "entre les guillemets que la phrase montre.",
        "",
    ]
    total = 0
    for title, phrases in catalogue():
        lines.append(f"## {title}")
        for phrase in phrases:
            total += 1
            shown = re.sub(r"\{(\w+)(?::[^}]*)?\}", r"<\1>", phrase.text)
            lines.append(f"  {phrase.keyword} {shown}")
            if phrase.doc:
                lines += _wrapped(phrase.doc, width)
        lines.append("")
    lines.append(f"{total} phrases.")
    return "\n".join(lines)


def main() -> int:
    """Print the catalogue, as wide as the terminal up to WIDTH (WIDTH in a pipe)."""
    columns = shutil.get_terminal_size((WIDTH, 24)).columns
    sys.stdout.write(render(max(min(columns, WIDTH), 40)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
