# language: fr
@accessibilite
Fonctionnalité: L'accessibilité du portail (RGAA)
  En tant qu'électeur qui ne voit pas l'écran, ou n'utilise pas de souris
  Je veux pouvoir m'identifier et voter comme tout électeur
  Afin que ma voix compte autant que celle des autres

  @declaration_accessibilite
  Scénario: Les pages publiques respectent les règles d'accessibilité
    Quand un visiteur ouvre la page d'accueil du portail
    Alors la page respecte les règles d'accessibilité
    Quand un visiteur ouvre la page d'aide
    Alors la page respecte les règles d'accessibilité
    Quand il ouvre la déclaration d'accessibilité depuis le pied de page
    Alors la page respecte les règles d'accessibilité
    Et la déclaration donne le niveau de conformité, les exceptions et le contact
    Quand il ouvre le portail Élections
    Et il clique sur "Vous ne connaissez pas votre identifiant ?"
    Alors la page respecte les règles d'accessibilité

  Scénario: L'identification, le mot de passe et leurs erreurs respectent les règles
    Étant donné un électeur inscrit dont le compte est activé
    Quand il ouvre le portail Élections
    Alors la page respecte les règles d'accessibilité
    Quand il s'identifie avec un CAPTCHA erroné
    Alors la page respecte les règles d'accessibilité
    Et l'erreur est annoncée et liée à son champ
    Quand il s'identifie avec son adresse professionnelle et le CAPTCHA affiché
    Alors la page respecte les règles d'accessibilité
    Quand il saisit le mot de passe Élections "Pas-le-bon-2026!"
    Alors la page respecte les règles d'accessibilité
    Et l'erreur est annoncée et liée à son champ
    Quand il saisit son mot de passe Élections
    Alors la page respecte les règles d'accessibilité

  Scénario: Le réassort, l'initialisation, l'activation et leurs erreurs respectent les règles
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Alors la page respecte les règles d'accessibilité
    Quand il choisit le mot de passe "court"
    Alors la page respecte les règles d'accessibilité
    Et l'erreur est annoncée et liée à son champ
    Quand il choisit un mot de passe valide
    Alors la page respecte les règles d'accessibilité
    Quand il active son compte avec les réponses "Labrador" et "Caniche"
    Alors la page respecte les règles d'accessibilité
    Et l'erreur est annoncée et liée à son champ

  Scénario: La demande de réassort respecte les règles d'accessibilité
    Étant donné un électeur inscrit qui n'a pas encore de mot de passe Élections
    Quand il demande le réassort de son mot de passe Élections
    Alors la page respecte les règles d'accessibilité

  Scénario: Un lien de réassort déjà utilisé est refusé sur une page qui respecte les règles
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit le mot de passe "Mon-Vote-Dec-2026"
    Et il suit de nouveau le même lien
    Alors la page respecte les règles d'accessibilité

  @vote
  Scénario: Le vote, du code de vote à l'accusé de réception, respecte les règles
    Étant donné que le vote est ouvert
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Alors la page respecte les règles d'accessibilité
    Quand il clique sur JE VOTE
    Alors la page respecte les règles d'accessibilité
    Quand il ouvre le vote avec un code de vote erroné
    Alors la page respecte les règles d'accessibilité
    Et l'erreur est annoncée et liée à son champ
    Quand il ouvre le vote avec son code de vote
    Alors la page respecte les règles d'accessibilité
    Quand il choisit une liste de son premier scrutin
    Alors la page respecte les règles d'accessibilité
    Quand il confirme son vote
    Alors la page respecte les règles d'accessibilité
    Quand il vérifie l'empreinte de son accusé de réception
    Alors la page respecte les règles d'accessibilité

  @vote @crochets
  Scénario: Le vote clos est dit sur une page qui respecte les règles
    Étant donné que le vote est clos
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Quand il clique sur JE VOTE
    Alors la page respecte les règles d'accessibilité

  @vote
  Scénario: Le réassort du code de vote et les listes sans choix respectent les règles
    Étant donné que le vote est ouvert
    Et un électeur inscrit qui n'a pas encore voté
    Et il est connecté à son espace électeur
    Quand il demande un nouveau code de vote
    Alors la page respecte les règles d'accessibilité
    Quand il ouvre le vote avec son code de vote
    Et il valide sans avoir choisi de liste
    Alors la page respecte les règles d'accessibilité
    Et l'erreur est annoncée et liée à son champ

  @clavier @evitement
  Scénario: De l'accueil à l'espace électeur au clavier seulement
    Étant donné un électeur inscrit dont le compte est activé
    Quand il ouvre la page d'accueil au clavier
    Alors le premier arrêt du clavier est un lien d'évitement vers le contenu
    Quand il atteint "ACCÉDER AU PORTAIL ÉLECTIONS" au clavier et appuie sur Entrée
    Et il atteint "Identifiant" au clavier et y tape son identifiant
    Et il atteint "CAPTCHA" au clavier et y tape le CAPTCHA
    Et il revient sur "Identifiant" avec Maj+Tab
    Et il atteint "CONNEXION" au clavier et appuie sur Espace
    Et il atteint "Mot de passe Elections" au clavier et y tape son mot de passe Élections
    Et il atteint "CONNEXION" au clavier et appuie sur Entrée
    Alors il voit son espace électeur, atteint au clavier seulement

  @reflow @vote @declaration_accessibilite
  Plan du scénario: À <largeur> pixels de large, aucune page ne défile sur le côté
    Étant donné que le vote est ouvert
    Et un électeur inscrit qui n'a pas encore voté
    Quand la fenêtre fait <largeur> pixels de large
    Et un visiteur ouvre la page d'accueil du portail
    Alors la page ne défile pas horizontalement
    Quand il ouvre le portail Élections
    Alors la page ne défile pas horizontalement
    Quand il ouvre la déclaration d'accessibilité depuis le pied de page
    Alors la page ne défile pas horizontalement
    Quand il se connecte à son espace électeur
    Alors la page ne défile pas horizontalement
    Quand il clique sur JE VOTE
    Alors la page ne défile pas horizontalement
    Quand il ouvre le vote avec son code de vote
    Alors la page ne défile pas horizontalement
    Quand il choisit une liste de son premier scrutin
    Alors la page ne défile pas horizontalement
    Quand il confirme son vote
    Alors la page ne défile pas horizontalement

    # 320 : un téléphone ; 640 : une fenêtre de 1 280 pixels zoomée à 200 %.
    Exemples:
      | largeur |
      | 320     |
      | 640     |
