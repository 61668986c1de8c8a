# language: fr
@identification
Fonctionnalité: S'identifier avec son adresse professionnelle et un CAPTCHA
  En tant qu'électeur
  Je veux m'identifier avec mon adresse de messagerie professionnelle
  Afin d'accéder à la saisie de mon mot de passe Élections

  Scénario: Un électeur s'identifie et passe à la saisie du mot de passe
    Étant donné un électeur inscrit dont le compte est activé
    Quand il ouvre le portail Élections
    Et il s'identifie avec son adresse professionnelle et le CAPTCHA affiché
    Alors il voit la page de saisie du mot de passe Élections

  Scénario: Un CAPTCHA erroné est refusé et remplacé
    Étant donné un électeur inscrit dont le compte est activé
    Quand il ouvre le portail Élections
    Et il s'identifie avec un CAPTCHA erroné
    Alors il voit le message d'erreur "captcha_errone"
    Et un nouveau CAPTCHA lui est présenté

  @nouveau_captcha
  Scénario: Un électeur demande un nouveau CAPTCHA sans perdre son identifiant
    Étant donné un électeur inscrit dont le compte est activé
    Quand il ouvre le portail Élections
    Et il saisit son adresse professionnelle
    Et il demande un nouveau CAPTCHA
    Alors un nouveau CAPTCHA lui est présenté
    Et son adresse professionnelle est conservée

  Scénario: Un identifiant vide est refusé
    Quand un visiteur ouvre la page d'accueil du portail
    Et il clique sur "ACCÉDER AU PORTAIL ÉLECTIONS"
    Et il valide l'identification sans rien saisir
    Alors il voit le message d'erreur "identifiant_obligatoire"

  Scénario: Un CAPTCHA vide est refusé
    Étant donné un électeur inscrit dont le compte est activé
    Quand il ouvre le portail Élections
    Et il valide l'identification sans recopier le CAPTCHA
    Alors il voit le message d'erreur "captcha_obligatoire"

  Scénario: L'aide explique où trouver son identifiant
    Quand un visiteur ouvre la page d'accueil du portail
    Et il clique sur "ACCÉDER AU PORTAIL ÉLECTIONS"
    Et il clique sur "Vous ne connaissez pas votre identifiant ?"
    Alors il voit le titre "Vous ne connaissez pas votre identifiant ?"
    Et il voit le message "aide_identifiant"

  @captcha_audio
  Scénario: Le CAPTCHA a une version sonore
    Quand un visiteur ouvre la page d'accueil du portail
    Et il clique sur "ACCÉDER AU PORTAIL ÉLECTIONS"
    Alors un CAPTCHA sonore est proposé

  Scénario: RETOUR ramène à la page d'accueil
    Quand un visiteur ouvre la page d'accueil du portail
    Et il clique sur "ACCÉDER AU PORTAIL ÉLECTIONS"
    Et il clique sur "RETOUR"
    Alors il voit le lien "ACCÉDER AU PORTAIL ÉLECTIONS"
