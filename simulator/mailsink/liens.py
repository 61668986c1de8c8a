"""A mail's text as HTML for the sink's page: everything escaped, its http(s) URLs links.

Anyone can send SMTP to the sink, so the text is hostile: it is escaped whole, and only
what starts with `http://` or `https://` becomes an `<a href>`. Jinja's own `urlize` is
not used: it also links `www.…` and e-mail addresses (`mailto:`), and keeps the French
closing quote « » » in the link.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# A URL stops at white space (no-break spaces of French typography included), at a quote
# or angle bracket, and at French quotes; the look-behind keeps `xhttp://` and
# `git+https://` unlinked rather than linking their tail.
URL = re.compile(r"(?<![\w+.-])https?://[^\s<>\"'«»`]+")
# Punctuation that ends a sentence rather than the URL.
_FIN_DE_PHRASE = ".,;:!?"
_FERMANTES = {")": "(", "]": "["}


def _sans_ponctuation_finale(url: str) -> str:
    """The URL without the sentence's punctuation after it: full stop, comma…, and any
    closing bracket the URL did not open (`…/Jeton_(essai)` keeps its own). Brackets are
    counted once, so a hostile run of `)` costs linear time, not quadratic."""
    restantes = {fermante: url.count(fermante) for fermante in _FERMANTES}
    ouvertes = {fermante: url.count(ouvrante) for fermante, ouvrante in _FERMANTES.items()}
    fin = len(url)
    while fin:
        dernier = url[fin - 1]
        if dernier in _FERMANTES:
            if restantes[dernier] <= ouvertes[dernier]:
                break
            restantes[dernier] -= 1
        elif dernier not in _FIN_DE_PHRASE:
            break
        fin -= 1
    return url[:fin]


def texte_avec_liens(texte: str) -> Markup:
    """The text HTML-escaped, each http(s) URL in it a link whose text is the URL."""
    morceaux: list[str] = []
    fait = 0
    for trouve in URL.finditer(texte):
        url = _sans_ponctuation_finale(trouve.group())
        if not url.partition("://")[2]:  # a scheme with nothing after it is not a link
            continue
        debut = trouve.start()
        morceaux.append(escape(texte[fait:debut]))
        # No target: the link opens in the same tab. No Referer: the sink's address is
        # none of the linked site's business.
        morceaux.append(f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>')
        fait = debut + len(url)
    morceaux.append(escape(texte[fait:]))
    return Markup("".join(morceaux))
