"""The harness's form reader on markup other than the reference portal's: labels as the
accessibility tree names them, hidden inputs whatever their name, the pressed button
alone, options by their text, `form=` owners, actions and methods, clear errors."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from harnais.ecran import Ecran
from harnais.erreurs_ecran import ElementIntrouvable
from harnais.formulaire import Envoi

URL = "https://portail.example/connexion/etape?x=1"


def _ecran(corps: str, statut: int = 200) -> Ecran:
    return Ecran(statut, URL, f"<html><head><title>Écran</title></head><body>{corps}</body></html>")


def _paires(envoi: Envoi) -> dict[str, str]:
    return dict(envoi.donnees)


def test_a_wrapping_label_names_its_field_and_its_hidden_star_is_not_read() -> None:
    """<label>Identifiant <span aria-hidden>*</span><input></label>: "Identifiant"."""
    ecran = _ecran(
        '<form method="post"><label>Identifiant <span aria-hidden="true">*</span>'
        '<input name="login_x1"></label><button>Entrer</button></form>'
    )
    envoi = ecran.formulaire("Entrer", ("Identifiant",)).remplir("Identifiant", "a@b").envoi()
    assert _paires(envoi) == {"login_x1": "a@b"}


def test_aria_labelledby_joins_its_parts_in_their_order() -> None:
    """aria-labelledby="l1 l2" reads both elements, in the attribute's order, and wins
    over a <label for> of other words."""
    ecran = _ecran(
        '<form method="post"><span id="l2">Élections</span><span id="l1">Mot de passe</span>'
        '<label for="p">Secret</label>'
        '<input id="p" type="password" name="pwd" aria-labelledby="l1 l2"><button>OK</button>'
        "</form>"
    )
    form = ecran.formulaire("OK", ("Mot de passe Élections",))
    assert _paires(form.remplir("Mot de passe Élections", "s3cret").envoi()) == {"pwd": "s3cret"}
    with pytest.raises(ElementIntrouvable):
        form.remplir("Secret", "x")


def test_aria_label_names_a_field_without_label() -> None:
    """An input named only by aria-label is found by it."""
    ecran = _ecran('<form><input name="c" aria-label="CAPTCHA"><button>Go</button></form>')
    assert _paires(ecran.formulaire("Go").remplir("CAPTCHA", "123").envoi()) == {"c": "123"}


def test_the_required_star_and_line_breaks_are_read_as_a_user_reads_them() -> None:
    """A visible `*` after a label, and a label broken over lines, still match."""
    ecran = _ecran(
        '<form><label for="a">CAPTCHA *</label><input id="a" name="cap">'
        '<label for="b">Confirmation du\n      mot de passe</label><input id="b" name="conf">'
        "<button>Go</button></form>"
    )
    form = ecran.formulaire("Go", ("CAPTCHA", "Confirmation du mot de passe"))
    form.remplir("captcha", "42").remplir("Confirmation du mot de passe", "m")
    assert _paires(form.envoi()) == {"cap": "42", "conf": "m"}


def test_an_exact_label_wins_over_one_that_only_contains_the_words() -> None:
    """ "Mot de passe Élections" fills that field, not "Confirmation du mot de passe
    Élections" listed first."""
    ecran = _ecran(
        '<form><label for="c">Confirmation du mot de passe Élections</label>'
        '<input id="c" name="pwd2"><label for="m">Mot de passe Élections</label>'
        '<input id="m" name="pwd1"><button>Go</button></form>'
    )
    form = ecran.formulaire("Go").remplir("Mot de passe Élections", "x")
    assert _paires(form.envoi()) == {"pwd2": "", "pwd1": "x"}


def test_every_hidden_input_travels_whatever_its_name() -> None:
    """Anti-forgery tokens of any name go with the form; another form's do not."""
    ecran = _ecran(
        '<form><input type="hidden" name="__jeton" value="t1">'
        '<input type="hidden" name="etape" value="2"><button>Go</button></form>'
        '<form><input type="hidden" name="autre" value="z"><button>Autre</button></form>'
    )
    assert _paires(ecran.formulaire("Go").envoi()) == {"__jeton": "t1", "etape": "2"}


def test_only_the_pressed_button_sends_its_name_and_value() -> None:
    """Two submit buttons of different names: only the one pressed is sent."""
    ecran = _ecran(
        '<form method="post"><input type="hidden" name="t" value="1">'
        '<button type="submit" name="go_activate" value="yes">ACTIVER SON COMPTE</button>'
        '<button type="submit" name="skip_activation" value="1">ACCÈS SANS ACTIVATION</button>'
        "</form>"
    )
    form = ecran.formulaire("ACCÈS SANS ACTIVATION")
    assert _paires(form.envoi("ACCÈS SANS ACTIVATION")) == {"t": "1", "skip_activation": "1"}
    assert _paires(form.envoi("ACTIVER SON COMPTE")) == {"t": "1", "go_activate": "yes"}


def test_an_option_is_picked_by_its_text_whatever_its_value() -> None:
    """Option values that are indices: the text chooses, the index is sent."""
    ecran = _ecran(
        '<form><label for="q">Défi</label><select id="q" name="question">'
        '<option value="0">Ville de naissance ?</option>'
        '<option value="1">Nom de votre premier animal ?</option></select>'
        "<button>Go</button></form>"
    )
    form = ecran.formulaire("Go", ("Défi",))
    assert form.options("Défi") == ["Ville de naissance ?", "Nom de votre premier animal ?"]
    assert _paires(form.envoi())["question"] == "0"  # nothing chosen: the first option
    form.choisir("Défi", "Nom de votre premier animal ?")
    assert _paires(form.envoi())["question"] == "1"


def test_a_button_outside_its_form_by_the_form_attribute() -> None:
    """HTML5 `form=`: the button and field outside the form belong to it, the form
    around them does not own them, and the request goes to the owner's action."""
    ecran = _ecran(
        '<form action="/mot-de-passe" method="post"><input type="hidden" name="a" value="1">'
        '<label for="p">Mot de passe</label><input id="p" name="p">'
        '<button form="reassort">Besoin du réassort ?</button><button>CONNEXION</button></form>'
        '<form id="reassort" action="/reassort" method="post">'
        '<input type="hidden" name="b" value="2"></form>'
        '<input form="reassort" type="hidden" name="c" value="3">'
    )
    envoi = ecran.formulaire("Besoin du réassort ?").envoi("Besoin du réassort ?")
    assert (envoi.methode, envoi.url) == ("POST", "https://portail.example/reassort")
    assert _paires(envoi) == {"b": "2", "c": "3"}
    connexion = ecran.formulaire("CONNEXION", ("Mot de passe",)).envoi("CONNEXION")
    assert _paires(connexion) == {"a": "1", "p": ""}


def test_the_action_and_method_of_the_form_and_of_the_pressed_button() -> None:
    """A relative action resolves against the page; GET puts the fields in the query;
    a button's formaction/formmethod win over the form's."""
    ecran = _ecran(
        '<form action="../suite"><input name="q" aria-label="Recherche" value="v">'
        "<button>Chercher</button>"
        '<button formaction="/ailleurs" formmethod="post">Ailleurs</button></form>'
    )
    form = ecran.formulaire("Chercher")
    envoi = form.envoi("Chercher")
    assert (envoi.methode, envoi.url) == ("GET", "https://portail.example/suite")
    assert parse_qsl(envoi.corps()) == [("q", "v")]
    ailleurs = form.envoi("Ailleurs")
    assert (ailleurs.methode, urlsplit(ailleurs.url).path) == ("POST", "/ailleurs")


def test_radios_checkboxes_and_disabled_fields_are_sent_as_a_browser_does() -> None:
    """A radio checked by its label unchecks its group; an unchecked box and a disabled
    field send nothing."""
    ecran = _ecran(
        "<form><fieldset><legend>Listes</legend>"
        '<input type="radio" id="r1" name="liste" value="7" checked><label for="r1">Liste A</label>'
        '<input type="radio" id="r2" name="liste" value="9"><label for="r2">Liste B</label>'
        "</fieldset>"
        '<input type="checkbox" name="cgu" aria-label="J’accepte">'
        '<input name="off" value="x" disabled aria-label="Inactif"><button>JE VEUX VOTER</button>'
        "</form>"
    )
    form = ecran.formulaire("JE VEUX VOTER")
    assert form.cases() == ["Liste A", "Liste B"]
    assert _paires(form.envoi()) == {"liste": "7"}
    assert _paires(form.cocher("Liste B").envoi()) == {"liste": "9"}


def test_the_form_holding_the_button_and_fields_is_the_one_chosen() -> None:
    """Of several forms, the one with the named button and labels."""
    ecran = _ecran(
        '<form action="/recherche"><input aria-label="Rechercher"><button>OK</button></form>'
        '<form action="/vote" method="post"><label for="c">Code de vote</label>'
        '<input id="c" name="cv"><button>OK</button></form>'
    )
    envoi = ecran.formulaire("OK", ("Code de vote",)).remplir("Code de vote", "X").envoi()
    assert urlsplit(envoi.url).path == "/vote" and _paires(envoi) == {"cv": "X"}


def test_errors_name_what_was_searched_and_the_closest_names_present() -> None:
    """A missing label, button or form: the message names it and its nearest
    neighbours, so that a failure reads as a diagnosis."""
    ecran = _ecran(
        '<form><label for="i">Identifiant académique</label><input id="i" name="i">'
        "<button>Se connecter</button></form>"
    )
    form = ecran.formulaire("Se connecter")
    with pytest.raises(ElementIntrouvable, match=r"champ « Adresse mail » introuvable.*"
                       r"« Identifiant académique »"):  # fmt: skip
        form.remplir("Adresse mail", "x")
    with pytest.raises(ElementIntrouvable, match=r"bouton « CONNEXION ».*« Se connecter »"):
        form.envoi("CONNEXION")
    with pytest.raises(
        ElementIntrouvable, match=r"aucun formulaire avec le bouton « CONNEXION ».*« Écran »"
    ):
        ecran.formulaire("CONNEXION")


def test_a_screen_is_read_with_its_whitespace_normalised() -> None:
    """A line break inside a sentence does not hide it; scripts and hidden parts are not
    shown text; the title counts."""
    ecran = _ecran(
        "<p>Un mail vient de vous\n      <strong>être</strong> envoyé.</p>"
        "<script>var x = 'Mot caché';</script><p hidden>Invisible</p>"
    )
    assert ecran.montre("Un mail vient de vous être envoyé")
    assert ecran.montre("écran")
    assert not ecran.montre("Mot caché") and not ecran.montre("Invisible")
    with pytest.raises(ElementIntrouvable, match="« Mail parti » absent de l'écran « Écran »"):
        ecran.exiger("Mail parti", "réassort: demande")


def test_a_link_is_found_by_its_accessible_name() -> None:
    """Links by their text (or aria-label), resolved against the page's URL."""
    ecran = _ecran('<a href="/aide">AIDE</a><a href="entree" aria-label="ACCÉDER AU PORTAIL">→</a>')
    assert ecran.lien("accéder au portail") == "https://portail.example/connexion/entree"
    with pytest.raises(ElementIntrouvable, match="lien « JE VOTE » absent"):
        ecran.lien("JE VOTE")


def test_what_a_page_script_does_a_hidden_field_set_a_field_left_out_a_radio_read() -> None:
    """As the encrypted vote's page module does: the proof goes in a hidden input, the
    code field is not sent; the radio checked gives its label and value."""
    ecran = _ecran(
        '<form method="post"><input type="hidden" name="preuve" value="">'
        '<label for="c">Code de vote</label><input id="c" name="code_vote">'
        '<input type="radio" id="r1" name="liste" value="0"><label for="r1">Liste A</label>'
        '<input type="radio" id="r2" name="liste" value="1"><label for="r2">Liste B</label>'
        "<button>VALIDER</button></form>"
    )
    form = ecran.formulaire("VALIDER", ("Code de vote",)).remplir("Code de vote", "K7Q2")
    assert form.cochee() is None
    form.cocher("Liste B").poser_cache("preuve", '{"p":1}').retirer("Code de vote")
    assert form.cochee() == ("Liste B", "1")
    assert _paires(form.envoi()) == {"preuve": '{"p":1}', "liste": "1"}
    with pytest.raises(ElementIntrouvable, match="bulletin"):
        form.poser_cache("bulletin", "x")
