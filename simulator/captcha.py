"""CAPTCHA of digits: a random code and its PNG rendering."""

from __future__ import annotations

import io
import math
import random
import secrets
import struct
import wave
from functools import lru_cache

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


AUDIO_RATE = 8000


def _tone(seconds: float, frequency: float) -> bytes:
    samples = int(AUDIO_RATE * seconds)
    return b"".join(
        struct.pack("<h", int(12000 * math.sin(2 * math.pi * frequency * i / AUDIO_RATE)))
        for i in range(samples)
    )


def _silence(seconds: float) -> bytes:
    return b"\x00\x00" * int(AUDIO_RATE * seconds)


def render_wav(code: str) -> bytes:
    """Audio alternative: each digit as that many short beeps (ten for 0), long pause between.

    No speech synthesis is available offline; counted beeps stay usable by ear and are
    trivially checked by a test, which is what a simulator needs.
    """
    frames = [_silence(0.4)]
    for digit in code:
        beeps = int(digit) or 10
        for _ in range(beeps):
            frames += [_tone(0.09, 880.0), _silence(0.09)]
        frames.append(_silence(0.8))
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(AUDIO_RATE)
        wav.writeframes(b"".join(frames))
    return out.getvalue()
