# language: fr
@espace
Fonctionnalité: L'espace électeur
  En tant qu'électeur connecté
  Je veux retrouver mes scrutins et pouvoir me déconnecter
  Afin de voter dans chacun d'eux en sécurité

  Scénario: L'espace électeur liste les scrutins de l'électeur
    Étant donné un électeur inscrit dont le compte est activé
    Quand il se connecte avec son mot de passe Élections
    Alors il voit son espace électeur
    Et la liste de ses scrutins est affichée

  Scénario: Un électeur connecté se déconnecte
    Étant donné un électeur inscrit dont le compte est activé
    Quand il se connecte avec son mot de passe Élections
    Et il se déconnecte
    Alors il revient sur la page d'accueil du portail
    Et il voit le message "deconnecte"
