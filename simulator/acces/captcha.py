"""CAPTCHA of digits: a random code, its PNG rendering and its spoken French audio."""

from __future__ import annotations

import io
import random
import secrets
import wave
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

CODE_LENGTH = 5


def new_code() -> str:
    """A fresh code of random digits."""
    return "".join(secrets.choice("0123456789") for _ in range(CODE_LENGTH))


ANGLES = tuple(range(-24, 25, 6))  # nine tilts per digit


@lru_cache(maxsize=1)
def _glyphs() -> dict[tuple[str, int], Image.Image]:
    """Every digit drawn once at every tilt: a CAPTCHA is then pasted, not drawn."""
    font = ImageFont.load_default(size=42)
    glyphs = {}
    for digit in "0123456789":
        upright = Image.new("RGBA", (50, 60), (0, 0, 0, 0))
        ImageDraw.Draw(upright).text((8, 2), digit, font=font, fill=(30, 40, 110, 255))
        for angle in ANGLES:
            glyphs[digit, angle] = upright.rotate(angle, resample=Image.Resampling.BICUBIC)
    return glyphs


def render_png(code: str) -> bytes:
    """Draw the digits, each shifted and tilted, over noise lines."""
    # Seeded from the code so the same code always gives the same picture.
    rng = random.Random(code)
    glyphs = _glyphs()
    width, height = 40 * len(code) + 20, 70
    image = Image.new("RGB", (width, height), (245, 245, 240))
    draw = ImageDraw.Draw(image)
    for index, digit in enumerate(code):
        glyph = glyphs[digit, rng.choice(ANGLES)]
        image.paste(glyph, (10 + index * 40, rng.randint(0, 10)), glyph)
    for _ in range(6):
        points = [(rng.randint(0, width), rng.randint(0, height)) for _ in range(2)]
        draw.line(points, fill=(rng.randint(90, 180),) * 3, width=2)
    out = io.BytesIO()
    # Fast zlib level: the picture is tiny, the CPU is what a peak runs short of.
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


# The ten digits spoken in French, recorded once (scripts/enregistrer-chiffres.sh).
VOIX = Path(__file__).with_name("voix")
SILENCE_DEBUT_S = 0.4
SILENCE_ENTRE_S = 0.5


@dataclass(frozen=True)
class Voix:
    """The digit clips (raw PCM frames) and the format they share."""

    parametres: wave._wave_params
    chiffres: dict[str, bytes]

    def silence(self, secondes: float) -> bytes:
        """That long a silence in the clips' format."""
        p = self.parametres
        return b"\x00" * p.sampwidth * p.nchannels * int(p.framerate * secondes)


@lru_cache(maxsize=1)
def voix() -> Voix:
    """The ten clips, read once; all in one format, or the portal refuses to start."""
    chiffres: dict[str, bytes] = {}
    parametres = None
    for chiffre in "0123456789":
        with wave.open(str(VOIX / f"{chiffre}.wav"), "rb") as clip:
            courant = clip.getparams()
            if parametres is not None and courant[:3] != parametres[:3]:
                raise ValueError(f"voix/{chiffre}.wav n'a pas le format des autres chiffres")
            parametres = courant
            chiffres[chiffre] = clip.readframes(clip.getnframes())
    assert parametres is not None
    return Voix(parametres, chiffres)


def render_wav(code: str) -> bytes:
    """The audio alternative: the digits spoken in French, one after the other, assembled
    from the recorded clips as the image is from its glyphs (no speech service at run
    time), with a pause before the first and between two digits."""
    v = voix()
    frames = [v.silence(SILENCE_DEBUT_S)]
    for index, chiffre in enumerate(code):
        if index:
            frames.append(v.silence(SILENCE_ENTRE_S))
        frames.append(v.chiffres[chiffre])
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(v.parametres.nchannels)
        wav.setsampwidth(v.parametres.sampwidth)
        wav.setframerate(v.parametres.framerate)
        wav.writeframes(b"".join(frames))
    return out.getvalue()
