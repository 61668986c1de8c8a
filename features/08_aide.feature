# language: fr
@aide
Fonctionnalité: Trouver de l'aide
  En tant qu'électeur en difficulté
  Je veux savoir qui contacter
  Afin d'obtenir de l'aide avant la clôture du vote

  Scénario: La page d'aide donne les contacts d'assistance
    Quand un visiteur ouvre la page d'aide
    Alors il voit le titre "AIDE/FAQ"
    Et il voit le contact d'assistance configuré

  @reference
  Scénario: La page d'aide du portail de référence donne la cellule de Reims
    Quand un visiteur ouvre la page d'aide
    Alors il voit le contact d'assistance "03 26 05 99 46"
    Et il voit le contact d'assistance "assistance-elections2022@ac-reims.fr"
