"""Help pages: support contacts and the forgotten-identifiant help."""

from __future__ import annotations

import re

from playwright.sync_api import Locator

from steps.pages._base import Ecran

# An e-mail address or a French phone number, as a reader recognises one in the text.
ADRESSE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
TELEPHONE = re.compile(r"(\+33|0)\s?\d([\s.]?\d\d){4}")


class PageAide(Ecran):
    """'AIDE/FAQ': the union, the support cell's phone and mail, frequent questions; read
    as text, whatever the markup (a list, a table, paragraphs, a mailto link or not)."""

    def texte(self, texte: str | re.Pattern[str]) -> Locator:
        """The first visible element saying this text (or matching this pattern)."""
        return self.page.get_by_text(texte).first

    @property
    def adresse_ou_telephone(self) -> Locator:
        """The first e-mail address or phone number the page gives."""
        return self.texte(ADRESSE).or_(self.texte(TELEPHONE)).first
