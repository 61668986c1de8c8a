"""The states of a test account, and how what a scenario saw on screen changes them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from harnais.regles import CODE_BLOQUE_S, ECHECS_AVANT_VERROU, ECHECS_TOLERES, duree_verrou_s

# The states an account may be left in.
ETATS = ("nouveau", "actif", "a_reinitialiser", "sans_activation", "verrouille", "incertain")
LIBELLES = {
    "nouveau": "jamais utilisé",
    "actif": "activé, mot de passe connu",
    "a_reinitialiser": "à réinitialiser par le réassort",
    "sans_activation": "entré sans activation",
    "verrouille": "verrouillé",
    "incertain": "état inconnu (scénario en échec après un envoi, avant tout écran reconnu)",
}


@dataclass(frozen=True)
class Electeur:
    """A voter one scenario uses, with the secrets the harness knows of it."""

    email: str
    state: str
    # Secrets are left out of the repr: a failing scenario prints its context, which ends
    # up in CI logs and JUnit files.
    password: str | None = field(repr=False)
    question: str | None
    answer: str | None = field(repr=False)
    # The code de vote: from the voter hook, or derived from the list's secret (or the
    # last one a réassort mailed, kept in the ledger).
    code_vote: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class EtatCompte:
    """What the ledger knows of one account."""

    etat: str
    mot_de_passe: str | None = field(default=None, repr=False)
    echecs: int = 0
    verrous: int = 0
    jusqu_a: float = 0.0
    pris: bool = False
    # The vote: a ballot cast (the account no longer serves a scenario that votes), the
    # code de vote a réassort mailed, wrong codes typed and the code's lock.
    a_vote: bool = False
    code_vote: str | None = field(default=None, repr=False)
    # The answer to the défi of an account a scenario activated (a code de vote réassort
    # asks for it); None while the account's answer is the derived one.
    reponse: str | None = field(default=None, repr=False)
    echecs_code: int = 0
    code_bloque_jusqu_a: float = 0.0

    def votant(self, maintenant: float) -> bool:
        """Whether this account can still vote in a scenario: active, no ballot cast,
        its code de vote neither locked nor close to it."""
        return (
            not self.a_vote
            and self.code_bloque_jusqu_a <= maintenant
            and self.echecs_code <= ECHECS_TOLERES
        )

    def disponible(self, maintenant: float) -> str | None:
        """The state this account can be handed out in now, or None."""
        if self.pris or self.etat == "incertain":
            return None
        if self.etat == "verrouille":
            return "actif" if self.jusqu_a <= maintenant and self.mot_de_passe else None
        return self.etat


def etat_apres(
    avant: EtatCompte, evenements: list[tuple[str, str | None]], maintenant: float
) -> EtatCompte:
    """The account's state once a scenario did, in order, what `evenements` say.

    Events are what the steps saw on the screen: `echec` (a wrong password refused),
    `verrou` (the lock message), `connexion` (the voter space reached with a password),
    `reassort` (a link asked for), `initialise` (a new password accepted, with it),
    `active` and `sans_activation` (the voter space reached by either button); for the
    vote, `vote` (a receipt seen), `code_echec` (a wrong code de vote refused),
    `code_bloque` (the code's lock message), `code_vote` (a new code received, with it).
    `vu` (the account's own screen reached, nothing changed) and `envoi` (a form sent,
    its answer not read yet) change nothing here: see `etat_rendu`.
    """
    etat = replace(avant, pris=False)
    choisi: str | None = None

    def verrouiller(e: EtatCompte) -> EtatCompte:
        verrous = e.verrous + 1
        return replace(
            e,
            etat="verrouille",
            echecs=0,
            verrous=verrous,
            jusqu_a=maintenant + duree_verrou_s(verrous),
        )

    def bloquer_code(e: EtatCompte) -> EtatCompte:
        return replace(e, echecs_code=0, code_bloque_jusqu_a=maintenant + CODE_BLOQUE_S)

    for quoi, valeur in evenements:
        if quoi == "echec" and etat.etat != "verrouille":
            etat = replace(etat, echecs=etat.echecs + 1)
            if etat.echecs >= ECHECS_AVANT_VERROU:
                etat = verrouiller(etat)
        elif quoi == "verrou" and etat.etat != "verrouille":
            etat = verrouiller(etat)
        elif quoi == "connexion":
            etat = replace(etat, etat="actif", echecs=0, jusqu_a=0.0)
        elif quoi in ("reassort", "initialise"):
            # What a portal does with the old password before activation is its own
            # business: the account needs a réassort before it is trusted again.
            choisi = valeur if quoi == "initialise" else choisi
            if etat.etat != "verrouille":
                etat = replace(etat, etat="a_reinitialiser", mot_de_passe=None)
        elif quoi == "active":
            etat = replace(etat, etat="actif", mot_de_passe=choisi, echecs=0, reponse=valeur)
        elif quoi == "sans_activation":
            etat = replace(etat, etat="sans_activation", mot_de_passe=None)
        elif quoi == "vote":
            etat = replace(etat, a_vote=True)
        elif quoi == "code_echec":
            etat = replace(etat, echecs_code=etat.echecs_code + 1)
            if etat.echecs_code >= ECHECS_AVANT_VERROU:
                etat = bloquer_code(etat)
        elif quoi == "code_bloque":
            etat = bloquer_code(etat)
        elif quoi == "code_vote":
            etat = replace(etat, code_vote=valeur, echecs_code=0)
    utilise = any(quoi not in ("vu", "envoi") for quoi, _ in evenements)
    if avant.etat == "nouveau" and utilise and etat.etat == "nouveau":
        etat = replace(etat, etat="a_reinitialiser")  # used: no longer « never used »
    return etat


def etat_rendu(
    avant: EtatCompte,
    evenements: list[tuple[str, str | None]],
    reussi: bool,
    maintenant: float,
    envoye: bool = True,
) -> EtatCompte:
    """What the ledger records when a scenario gives its account back.

    A passed scenario leaves the state its events lead to. A failed one leaves the last
    state it saw on screen, the same way: every event is noted only once the screen
    showed it, so a failure after them changed nothing the harness could have seen.
    A form sent whose answer the failure left unread (`envoi`, last) is taken at its
    worst: a password refused, a ballot cast, a code de vote refused. A scenario that
    failed before sending anything with the account (`envoye` false: no form submitted,
    say a label of the home page not found) gives it back in the state it had: the
    portal never heard of it. Only a scenario that sent something and then failed before
    seeing anything leaves the account `incertain`.
    """
    if not reussi and evenements and evenements[-1][0] == "envoi":
        pire = PIRE_REPONSE.get(evenements[-1][1] or "")
        evenements = [*evenements[:-1], *([(pire, None)] if pire else [])]
    if reussi or evenements:
        return etat_apres(avant, evenements, maintenant)
    if not envoye:
        return replace(avant, pris=False)
    return EtatCompte("incertain", echecs=avant.echecs, verrous=avant.verrous)


# The worst answer a form sent could have had, by what it sent (`envoi` events).
PIRE_REPONSE = {"mot_de_passe": "echec", "bulletin": "vote", "code_vote": "code_echec"}
