"""What an HTTP client of the harness says when a screen is not the one expected.

Every message names what was searched and what the screen showed instead (its title, the
closest labels or buttons present), so that a Locust failure or a test's assertion reads as
a diagnosis, never as a bare status code.
"""

from __future__ import annotations


class EcranInattendu(AssertionError):
    """The portal did not show the expected screen: the journey stops here."""

    # Set by a client that already reported this failure (Locust's navigation marks the
    # request failed), so that it is not counted twice.
    compte: bool = False


class ElementIntrouvable(EcranInattendu):
    """A form, field, button, option or link searched by its accessible name is not on the
    screen (or several answer the name)."""
