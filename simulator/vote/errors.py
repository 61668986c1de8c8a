"""Every refusal of the vote, each with the French message shown to the voter and the
HTTP status of the page that shows it (the portal's base `PortalError`), or, for the
bureau's commands, a plain exception whose message is printed."""

from __future__ import annotations

from simulator.errors import PortalError

# The vote as a whole is closed: the screens say so on a page of its own ---------------


class VoteFerme(PortalError):
    """No ballot is accepted now: the election is not sealed, or outside its window."""

    status_code = 403


class ElectionNonScellee(VoteFerme):
    """The bureau has not sealed the election: no key to seal ballots with."""

    message = "Le vote n'est pas ouvert : l'élection n'a pas été scellée."


class VoteNonOuvert(VoteFerme):
    """The vote has not opened yet."""

    def __init__(self, ouverture_en_clair: str) -> None:
        super().__init__(
            f"Le vote n'est pas encore ouvert. Il ouvrira le {ouverture_en_clair} (heure de Paris)."
        )


class VoteClos(VoteFerme):
    """The vote is closed (and the grace of a voter already in, if any, is over)."""

    def __init__(self, cloture_en_clair: str) -> None:
        super().__init__(f"Le vote est clos depuis le {cloture_en_clair} (heure de Paris).")


# One ballot refused ---------------------------------------------------------------------


class VoteRefuse(PortalError):
    """A ballot the rules refuse (already voted, not the voter's scrutin, unknown list)."""


class ScrutinDejaVote(VoteRefuse):
    """The voter has already voted in this scrutin: the vote is final (R.211-562)."""

    message = "Vous avez déjà voté pour ce scrutin : votre vote est définitif."


class ScrutinInconnu(VoteRefuse):
    """No scrutin of the voter bears this number."""

    status_code = 404
    message = "Ce scrutin n'est pas l'un des vôtres."


# The code de vote -----------------------------------------------------------------------


class CodeVoteIncorrect(PortalError):
    """The code typed is not the voter's current code de vote."""

    champ = "code_vote"

    message = (
        "Code de vote incorrect. Recopiez le code de votre notice, ou celui du dernier mail "
        "de réassort du code de vote si vous en avez demandé un."
    )


class ReponseDefiIncorrecte(PortalError):
    """The answer to the question défi is not the one saved at activation."""

    champ = "reponse"

    message = "La réponse à la question défi est incorrecte."


class CodeVoteBloque(PortalError):
    """Too many wrong codes (or défi answers): the vote is locked for a while."""

    champ = "code_vote"

    status_code = 429

    def __init__(self, minutes: int) -> None:
        unit = "minute" if minutes <= 1 else "minutes"
        super().__init__(
            "Votre code de vote est temporairement bloqué à la suite de plusieurs saisies "
            f"erronées. Réessayez dans {max(minutes, 1)} {unit}."
        )


class SansQuestionDefi(PortalError):
    """A voter who entered without activation has no question défi to answer."""

    status_code = 409
    message = (
        "Vous êtes entré(e) sans activer votre compte : vous n'avez donc pas de question "
        "défi, et le réassort du code de vote en demande une. Déconnectez-vous, demandez "
        "le réassort de votre mot de passe Élections, puis cliquez sur « ACTIVER SON "
        "COMPTE » en choisissant une question défi : vous pourrez ensuite demander un "
        "nouveau code de vote. Vous pouvez aussi voter avec le code de votre notice."
    )


class AutoriteIndisponible(PortalError):
    """The credential authority could not give a new credential (service down, refusal):
    the voter's current code de vote still works; `detail` is for the portal's log."""

    status_code = 503
    message = (
        "Le réassort du code de vote est momentanément indisponible : votre code de vote "
        "actuel reste valable. Réessayez dans quelques minutes."
    )

    def __init__(self, detail: str = "autorité de credentials non configurée") -> None:
        super().__init__()
        self.detail = detail


# The bureau de vote's commands ----------------------------------------------------------


class UrneNonVide(Exception):
    """The ballot box holds ballots before the opening: the portal refuses to open."""


class ParametresRefuses(Exception):
    """The public parameters given to the portal are unreadable, inconsistent, or not the
    ones it met at its first start: it refuses to start."""


class BulletinRefuse(VoteRefuse):
    """A ballot whose proofs, signature, credential or scrutin do not hold: the message
    says which, nothing is stored."""

    status_code = 400


class TableauClos(VoteFerme):
    """The board is closed (the count has begun): no ballot any more."""

    message = "Le vote est clos : le tableau public des bulletins est fermé."
