"""Load profile: active voters log in through every screen, then log out.

Run against the reference portal (test hooks needed for voters and CAPTCHAs):
    locust -f load/connexion.py --host http://127.0.0.1:8000 --headless -u 20 -r 5 -t 1m
"""

from __future__ import annotations

from locust import HttpUser, between, task

from load.forms import FormulaireIntrouvable, csrf_of


class ElecteurActif(HttpUser):
    """A voter whose account is active: identifiant, CAPTCHA, password, voter space."""

    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        """Each simulated voter gets its own account from the test hook."""
        with self.client.post(
            "/__test__/voters",
            json={"state": "actif"},
            name="crochet: électeur",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"création de l'électeur refusée : {response.status_code}")
                self.stop()
                return
            voter = response.json()
        self.email: str = voter["email"]
        self.password: str = voter["password"]

    @task
    def se_connecter(self) -> None:
        """Go through every screen of a successful login, then log out."""
        with self.client.get("/identification", name="identification", catch_response=True) as page:
            try:
                csrf = csrf_of(page.text)
            except FormulaireIntrouvable as exc:
                page.failure(str(exc))
                return
        self.client.get("/captcha.png", name="captcha.png")
        code = self.client.get("/__test__/captcha", name="crochet: captcha").json()["answer"]
        with self.client.post(
            "/identification",
            data={"csrf": csrf, "identifiant": self.email, "captcha": code},
            name="identification: envoi",
            catch_response=True,
        ) as response:
            if "Saisie du mot de passe" not in response.text:
                response.failure("l'identification n'a pas mené à la page du mot de passe")
                return
        with self.client.post(
            "/mot-de-passe",
            data={"csrf": csrf, "mot_de_passe": self.password},
            name="mot de passe: envoi",
            catch_response=True,
        ) as response:
            if "Mon espace électeur" not in response.text:
                response.failure("le mot de passe n'a pas ouvert l'espace électeur")
                return
            csrf = csrf_of(response.text)
        with self.client.post(
            "/deconnexion",
            data={"csrf": csrf},
            name="déconnexion",
            catch_response=True,
        ) as response:
            if "ACCÉDER AU PORTAIL ÉLECTIONS" not in response.text:
                response.failure("la déconnexion n'a pas ramené à l'accueil")
