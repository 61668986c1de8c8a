# language: fr
@vote @code_de_vote
Fonctionnalité: Le code de vote et son réassort
  En tant qu'électeur
  Je veux que mon code de vote protège mon vote, et pouvoir en recevoir un nouveau
  Afin que personne ne vote à ma place, même avec mon mot de passe Élections

  Contexte:
    Étant donné que le vote est ouvert

  Scénario: Un code de vote erroné est refusé
    Étant donné un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Quand il ouvre le vote avec un code de vote erroné
    Alors le code de vote est refusé

  @securite
  Scénario: Le code de vote est bloqué après cinq codes erronés
    Étant donné un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Quand il saisit un code de vote erroné 5 fois
    Alors le code de vote est bloqué
    Et même son vrai code de vote est refusé

  Scénario: Un nouveau code de vote est envoyé par mail après la question défi
    Étant donné un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Quand il demande un nouveau code de vote en répondant à sa question défi
    Alors il reçoit un mail contenant un nouveau code de vote

  Scénario: Le nouveau code de vote reçu par mail ouvre le vote
    Étant donné un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Quand il demande un nouveau code de vote en répondant à sa question défi
    Et il reçoit un mail contenant un nouveau code de vote
    Et il ouvre le vote avec le code reçu par mail
    Alors il voit ses scrutins

  @securite
  Scénario: Après le réassort, l'ancien code de vote ne sert plus
    Étant donné un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Quand il demande un nouveau code de vote en répondant à sa question défi
    Et il reçoit un mail contenant un nouveau code de vote
    Et il ouvre le vote avec son ancien code de vote
    Alors le code de vote est refusé

  Scénario: Une mauvaise réponse à la question défi ne donne pas de code
    Étant donné un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Quand il demande un nouveau code de vote avec une mauvaise réponse à sa question défi
    Alors la réponse à la question défi est refusée

  Scénario: Un électeur entré sans activation sait comment obtenir un nouveau code
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit un mot de passe valide
    Et il choisit l'accès sans activation
    Et il demande un nouveau code de vote
    Alors il est invité à activer son compte pour obtenir un nouveau code de vote
