# language: fr
@vote @periode @crochets
Fonctionnalité: La période de vote
  En tant qu'électeur
  Je veux savoir quand je peux voter, et finir mon vote commencé avant la clôture
  Afin de ne pas perdre ma voix à cause de l'heure

  Scénario: Avant l'ouverture, le vote est refusé avec sa date d'ouverture
    Étant donné que le vote n'est pas encore ouvert
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Quand il clique sur JE VOTE
    Alors le vote lui est refusé car il n'est pas encore ouvert

  Scénario: Après la clôture, le vote est refusé
    Étant donné que le vote est clos
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Quand il clique sur JE VOTE
    Alors le vote lui est refusé car il est clos

  Scénario: Un électeur connecté avant la clôture vote encore dans les trente minutes
    Étant donné que la clôture du vote est dans cinq minutes
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Et il a ouvert le vote avec son code de vote
    Quand 20 minutes passent
    Et il vote pour une liste de son premier scrutin
    Alors il voit l'accusé de réception de son vote

  Scénario: Trente minutes après la clôture, même un électeur connecté ne vote plus
    Étant donné que la clôture du vote est dans cinq minutes
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Et il a ouvert le vote avec son code de vote
    Quand 20 minutes passent
    Et il choisit une liste de son premier scrutin
    Et 16 minutes passent
    Et il confirme son vote
    Alors le vote lui est refusé car il est clos
