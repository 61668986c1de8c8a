"""CAPTCHA: image, audio alternative, 'Nouveau CAPTCHA' control, single use."""

from __future__ import annotations

import io
import itertools
import struct
import wave
from pathlib import Path

from harnais.vocabulaire import vocabulaire
from simulator.captcha import AUDIO_RATE, render_wav
from simulator.mailsink import MailSink
from steps.mailbox import Mailbox
from tests.conftest import Portail, csrf_of, page_text, portail_regle


def _count_beeps_per_digit(wav_bytes: bytes) -> list[int]:
    """Decode the audio: a beep is a run of loud 10 ms windows, a pause of 400 ms or more
    ends a digit."""
    with wave.open(io.BytesIO(wav_bytes)) as wav:
        assert wav.getframerate() == AUDIO_RATE and wav.getnchannels() == 1
        frames = wav.readframes(wav.getnframes())
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)
    window = AUDIO_RATE // 100
    loud = [
        max(abs(s) for s in samples[i : i + window]) > 1000 for i in range(0, len(samples), window)
    ]
    runs = [(value, len(list(group))) for value, group in itertools.groupby(loud)]
    digits, beeps = [], 0
    for is_loud, length in runs:
        if is_loud:
            beeps += 1
        elif length >= 40 and beeps:
            digits.append(beeps)
            beeps = 0
    if beeps:
        digits.append(beeps)
    return digits


def test_audio_alternative_encodes_every_digit() -> None:
    """Each digit is as many beeps (ten for 0), separated by long pauses."""
    assert _count_beeps_per_digit(render_wav("30712")) == [3, 10, 7, 1, 2]


def test_audio_route_serves_the_sessions_code(portail: Portail) -> None:
    """/captcha.wav speaks the CAPTCHA the session must type."""
    page = portail.client.get("/identification")
    assert 'href="/captcha.wav' in page.text
    audio = portail.client.get("/captcha.wav")
    assert audio.headers["content-type"] == "audio/wav"
    expected = [int(d) or 10 for d in portail.captcha()]
    assert _count_beeps_per_digit(audio.content) == expected


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
