# language: fr
@initialisation
Fonctionnalité: Initialiser son mot de passe Élections
  En tant qu'électeur arrivé par le lien de réassort
  Je veux choisir un mot de passe Élections conforme aux règles affichées
  Afin de pouvoir me connecter ensuite

  Scénario: La page rappelle les règles du mot de passe
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Alors les règles du mot de passe sont affichées

  Plan du scénario: Un mot de passe qui enfreint une règle est refusé avec son message
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit le mot de passe "<mot de passe>"
    Alors le mot de passe est refusé avec le message "<message>"

    Exemples:
      | mot de passe           | message                                           |
      | Abcdefg-123            | entre 12 et 256 caractères                        |
      | SANS-MINUSCULE-2026    | au moins une lettre en minuscule non accentuée   |
      | sans-majuscule-2026    | au moins une lettre en majuscule non accentuée   |
      | Sans-chiffre-du-tout   | au moins un chiffre                               |
      | Sanscaracterespecial26 | au moins un caractère spécial                     |
      | ÉCOLE-ÉTÉ-2026         | au moins une lettre en minuscule non accentuée   |
      | école-été-2026         | au moins une lettre en majuscule non accentuée   |
      | Mot de passe 2026!     | caractère(s) refusé(s) : « espace »               |

  Plan du scénario: Les longueurs limites sont acceptées
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit un mot de passe valide de <longueur> caractères
    Alors il voit la page d'activation du compte

    Exemples:
      | longueur |
      | 12       |
      | 256      |

  Plan du scénario: Les longueurs hors limites sont refusées
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit un mot de passe de <longueur> caractères
    Alors le mot de passe est refusé avec le message "entre 12 et 256 caractères"

    Exemples:
      | longueur |
      | 11       |
      | 257      |

  Scénario: Une confirmation différente est refusée
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit le mot de passe "Mon-Vote-Dec-2026" confirmé par "Mon-Vote-Dec-2027"
    Alors le mot de passe est refusé avec le message "La confirmation ne correspond pas"

  Scénario: Un CAPTCHA erroné est refusé à l'initialisation
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit le mot de passe "Mon-Vote-Dec-2026" avec un CAPTCHA erroné
    Alors le mot de passe est refusé avec le message "ne correspondent pas au CAPTCHA"
