"""Names of the security events written to the append-only audit log.

A right code de vote has no event of its own (it had one, `code_vote_accepte`, until
issue #21): written per named voter at the moment of voting, it gave the order in which
voters voted, which the public board's order of ballots would then match.
"""

from __future__ import annotations

CONNEXION_REUSSIE = "connexion_reussie"
CONNEXION_ECHOUEE = "connexion_echouee"
VERROUILLAGE = "verrouillage"
CONNEXION_VERROUILLEE = "connexion_refusee_verrouillage"
REASSORT_DEMANDE = "reassort_demande"
LIEN_UTILISE = "lien_utilise"
LIEN_EXPIRE = "lien_expire"
LIEN_REFUSE = "lien_refuse"
ACTIVATION = "activation"
ACCES_SANS_ACTIVATION = "acces_sans_activation"
CAPTCHA_ECHOUE = "captcha_echoue"
LIMITE_DEPASSEE = "limite_depassee"
CODE_VOTE_REFUSE = "code_vote_refuse"
CODE_VOTE_BLOQUE = "code_vote_bloque"
CODE_VOTE_REASSORT = "code_vote_reassort"
