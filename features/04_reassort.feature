# language: fr
@reassort
Fonctionnalité: Demander le réassort de son mot de passe Élections
  En tant qu'électeur qui n'a jamais créé son mot de passe Élections ou l'a oublié
  Je veux recevoir par mail un lien pour en saisir un nouveau
  Afin de pouvoir voter sans attendre l'assistance

  Scénario: Le mail de réassort arrive avec un lien qui fonctionne
    Étant donné un électeur inscrit qui n'a pas encore de mot de passe Élections
    Quand il demande le réassort de son mot de passe Élections
    Alors il voit la confirmation d'envoi du mail
    Et il reçoit un mail contenant un lien de réassort
    Quand il suit le lien reçu par mail
    Alors il voit la page d'initialisation du mot de passe Élections

  @securite
  Scénario: Une adresse inconnue reçoit la même confirmation mais aucun mail
    Étant donné une adresse absente de la liste électorale
    Quand il demande le réassort de son mot de passe Élections
    Alors il voit la confirmation d'envoi du mail
    Et aucun mail n'est envoyé à cette adresse

  @securite
  Scénario: Un lien déjà utilisé est refusé
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit le mot de passe "Mon-Vote-Dec-2026"
    Et il suit de nouveau le même lien
    Alors le lien est refusé avec le message "lien_deja_utilise"
    Et il peut demander un nouveau lien

  @securite @crochets
  Scénario: Un lien expiré est refusé
    Étant donné un électeur inscrit qui n'a pas encore de mot de passe Élections
    Quand il demande le réassort de son mot de passe Élections
    Et il reçoit un mail contenant un lien de réassort
    Et 31 minutes passent
    Et il suit le lien reçu par mail
    Alors le lien est refusé avec le message "lien_expire"
    Et il peut demander un nouveau lien

  @securite
  Scénario: Un nouveau lien rend le précédent caduc
    Étant donné un électeur inscrit qui n'a pas encore de mot de passe Élections
    Quand il demande le réassort de son mot de passe Élections deux fois
    Et il suit le premier lien reçu
    Alors le lien est refusé avec le message "lien_remplace"

  Scénario: Le lien le plus récent fonctionne
    Étant donné un électeur inscrit qui n'a pas encore de mot de passe Élections
    Quand il demande le réassort de son mot de passe Élections deux fois
    Et il suit le dernier lien reçu
    Alors il voit la page d'initialisation du mot de passe Élections
