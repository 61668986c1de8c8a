# language: fr
@acces
Fonctionnalité: Accéder au portail Élections
  En tant qu'agent appelé à voter
  Je veux trouver l'entrée du portail dès la page d'accueil
  Afin de commencer mon parcours de vote

  Scénario: La page d'accueil présente l'élection et l'entrée du portail
    Quand un visiteur ouvre la page d'accueil du portail
    Alors il voit le titre de l'élection
    Et il voit le lien "ACCÉDER AU PORTAIL ÉLECTIONS"
    Et il voit le lien "AIDE/FAQ"

  Scénario: L'entrée du portail mène à l'identification
    Quand un visiteur ouvre la page d'accueil du portail
    Et il clique sur "ACCÉDER AU PORTAIL ÉLECTIONS"
    Alors il voit la page d'identification
