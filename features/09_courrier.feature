# language: fr
@courrier @lent @pannes
Fonctionnalité: Recevoir le mail de réassort malgré une messagerie défaillante
  En tant qu'électeur qui attend son mail de réassort
  Je veux le recevoir dès que la messagerie fonctionne de nouveau
  Afin de ne pas rester bloqué comme en 2022

  Scénario: Le mail arrive une fois la messagerie rétablie, et une seule fois
    Étant donné un électeur inscrit qui n'a pas encore de mot de passe Élections
    Et que le serveur de messagerie refuse temporairement les mails
    Quand il demande le réassort de son mot de passe Élections
    Alors il voit la confirmation d'envoi du mail
    Et aucun mail ne lui est encore parvenu
    Quand le serveur de messagerie se rétablit
    Alors il reçoit un mail contenant un lien de réassort
    Et il n'a reçu qu'un seul mail

  Scénario: Un mail qui arrive en retard reste utilisable
    Étant donné un électeur inscrit qui n'a pas encore de mot de passe Élections
    Et que les mails arrivent avec 3 secondes de retard
    Quand il demande le réassort de son mot de passe Élections
    Alors le mail n'est pas encore là une seconde après la demande
    Et il reçoit un mail contenant un lien de réassort
    Quand il suit le lien reçu par mail
    Alors il voit la page d'initialisation du mot de passe Élections
