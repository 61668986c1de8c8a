"""Names of the security events written to the append-only audit log."""

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
