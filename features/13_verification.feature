# language: fr
@vote @verification
Fonctionnalité: Vérifier que son vote a été compté
  En tant qu'électeur qui a voté, ou quiconque relit l'élection publiée
  Je veux retrouver mon bulletin au tableau public dès mon vote, un dépouillement qui
  attend la clôture, et des fichiers publiés que le vérificateur accepte
  Afin de savoir que mon bulletin a été compté, sans que mon choix soit révélé

  Scénario: L'empreinte de l'accusé figure au tableau public
    Étant donné que le vote est ouvert
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Et il a ouvert le vote avec son code de vote
    Quand il vote pour une liste de son premier scrutin
    Et quiconque ouvre le tableau public des bulletins
    Alors l'empreinte de son accusé de réception y figure déjà

  @crochets @reference
  Scénario: Le dépouillement est refusé avant la clôture
    Le dépouillement est la commande du bureau de vote, lancée avec les clés des tiers
    sur une copie de l'élection du portail de référence (sa base, son horloge de test,
    ses paramètres) : @reference, car ces fichiers ne sont à portée que du portail que
    la suite démarre ; @crochets, car l'heure qui compte est celle du portail, que ses
    points d'accès de test déplacent. Le portail garde son propre tableau ouvert.
    Étant donné que le vote est ouvert
    Quand le bureau de vote lance le dépouillement
    Alors le dépouillement est refusé car le vote n'est pas clos

  @crochets @reference
  Scénario: Le dépouillement attend les trente minutes de grâce après la clôture
    Étant donné que la clôture du vote est passée depuis vingt minutes
    Quand le bureau de vote lance le dépouillement
    Alors le dépouillement est refusé car le vote n'est pas clos

  @crochets @reference
  Scénario: Le dépouillement a lieu après la clôture et son délai de grâce
    Étant donné que la clôture du vote et son délai de grâce sont passés
    Quand le bureau de vote lance le dépouillement
    Alors le dépouillement a lieu

  @crochets @reference
  Scénario: Le vérificateur accepte l'élection
    Le vérificateur de chacun (python -m simulator verifier) relit le dossier que le
    dépouillement du bureau a publié à côté du portail de référence : @reference ; ce
    dépouillement attend la clôture, que l'horloge de test fait passer : @crochets.
    Étant donné que le vote est ouvert
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Et il a ouvert le vote avec son code de vote
    Quand il vote pour une liste de son premier scrutin
    Et le bureau de vote dépouille après la clôture et son délai de grâce
    Et le vérificateur relit les fichiers publiés
    Alors le vérificateur accepte l'élection, son bulletin compris

  @crochets @reference
  Plan du scénario: Le vérificateur refuse un tableau altéré
    Comme le précédent (@reference, @crochets), sur une copie du dossier publié où le
    bulletin de l'électeur, retrouvé par l'empreinte de son accusé, est altéré.
    Étant donné que le vote est ouvert
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Et il a ouvert le vote avec son code de vote
    Quand il vote pour une liste de son premier scrutin
    Et le bureau de vote dépouille après la clôture et son délai de grâce
    Et son bulletin est "<altération>" dans le tableau publié
    Et le vérificateur relit les fichiers publiés
    Alors le vérificateur refuse le tableau à l'entrée de son bulletin

    Exemples:
      | altération        |
      | changé d'un octet |
      | retiré            |

  @crochets @clot_le_tableau
  Scénario: L'empreinte de l'accusé est retrouvée après le dépouillement
    Le point d'accès de test dépouille le tableau du portail lui-même, qui reste clos
    ensuite : @clot_le_tableau le fait jouer après tous les autres scénarios.
    Étant donné que le vote est ouvert
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Et il a ouvert le vote avec son code de vote
    Quand il vote pour une liste de son premier scrutin
    Et le dépouillement a eu lieu
    Alors il retrouve l'empreinte de son accusé de réception parmi les bulletins comptés
