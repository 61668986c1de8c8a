# language: fr
@mot_de_passe
Fonctionnalité: Saisir son mot de passe Élections
  En tant qu'électeur identifié
  Je veux saisir mon mot de passe Élections
  Afin d'entrer dans mon espace électeur

  Scénario: Le bon mot de passe ouvre l'espace électeur
    Étant donné un électeur inscrit dont le compte est activé
    Quand il ouvre le portail Élections
    Et il s'identifie avec son adresse professionnelle et le CAPTCHA affiché
    Et il saisit son mot de passe Élections
    Alors il voit son espace électeur

  Scénario: Un mauvais mot de passe est refusé
    Étant donné un électeur inscrit dont le compte est activé
    Quand il ouvre le portail Élections
    Et il s'identifie avec son adresse professionnelle et le CAPTCHA affiché
    Et il saisit le mot de passe Élections "Pas-le-bon-2026!"
    Alors il voit le message d'erreur "identifiants_incorrects"

  Scénario: Un électeur sans mot de passe est renvoyé vers le réassort
    Étant donné un électeur inscrit qui n'a pas encore de mot de passe Élections
    Quand il ouvre le portail Élections
    Et il s'identifie avec son adresse professionnelle et le CAPTCHA affiché
    Et il saisit le mot de passe Élections "Un-essai-2026!"
    Alors il est invité à demander le réassort de son mot de passe

  @securite
  Scénario: Une adresse inconnue reçoit la même réponse qu'un mauvais mot de passe
    Étant donné une adresse absente de la liste électorale
    Quand il ouvre le portail Élections
    Et il s'identifie avec son adresse professionnelle et le CAPTCHA affiché
    Et il saisit le mot de passe Élections "Pas-le-bon-2026!"
    Alors il voit le message d'erreur "identifiants_incorrects"

  @securite @lent
  Scénario: Le compte est verrouillé après cinq mots de passe erronés
    Étant donné un électeur inscrit dont le compte est activé
    Quand il se trompe de mot de passe Élections 5 fois
    Alors il voit le message d'erreur "verrouille"
    Et même son vrai mot de passe est refusé

  @securite @lent @crochets
  Scénario: Le verrou se lève au bout de quinze minutes
    Étant donné un électeur inscrit dont le compte est activé
    Quand il se trompe de mot de passe Élections 5 fois
    Et 16 minutes passent
    Et il se connecte avec son mot de passe Élections
    Alors il voit son espace électeur
