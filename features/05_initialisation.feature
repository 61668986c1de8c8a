# language: fr
@initialisation
Fonctionnalité: Initialiser son mot de passe Élections
  En tant qu'électeur arrivé par le lien de réassort
  Je veux choisir un mot de passe Élections conforme aux règles affichées
  Afin de pouvoir me connecter ensuite

  Scénario: La page rappelle les règles du mot de passe
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Alors les règles du mot de passe sont affichées

  # Le message de refus de chaque règle est nommé par son sens (refus_longueur…) : le
  # guide ne le formule pas, le vocabulaire du portail le dit à sa façon.
  Plan du scénario: Un mot de passe qui enfreint une règle est refusé avec son message
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit le mot de passe "<mot de passe>"
    Alors le mot de passe est refusé avec le message "<message>"

    Exemples:
      | mot de passe           | message           |
      | Abcdefg-123            | refus_longueur    |
      | SANS-MINUSCULE-2026    | refus_minuscule   |
      | sans-majuscule-2026    | refus_majuscule   |
      | Sans-chiffre-du-tout   | refus_chiffre     |
      | Sanscaracterespecial26 | refus_special     |
      | ÉCOLE-ÉTÉ-2026         | refus_minuscule   |
      | école-été-2026         | refus_majuscule   |
      | Mot de passe 2026!     | refus_caracteres  |

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
    Alors le mot de passe est refusé avec le message "refus_longueur"

    Exemples:
      | longueur |
      | 11       |
      | 257      |

  Scénario: Une confirmation différente est refusée
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit le mot de passe "Mon-Vote-Dec-2026" confirmé par "Mon-Vote-Dec-2027"
    Alors le mot de passe est refusé avec le message "confirmation_differente"

  Scénario: Un CAPTCHA erroné est refusé à l'initialisation
    Étant donné un électeur qui a ouvert le lien de réassort reçu par mail
    Quand il choisit le mot de passe "Mon-Vote-Dec-2026" avec un CAPTCHA erroné
    Alors le mot de passe est refusé avec le message "captcha_errone"
