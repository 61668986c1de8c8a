"""A small election portal of the tests' own, deliberately unlike the reference portal.

It follows the voter guide's login flow (home, AIDE/FAQ, identification with CAPTCHA,
password, réassort mail, link, initialisation, activation, voter space, logout) the way
another vendor would build it: its own paths, form field names, markup, status codes and
wording, no test hooks, a CAPTCHA bypass code, mails sent by real SMTP, no vote screens.
The harness knows it only through `vocabulaire.toml` beside this file: `make test`
points the acceptance suite and the Locust personas at it (`scripts/recette_tiers.py`).

It never imports `simulator`: it is a portal we did not build, as far as the harness is
concerned. Not shipped in the package.
"""
