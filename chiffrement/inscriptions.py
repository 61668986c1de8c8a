"""Which credential the public board inscribes for a voter, as the credential authority
vouches for it, without trusting whoever keeps the board or the portal's database.

A voter's first credential is the one the authority's public credentials file gives them
(chiffrement/credentials_publiques.py); each later one is a « credential » entry of the
board replacing the previous one, which holds only with the authority's signature over
this replacement (chiffrement/signature_autorite.py). The verifier checks every entry of
a board with `verifier_inscription` (verificateur.verifier_autorite); the portal, at each
deposit, follows a voter's chain with `Remplacements` (simulator/vote/inscriptions.py),
which sets aside an entry the verifier would refuse: a ballot the portal takes is then one
the count takes too (Belenios: one core library for the server and the verifier).
"""

from __future__ import annotations

from collections.abc import Mapping

from chiffrement.erreurs import DonneeInvalide, ErreurChiffrement, Incoherence
from chiffrement.signature_autorite import verifier_remplacement


def verifier_inscription(cle_autorite: str, parametres: str, contenu: Mapping[str, object]) -> None:
    """A credential entry written after the board's opening holds only with the
    authority's signature over (parameters' fingerprint, credential replaced, new
    credential). Raises an ErreurChiffrement saying what does not hold."""
    credential, remplace = contenu.get("credential"), contenu.get("remplace")
    if not isinstance(credential, str) or not (remplace is None or isinstance(remplace, str)):
        raise DonneeInvalide("credential : {credential, remplace} en texte attendu")
    verifier_remplacement(cle_autorite, parametres, remplace, credential, contenu.get("signature"))


def exiger_aval(
    cle_autorite: str, parametres: str, contenu: Mapping[str, object], ou: str = ""
) -> None:
    """`verifier_inscription`, its refusal an Incoherence (naming the entry `ou`)."""
    try:
        verifier_inscription(cle_autorite, parametres, contenu)
    except ErreurChiffrement as e:
        raise Incoherence(
            f"{ou + ' : ' if ou else ''}credential inscrite après l'ouverture sans l'aval de "
            f"l'autorité ({e}) : qui la tient peut voter à la place d'un électeur"
        ) from None


class Remplacements:
    """The board's replacements the authority signed, read entry by entry in the board's
    order: for each credential replaced, the one that replaced it. An entry without the
    authority's valid signature (or with no key to check it against), replacing a
    credential replaced already, or inscribing one twice, is set aside: the verifier
    refuses it."""

    def __init__(self, cle_autorite: str | None, parametres: str) -> None:
        """No replacement yet; `cle_autorite` is the key the authority's file names."""
        self.cle_autorite = cle_autorite
        self.parametres = parametres
        self.suivantes: dict[str, str] = {}
        self.ecartees: list[int] = []
        self._nouvelles: set[str] = set()

    def lire(self, hauteur: int, contenu: object) -> None:
        """One « credential » entry of the board, at `hauteur`. An entry that replaces
        nothing (a voter added after the opening) vouches for nothing here: only the
        authority's file does."""
        if not isinstance(contenu, dict) or contenu.get("remplace") is None:
            return
        try:
            if self.cle_autorite is None:
                raise DonneeInvalide("le fichier de l'autorité ne nomme pas sa clé")
            verifier_inscription(self.cle_autorite, self.parametres, contenu)
        except ErreurChiffrement:
            self.ecartees.append(hauteur)
            return
        remplace, credential = str(contenu["remplace"]), str(contenu["credential"])
        if remplace in self.suivantes or credential in self._nouvelles:
            self.ecartees.append(hauteur)  # the board's rule: one successor, inscribed once
            return
        self.suivantes[remplace] = credential
        self._nouvelles.add(credential)

    def courante(self, initiale: str) -> str:
        """The credential inscribed now in place of `initiale` (the authority's file's):
        `initiale` followed through the signed replacements."""
        courante, vues = initiale, {initiale}
        while (suivante := self.suivantes.get(courante)) is not None and suivante not in vues:
            courante = suivante
            vues.add(courante)
        return courante
