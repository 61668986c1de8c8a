# language: fr
@vote @verification
Fonctionnalité: Vérifier que son vote a été compté
  En tant qu'électeur qui a voté
  Je veux retrouver l'empreinte de mon accusé de réception après le dépouillement
  Afin de savoir que mon bulletin a été compté, sans que mon choix soit révélé

  @crochets
  Scénario: L'empreinte de l'accusé est retrouvée après le dépouillement
    Étant donné que le vote est ouvert
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Et il a ouvert le vote avec son code de vote
    Quand il vote pour une liste de son premier scrutin
    Et le dépouillement a eu lieu
    Alors il retrouve l'empreinte de son accusé de réception parmi les bulletins comptés
