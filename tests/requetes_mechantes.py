"""What a bad request is, for the robustness tests: Hypothesis strategies that draw any
query, body, content type and cookie for one route of a target, half of them as from a
logged-in voter's own browser (its CSRF token, nearly every field, each with a bad value)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from hypothesis import strategies as st
from starlette.testclient import TestClient

from simulator.asgi.garde import TAILLE_MAX_CORPS
from simulator.web.sessions import COOKIE_NAME

CHAMPS = (
    "csrf", "identifiant", "captcha", "mot_de_passe", "confirmation", "question", "reponse",
    "confirmation_reponse", "action", "depuis", "code_vote", "liste", "empreinte",
)  # fmt: skip
PARAMETRES = (
    "jeton", "scrutin", "empreinte", "le", "deconnecte", "start", "limit", "query", "wait",
)  # fmt: skip
MECHANTS = (
    "", " ", "é", "１２３４５６", "٣٤٥", "NaN", "nan", "inf", "-inf", "1e999", "-1", "0",
    "9" * 400, "\x00", "%ff", "'; DROP TABLE voters;--", "<script>alert(1)</script>",
    "a" * 2000, "ZZZZ-ZZZZ-ZZZZ", "activer", "sans_activation", "nouveau_captcha",
    "mot-de-passe", "to:", "to:x@ac-reims.fr", "{}", "[]", "null",
)  # fmt: skip
TYPES = (
    None,
    "application/x-www-form-urlencoded",
    "application/json",
    "multipart/form-data; boundary=frontiere",
    "multipart/form-data",
    "text/plain; charset=latin-1",
    "application/octet-stream",
)

# Text that can travel in a URL or a form (no lone surrogates: they have no UTF-8).
texte = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
mechant = st.one_of(st.sampled_from(MECHANTS), texte)
json_mechant = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        mechant,
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texte, inner, max_size=4),
    max_leaves=8,
)


def formulaire(draw: st.DrawFn, csrf: str | None, presence: float) -> bytes:
    """Every field a screen may read, each present with that probability and a bad value;
    a few unknown names; now and then a field sent twice; the CSRF token if given."""
    paires = [
        (c, draw(mechant)) for c in CHAMPS if c != "csrf" and draw(st.floats(0, 1)) < presence
    ]
    paires += draw(st.lists(st.tuples(texte, mechant), max_size=2))
    if paires and draw(st.integers(0, 9)) == 0:
        paires.append(paires[0])
    if csrf is not None:
        paires.insert(0, ("csrf", csrf))
    return urlencode(paires).encode()


@st.composite
def corps(draw: st.DrawFn, csrf: str) -> tuple[bytes | None, str | None]:
    """Anything: a form (the session's CSRF token or not), JSON (NaN and infinities as
    Python writes them), raw bytes (not UTF-8), a body past the size limit, or none,
    under any content type."""
    genre = draw(st.sampled_from(["formulaire", "json", "octets", "enorme", "aucun"]))
    type_ = draw(st.sampled_from(TYPES))
    if genre == "formulaire":
        jeton = csrf if draw(st.booleans()) else None
        return formulaire(draw, jeton, 0.5), type_ or "application/x-www-form-urlencoded"
    if genre == "json":
        valeur = draw(json_mechant | st.sampled_from([float("nan"), float("inf"), 1e308]))
        return json.dumps(valeur).encode(), type_
    if genre == "octets":
        return draw(st.binary(max_size=300)), type_
    if genre == "enorme":
        return b"a=" + b"x" * (TAILLE_MAX_CORPS + 10), type_
    return None, type_


@dataclass(frozen=True)
class Cible:
    """An app under test, and the cookies and CSRF token of a session it knows."""

    client: TestClient
    cookies: dict[str, str]
    csrf: str


@st.composite
def requete(
    draw: st.DrawFn, cible: Cible, chemin: str, methode: str, avec_get: bool
) -> dict[str, Any]:
    """One bad request for this route and method of the target."""
    chemin = re.sub(
        r"\{[^}]+\}",
        lambda _: str(draw(st.integers(min_value=0, max_value=10**25))),
        chemin,
    )
    parametres = draw(st.lists(st.tuples(st.sampled_from(PARAMETRES) | texte, mechant), max_size=4))
    if bool(cible.cookies) and draw(st.booleans()):
        # Half the requests come as from the voter's own browser: logged in, the page
        # loaded first (its CAPTCHA drawn, its step reached), the form with its CSRF
        # token and nearly every field, each with a bad value. They get past the CSRF
        # check to the rules behind it.
        return {
            "method": methode,
            "url": chemin,
            "params": parametres,
            "content": formulaire(draw, cible.csrf, 0.9) if methode != "GET" else None,
            "headers": {
                "content-type": "application/x-www-form-urlencoded",
                "cookie": "; ".join(f"{k}={v}" for k, v in cible.cookies.items()),
            },
            "avant": avec_get and methode != "GET",
        }
    contenu, type_ = draw(corps(cible.csrf))
    entetes: dict[str, str] = {}
    if type_ is not None:
        entetes["content-type"] = type_
    cookie = draw(st.sampled_from(["aucun", "session", "session", "session", "bidon", "enorme"]))
    if cookie == "session" and cible.cookies:
        entetes["cookie"] = "; ".join(f"{k}={v}" for k, v in cible.cookies.items())
    elif cookie == "bidon":
        entetes["cookie"] = f"{COOKIE_NAME}=%ff%00;;=;{COOKIE_NAME}=x"
    elif cookie == "enorme":
        entetes["cookie"] = f"{COOKIE_NAME}=" + "a" * 8000
    return {
        "method": methode,
        "url": chemin,
        "params": parametres,
        "content": contenu,
        "headers": entetes,
        # As a browser would: the form's page loaded first (its CAPTCHA drawn, its step
        # reached), then the bad post.
        "avant": avec_get and methode != "GET" and draw(st.booleans()),
    }
