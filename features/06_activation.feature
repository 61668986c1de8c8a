# language: fr
@activation
Fonctionnalité: Activer son compte avec une question défi
  En tant qu'électeur qui vient de choisir son mot de passe Élections
  Je veux activer mon compte ou entrer sans l'activer
  Afin de voter tout de suite, en sachant ce que chaque choix enregistre

  Scénario: Un électeur active son compte puis se reconnecte avec son nouveau mot de passe
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit un mot de passe valide
    Et il active son compte avec la réponse "Labrador"
    Alors il voit son espace électeur
    Quand il se déconnecte
    Et il se connecte avec son mot de passe Élections
    Alors il voit son espace électeur

  Scénario: Des réponses différentes au défi sont refusées
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit un mot de passe valide
    Et il active son compte avec les réponses "Labrador" et "Caniche"
    Alors il voit le message d'erreur "reponses_differentes"

  Scénario: Une réponse vide au défi est refusée
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit un mot de passe valide
    Et il active son compte sans saisir de réponse
    Alors il voit le message d'erreur "reponse_manquante"

  Scénario: L'accès sans activation ouvre l'espace électeur
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit un mot de passe valide
    Et il choisit l'accès sans activation
    Alors il voit son espace électeur

  Scénario: Après un accès sans activation, le mot de passe est à recréer
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit un mot de passe valide
    Et il choisit l'accès sans activation
    Et il se déconnecte
    Et il se connecte avec son mot de passe Élections
    Alors il est invité à demander le réassort de son mot de passe

  Scénario: Le mot de passe choisi au réassort ouvre l'espace électeur
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit le mot de passe "Mon-Vote-Dec-2026"
    Et il active son compte avec la réponse "Labrador"
    Et il se déconnecte
    Et il se connecte avec son mot de passe Élections
    Alors il voit son espace électeur
