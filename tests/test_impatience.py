"""How an impatient voter reads a screen before reloading it: by what the page says in
the portal's own words (its vocabulary), never by the HTTP status."""

from __future__ import annotations

from pathlib import Path

from harnais.ecran import Ecran
from harnais.vocabulaire import charger, vocabulaire
from load.impatience import lien_refuse, relancable

TIERS = Path(__file__).resolve().parent / "portail_tiers" / "vocabulaire.toml"


def _ecran(corps: str, statut: int = 200) -> Ecran:
    html = f"<html><head><title>Portail</title></head><body><main>{corps}</main></body></html>"
    return Ecran(statut, "http://127.0.0.1/x", html)


def test_a_blank_page_or_an_error_page_is_reloaded_whatever_its_status() -> None:
    """Nothing came (a client timeout gives an empty page), a rate limit's page, a proxy's
    page: reloaded, with a status of 200 as with one of 503."""
    voc = vocabulaire()
    assert relancable(Ecran(0, "http://127.0.0.1/x", ""), voc)
    trop = "<h1>Trop de tentatives</h1><p>Patientez quelques minutes avant de réessayer.</p>"
    assert relancable(_ecran(trop, 429), voc)
    assert relancable(_ecran("<h1>Service Unavailable</h1>", 200), voc)


def test_a_refusal_in_the_portals_words_is_not_reloaded_whatever_its_status() -> None:
    """A wrong CAPTCHA, a link expired, a code blocked: the voter reads it and does not
    send the same thing again, even when the portal answers it with a 500."""
    voc = vocabulaire()
    for message in (
        voc.messages.captcha_errone,
        voc.messages.lien_expire,
        voc.vote.code_bloque,
    ):
        assert not relancable(_ecran(f"<p role='alert'>Erreur : {message}</p>", 500), voc)


def test_a_refused_link_is_told_by_the_portals_own_words() -> None:
    """The third-party portal words its refusals otherwise: read with its vocabulary, its
    page is a refused link; read with ours, it is not (and would be reloaded)."""
    tiers = charger(TIERS)
    page = _ecran(f"<h1>Lien</h1><p>{tiers.messages.lien_remplace}</p>", 410)
    assert lien_refuse(page, tiers) and not relancable(page, tiers)
    assert not lien_refuse(page, vocabulaire()) and relancable(page, vocabulaire())
    assert lien_refuse(_ecran(f"<p>{vocabulaire().messages.lien_expire}</p>"), vocabulaire())
