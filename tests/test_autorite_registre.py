"""The credential authority replaces only a credential it gave that voter (its register,
simulator/autorite/registre.py): the portal's host, who holds the key shared with the
authority, cannot have another voter's credential handed to a colluding voter's new code —
that code would then vote in the other voter's place, under a genuine signature."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from chiffrement.credentials_publiques import lire_credentials
from chiffrement.signature_autorite import verifier_remplacement
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from harnais.courrier import Mailbox
from simulator.asgi.signature import entetes_signes, lire_cle
from simulator.autorite.processus import AutoriteProcess
from simulator.autorite.registre import REGISTRE, RegistreReassorts
from simulator.commandes.demonstration import Demonstration, sceller_demonstration
from simulator.mailsink import MailSink
from simulator.vote.parametres_publics import lire_parametres_publies

SECRET = "secret-du-registre"


def test_the_register_keeps_what_it_was_given_and_what_it_issued(tmp_path: Path) -> None:
    """The notice's credentials, then each réassort's, kept across a restart (file mode
    600); a line cut by a crash is dropped, and the next one is written whole."""
    chemin = tmp_path / "autorite" / REGISTRE
    registre = RegistreReassorts({"a@ac-lyon.fr": "ga"}, chemin)
    registre.ajouter("a@ac-lyon.fr", "ga2")
    registre.fermer()
    assert chemin.stat().st_mode & 0o777 == 0o600
    with chemin.open("a", encoding="utf-8") as fichier:
        fichier.write('{"electeur": "b@ac-lyon.fr", "cred')  # cut by a crash
    relu = RegistreReassorts({"a@ac-lyon.fr": "ga", "b@ac-lyon.fr": "gb"}, chemin)
    assert relu.donnee_a("a@ac-lyon.fr", "ga") and relu.donnee_a("a@ac-lyon.fr", "ga2")
    assert not relu.donnee_a("a@ac-lyon.fr", "gb") and not relu.donnee_a("c@ac-lyon.fr", "ga")
    relu.ajouter("b@ac-lyon.fr", "gb2")
    relu.fermer()
    lignes = chemin.read_text(encoding="utf-8").splitlines()
    assert [json.loads(ligne)["credential"] for ligne in lignes] == ["ga2", "gb2"]


@pytest.fixture(scope="module")
def demonstration(tmp_path_factory: pytest.TempPathFactory) -> Demonstration:
    """A roll sealed by a demonstration bureau, its credentials derived by the authority."""
    dossier = tmp_path_factory.mktemp("registre")
    liste = dossier / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=6, seed=5, actif_share=1.0), liste)
    return sceller_demonstration(
        dossier / "p.sqlite3", dossier / "scellement", liste, SECRET, iterations=100
    )


@pytest.fixture
def autorite(demonstration: Demonstration, sink: MailSink) -> Iterator[AutoriteProcess]:
    """The authority's service in its own process, with its credentials file."""
    assert demonstration.credentials is not None
    service = AutoriteProcess(
        demonstration.publication,
        demonstration.cle_autorite,
        None,
        demonstration.credentials,
    )
    with service.start(sink.smtp_port):
        yield service


def test_a_replacement_of_another_voter_s_credential_is_refused(
    demonstration: Demonstration, autorite: AutoriteProcess, mailbox: Mailbox
) -> None:
    """Signed by the portal's key, for voter A but naming B's credential: 409, no code
    mailed. Naming A's own: a new code mailed to A, the replacement signed; and A's next
    réassort may name that new credential."""
    assert demonstration.credentials is not None
    publiques = lire_credentials(demonstration.credentials)
    parametres = lire_parametres_publies(demonstration.publication)
    a, b = sorted(publiques.credentials)[:2]
    cle = lire_cle(demonstration.cle_autorite)

    def demander(remplace: str | None) -> httpx.Response:
        corps = json.dumps(
            {"electeur": a, "nom": "A", "parametres": parametres.empreinte, "remplace": remplace}
        ).encode()
        return httpx.post(
            f"{autorite.url}/reassort", content=corps, headers=entetes_signes(cle, corps)
        )

    for intrus in (publiques.credentials[b], None):
        refus = demander(intrus)
        assert refus.status_code == 409, refus.text
        assert "n'est pas une de celles que l'autorité a données" in refus.json()["erreur"]
    assert mailbox.count(a) == 0
    accepte = demander(publiques.credentials[a])
    assert accepte.status_code == 200, accepte.text
    reponse = accepte.json()
    assert publiques.cle_autorite is not None
    verifier_remplacement(
        publiques.cle_autorite,
        parametres.empreinte,
        publiques.credentials[a],
        reponse["credential"],
        reponse["signature"],
    )
    assert mailbox.wait_for_mail(a).code_vote() is not None
    assert demander(reponse["credential"]).status_code == 200
