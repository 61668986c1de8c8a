"""The harness's mail waits come from one place, each overridable by its variable, and a
bad value is refused in French rather than read as zero."""

from __future__ import annotations

import pytest

from harnais.courrier import Attentes, Mailbox
from harnais.courrier.attentes import AttenteInvalide


def test_the_waits_default_and_follow_their_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """10 s for a scenario and 300 s for a load run by default; `MAIL_ATTENTE_S` and
    `MAIL_ATTENTE_CHARGE_S` change them, and a client without its own timeout uses them."""
    monkeypatch.delenv("MAIL_ATTENTE_S", raising=False)
    monkeypatch.delenv("MAIL_ATTENTE_CHARGE_S", raising=False)
    assert (Attentes.depuis_environnement().scenario_s, Attentes().charge_s) == (10.0, 300.0)
    monkeypatch.setenv("MAIL_ATTENTE_S", "2,5")
    monkeypatch.setenv("MAIL_ATTENTE_CHARGE_S", "60")
    attentes = Attentes.depuis_environnement()
    assert (attentes.scenario_s, attentes.charge_s) == (2.5, 60.0)
    boite = Mailbox("http://127.0.0.1:9")
    assert boite.timeout == 2.5
    boite.close()


@pytest.mark.parametrize("valeur", ["0", "-3", "dix", "7200"])
def test_a_bad_wait_is_refused_with_its_variable(
    monkeypatch: pytest.MonkeyPatch, valeur: str
) -> None:
    """Zero, negative, not a number, or more than an hour: refused, naming the variable."""
    monkeypatch.setenv("MAIL_ATTENTE_S", valeur)
    with pytest.raises(AttenteInvalide, match=r"MAIL_ATTENTE_S=.*entre 0 et 3600"):
        Attentes.depuis_environnement()
