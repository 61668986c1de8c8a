# language: fr
@vote
Fonctionnalité: Voter
  En tant qu'électeur connecté
  Je veux voter pour une liste de candidats dans chacun de mes scrutins
  Afin que ma voix soit comptée, une seule fois, sans que mon choix soit connu

  Contexte:
    Étant donné que le vote est ouvert
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur

  Scénario: Le code de vote ouvre la liste de ses scrutins
    Quand il ouvre le vote avec son code de vote
    Alors il voit ses scrutins

  Scénario: Un électeur vote pour un scrutin et reçoit un accusé de réception
    Quand il ouvre le vote avec son code de vote
    Et il vote pour une liste de son premier scrutin
    Alors il voit l'accusé de réception de son vote
    Et l'accusé de réception ne dit pas pour quelle liste il a voté

  Scénario: Un électeur vote pour chacun de ses scrutins
    Quand il ouvre le vote avec son code de vote
    Et il vote pour chacun de ses scrutins
    Alors tous ses scrutins sont marqués comme votés

  Scénario: Les listes de candidats, puis seule la liste choisie, avant de voter
    Quand il ouvre le vote avec son code de vote
    Et il choisit une liste de son premier scrutin
    Alors seule la liste choisie lui est présentée avant de voter

  Scénario: L'électeur peut changer de liste tant qu'il n'a pas voté
    Quand il ouvre le vote avec son code de vote
    Et il choisit une liste de son premier scrutin
    Et il modifie son choix pour une autre liste
    Et il confirme son vote
    Alors il voit l'accusé de réception de son vote

  Scénario: Sans liste choisie, le vote n'est pas envoyé
    Quand il ouvre le vote avec son code de vote
    Et il valide sans avoir choisi de liste
    Alors il est invité à choisir une liste

  @securite
  Scénario: Un scrutin voté n'est plus proposé
    Quand il ouvre le vote avec son code de vote
    Et il vote pour une liste de son premier scrutin
    Alors ce scrutin est marqué comme voté et ne peut plus être choisi

  @securite
  Scénario: Le même vote envoyé deux fois n'est compté qu'une fois
    Quand il ouvre le vote avec son code de vote
    Et il choisit une liste de son premier scrutin
    Et il ouvre la confirmation dans un second onglet
    Et il confirme son vote
    Et il confirme aussi son vote dans le second onglet
    Alors le second onglet lui dit qu'il a déjà voté pour ce scrutin

  Scénario: La preuve de vote porte l'empreinte du bulletin, jamais le choix
    Quand il ouvre le vote avec son code de vote
    Et il vote pour une liste de son premier scrutin
    Alors la preuve de vote téléchargée porte l'empreinte, jamais la liste choisie

  @securite
  Scénario: Le choix ne quitte le navigateur que chiffré
    Étant donné que ses requêtes sont observées
    Quand il ouvre le vote avec son code de vote
    Et il vote pour une liste de son premier scrutin
    Alors aucune requête n'a envoyé la liste choisie en clair
