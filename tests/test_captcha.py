"""CAPTCHA: image, audio alternative, 'Nouveau CAPTCHA' control, single use."""

from __future__ import annotations

import io
import wave
from pathlib import Path

from harnais.courrier import Mailbox
from harnais.vocabulaire import vocabulaire
from simulator.acces.captcha import SILENCE_DEBUT_S, SILENCE_ENTRE_S, VOIX, render_wav, voix
from simulator.mailsink import MailSink
from tests.conftest import Portail, csrf_of, page_text, portail_regle

ROOT = Path(__file__).resolve().parent.parent


def _trames(wav_bytes: bytes) -> tuple[tuple[int, int, int], bytes]:
    with wave.open(io.BytesIO(wav_bytes)) as wav:
        return (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()), wav.readframes(
            wav.getnframes()
        )


def _attendu(code: str) -> bytes:
    """The frames a code must sound as: a pause, then each digit's clip, pauses between."""
    v = voix()
    morceaux = [v.silence(SILENCE_DEBUT_S)]
    for index, chiffre in enumerate(code):
        morceaux += [v.silence(SILENCE_ENTRE_S)] if index else []
        morceaux.append(v.chiffres[chiffre])
    return b"".join(morceaux)


def test_the_ten_digits_are_french_recordings_of_their_own() -> None:
    """Ten clips, one format, each different and long enough to be a spoken word (the
    audio CAPTCHA is no longer beeps to count), with the command that recorded them."""
    clips = {}
    for chiffre in "0123456789":
        format_, trames = _trames((VOIX / f"{chiffre}.wav").read_bytes())
        clips[chiffre] = trames
        assert format_ == (1, 2, 22050)
        assert len(trames) / (2 * 22050) > 0.3, chiffre
    assert len(set(clips.values())) == 10
    assert "espeak-ng -v fr" in (ROOT / "scripts" / "enregistrer-chiffres.sh").read_text()


def test_the_audio_of_a_code_is_the_clips_of_its_digits() -> None:
    """The WAV of a code is exactly its digits' clips, in order, with the pauses."""
    for code in ("30712", "00000", "98765"):
        format_, trames = _trames(render_wav(code))
        assert format_ == (1, 2, 22050)
        assert trames == _attendu(code), code


def test_audio_route_serves_the_sessions_code(portail: Portail) -> None:
    """/captcha.wav speaks the CAPTCHA the session must type."""
    page = portail.client.get("/identification")
    assert 'href="/captcha.wav' in page.text
    audio = portail.client.get("/captcha.wav")
    assert audio.headers["content-type"] == "audio/wav"
    assert _trames(audio.content)[1] == _attendu(portail.captcha())


def test_new_captcha_control_changes_code_and_keeps_identifiant(portail: Portail) -> None:
    """'Nouveau CAPTCHA' redisplays the form with a new code, no error, identifiant kept."""
    page = portail.client.get("/identification")
    codes = {portail.captcha()}
    for _ in range(3):
        page = portail.client.post(
            "/identification",
            data={
                "csrf": csrf_of(page.text),
                "identifiant": "zoe.durand@ac-lyon.fr",
                "action": "nouveau_captcha",
            },
        )
        assert page.status_code == 200 and 'role="alert"' not in page.text
        assert 'value="zoe.durand@ac-lyon.fr"' in page.text
        codes.add(portail.captcha())
    assert len(codes) >= 3


def test_a_captcha_is_tried_only_once(portail: Portail) -> None:
    """After a wrong try the old code no longer works: a new one was shown."""
    electeur = portail.creer_electeur()
    page = portail.client.get("/identification")
    old = portail.captcha()
    portail.client.post(
        "/identification",
        data={"csrf": csrf_of(page.text), "identifiant": electeur["email"], "captcha": "x"},
    )
    replay = portail.client.post(
        "/identification",
        data={"csrf": csrf_of(page.text), "identifiant": electeur["email"], "captcha": old},
    )
    assert replay.status_code == 400


def test_a_recette_portal_takes_its_bypass_code_for_every_captcha(
    tmp_path: Path, sink: MailSink, mailbox: Mailbox
) -> None:
    """With `captcha_recette`, that code passes any CAPTCHA and any other wrong code is
    still refused; the hooks are off, as on a staging portal."""
    reglages = {"test_hooks": False, "captcha_recette": "13579"}
    with portail_regle(tmp_path, sink.smtp_port, **reglages) as portail:
        assert portail.client.get("/__test__/captcha").status_code == 404
        refuse = portail.identify("a.b@ac-reims.fr", captcha="24680")
        assert refuse.status_code == 400
        accepte = portail.identify("a.b@ac-reims.fr", captcha="13579")
        assert accepte.status_code == 200
        assert vocabulaire().titres.mot_de_passe in page_text(accepte)
