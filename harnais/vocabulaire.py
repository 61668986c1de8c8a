"""The portal's wording and paths as the harness knows them, read from one TOML file.

`vocabulaire()` is the one in force in this process: the reference wording
(`harnais/vocabulaire.toml`) unless `utiliser(FICHIER)` swapped in another portal's, as
pytest's and Locust's `--vocabulaire` do at start-up. A swapped-in file only names the
keys that differ; an unknown section or key, or a value of the wrong kind, is refused
with its name, so that a typo never silently keeps the reference wording.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from harnais.profil import Absence, ProfilInvalide, lire_absences
from harnais.vocabulaire_obsolete import sans_obsoletes

REFERENCE = Path(__file__).with_name("vocabulaire.toml")


class VocabulaireInvalide(ValueError):
    """The vocabulary file cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Chemins:
    """Paths of the portal's screens."""

    accueil: str
    aide: str
    identification: str
    mot_de_passe: str
    reassort: str
    lien_reassort: str
    initialisation: str
    activation: str
    espace: str
    deconnexion: str
    captcha_image: str


@dataclass(frozen=True)
class Champs:
    """Labels of the inputs, as a browser names them."""

    identifiant: str
    captcha: str
    mot_de_passe: str
    nouveau_mot_de_passe: str
    confirmation: str
    defi: str
    reponse: str
    confirmation_reponse: str


@dataclass(frozen=True)
class Boutons:
    """Texts of the buttons."""

    connexion: str
    retour: str
    nouveau_captcha: str
    reassort: str
    activer: str
    sans_activation: str
    deconnexion: str


@dataclass(frozen=True)
class Liens:
    """Texts of the links."""

    acceder: str
    aide: str
    captcha_audio: str
    identifiant_oublie: str
    nouveau_lien: str
    evitement: str
    declaration_accessibilite: str


@dataclass(frozen=True)
class Titres:
    """Headings, named lists and images that mark a screen."""

    election: str
    aide: str
    aide_identifiant: str
    mot_de_passe: str
    initialisation: str
    espace: str
    scrutins: str
    captcha: str


@dataclass(frozen=True)
class Messages:
    """Words that tell which screen or outcome was reached."""

    page_identification: str
    mail_envoye: str
    captcha_errone: str
    identifiants_incorrects: str
    verrouille: str
    reassort_requis: str
    page_activation: str
    regles_mot_de_passe: tuple[str, ...]
    identifiant_obligatoire: str
    captcha_obligatoire: str
    aide_identifiant: str
    lien_deja_utilise: str
    lien_expire: str
    lien_remplace: str
    confirmation_differente: str
    reponses_differentes: str
    reponse_manquante: str
    deconnecte: str
    refus_longueur: str
    refus_minuscule: str
    refus_majuscule: str
    refus_chiffre: str
    refus_special: str
    refus_caracteres: str


@dataclass(frozen=True)
class Vote:
    """The vote's paths, labels, buttons, outcomes and patterns."""

    chemin: str
    chemin_scrutins: str
    chemin_scrutin: str
    chemin_reassort_code: str
    chemin_verification: str
    chemin_tableau: str
    lien_je_vote: str
    champ_code: str
    bouton_valider_code: str
    lien_reassort_code: str
    champ_reponse_defi: str
    bouton_nouveau_code: str
    titre_scrutins: str
    groupe_listes: str
    bouton_je_veux_voter: str
    bouton_je_vote: str
    lien_modifier: str
    titre_accuse: str
    lien_preuve: str
    lien_autre_scrutin: str
    lien_retour_espace: str
    etat_a_vote: str
    champ_empreinte: str
    bouton_verifier: str
    titre_tableau: str
    lien_tableau_suivant: str
    code_incorrect: str
    code_bloque: str
    deja_vote: str
    non_ouvert: str
    clos: str
    sans_defi: str
    nouveau_code_envoye: str
    bulletin_compte: str
    bulletin_absent: str
    motif_empreinte: str
    motif_code_mail: str


S = TypeVar("S")

SECTIONS: dict[str, type[Any]] = {
    "chemins": Chemins,
    "champs": Champs,
    "boutons": Boutons,
    "liens": Liens,
    "titres": Titres,
    "messages": Messages,
    "vote": Vote,
}


@dataclass(frozen=True)
class Vocabulaire:
    """Everything the harness reads of a portal's wording, by section."""

    source: str
    chemins: Chemins
    champs: Champs
    boutons: Boutons
    liens: Liens
    titres: Titres
    messages: Messages
    vote: Vote
    # What this portal declares it does not have (harnais/profil.py), by capability.
    absences: dict[str, Absence] = field(default_factory=dict)

    def motif_lien_reassort(self) -> re.Pattern[str]:
        """The réassort link in a mail's text: an absolute URL on the link's path."""
        return re.compile(
            rf"https?://[^\s<>\"']+{re.escape(self.chemins.lien_reassort)}[^\s<>\"']*"
        )


def lire_toml(path: Path) -> dict[str, Any]:
    """A vocabulary file's TOML as written, before any check (`charger` checks it), or
    VocabulaireInvalide naming the file when it cannot be read or parsed."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise VocabulaireInvalide(f"vocabulaire {path} illisible : {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise VocabulaireInvalide(f"vocabulaire {path} : TOML invalide ({exc})") from exc


def _section(source: Path, nom: str, kind: type[S], base: dict[str, Any], donnees: Any) -> S:
    if not isinstance(donnees, dict):
        raise VocabulaireInvalide(f"vocabulaire {source} : [{nom}] doit être une table")
    attendues = {f.name: f for f in fields(kind)}  # type: ignore[arg-type]
    inconnues = sorted(set(donnees) - set(attendues))
    if inconnues:
        raise VocabulaireInvalide(
            f"vocabulaire {source} : clé(s) inconnue(s) dans [{nom}] : {', '.join(inconnues)} "
            f"(connues : {', '.join(attendues)})"
        )
    valeurs = {**base, **donnees}
    for cle, champ in attendues.items():
        if cle not in valeurs:
            raise VocabulaireInvalide(f"vocabulaire {source} : [{nom}] {cle} manque")
        valeur = valeurs[cle]
        if champ.type == "tuple[str, ...]":
            if not isinstance(valeur, list) or not all(isinstance(v, str) for v in valeur):
                raise VocabulaireInvalide(
                    f"vocabulaire {source} : [{nom}] {cle} doit être une liste de textes"
                )
            valeurs[cle] = tuple(valeur)
        elif not isinstance(valeur, str) or not valeur:
            raise VocabulaireInvalide(
                f"vocabulaire {source} : [{nom}] {cle} doit être un texte non vide"
            )
    return kind(**valeurs)


def charger(path: Path | None = None) -> Vocabulaire:
    """The reference vocabulary, with the keys of `path` (another portal's) laid over it;
    keys of older vocabularies that no longer mean anything are ignored with a warning."""
    reference = lire_toml(REFERENCE)
    source = path or REFERENCE
    autre = sans_obsoletes(source, lire_toml(path)) if path is not None else {}
    inconnues = sorted(set(autre) - set(SECTIONS) - {"absences"})
    if inconnues:
        raise VocabulaireInvalide(
            f"vocabulaire {source} : section(s) inconnue(s) : {', '.join(inconnues)} "
            f"(connues : {', '.join([*SECTIONS, 'absences'])})"
        )
    sections = {
        nom: _section(source, nom, kind, reference[nom], autre.get(nom, {}))
        for nom, kind in SECTIONS.items()
    }
    try:
        absences = lire_absences(source, autre.get("absences", {}))
    except ProfilInvalide as exc:
        raise VocabulaireInvalide(str(exc)) from None
    return Vocabulaire(source=str(source), absences=absences, **sections)


_en_vigueur: Vocabulaire | None = None


def utiliser(path: Path | None) -> Vocabulaire:
    """Put the vocabulary of `path` (None: the reference) in force in this process."""
    global _en_vigueur
    _en_vigueur = charger(path)
    return _en_vigueur


def vocabulaire() -> Vocabulaire:
    """The vocabulary in force in this process."""
    global _en_vigueur
    if _en_vigueur is None:
        _en_vigueur = charger()
    return _en_vigueur


if __name__ == "__main__":
    # `python -m harnais.vocabulaire FICHIER`: the keys a file sets and those it leaves.
    from harnais.vocabulaire_ecarts import main

    raise SystemExit(main())
