# language: fr
@connexion
Fonctionnalité: Connexion d'un électeur au portail Élections
  En tant qu'électeur dont le compte est activé
  Je veux me connecter avec mon adresse professionnelle et mon mot de passe Élections
  Afin d'atteindre mon espace électeur et d'y voter

  Scénario: Un électeur activé se connecte et atteint son espace électeur
    Étant donné un électeur inscrit dont le compte est activé
    Quand il ouvre le portail Élections
    Et il s'identifie avec son adresse professionnelle et le CAPTCHA affiché
    Et il saisit son mot de passe Élections
    Alors il voit son espace électeur
    Et la liste de ses scrutins est affichée

  Scénario: Un électeur connecté se déconnecte
    Étant donné un électeur inscrit dont le compte est activé
    Quand il ouvre le portail Élections
    Et il s'identifie avec son adresse professionnelle et le CAPTCHA affiché
    Et il saisit son mot de passe Élections
    Et il se déconnecte
    Alors il revient sur la page d'accueil du portail
