"""Small, real JPEG pupil photos: a plain backdrop, a face, hair and a school jumper."""

from __future__ import annotations

import base64
import hashlib
import io
import random

from PIL import Image, ImageDraw

SIZE = (60, 80)
BACKDROPS = ((168, 196, 222), (200, 200, 205), (150, 170, 190), (214, 206, 190), (120, 150, 180))
SKIN = ((255, 224, 196), (241, 194, 158), (224, 172, 130), (198, 134, 94), (141, 85, 54),
        (96, 60, 40))  # fmt: skip
HAIR = ((40, 30, 25), (90, 60, 35), (160, 110, 60), (220, 190, 120), (20, 20, 20), (120, 40, 20))


def make_jpeg(rng: random.Random, uniform: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", SIZE, _jitter(rng, rng.choice(BACKDROPS)))
    draw = ImageDraw.Draw(image)
    hair = rng.choice(HAIR)
    long_hair = rng.random() < 0.5
    if long_hair:
        draw.rounded_rectangle((14, 10, 46, 56), radius=12, fill=hair)
    draw.rectangle((8, 56, 52, 80), fill=uniform)  # shoulders
    draw.rectangle((26, 46, 34, 58), fill=rng.choice(SKIN))  # neck
    skin = rng.choice(SKIN)
    draw.ellipse((17, 14, 43, 50), fill=skin)
    draw.chord((16, 9, 44, 36), 180, 360, fill=hair)
    eye_y = 30 + rng.randint(-1, 1)
    for eye_x in (24, 33):
        draw.ellipse((eye_x, eye_y, eye_x + 3, eye_y + 3), fill=(40, 40, 60))
    draw.arc((24, 36, 36, 44), 20, 160, fill=(150, 60, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.randint(88, 94))
    return buffer.getvalue()


def encode(jpeg: bytes) -> tuple[str, str]:
    """(hash, content): sha1 hex of the bytes, and the bytes in base64."""
    return hashlib.sha1(jpeg).hexdigest(), base64.b64encode(jpeg).decode("ascii")


def _jitter(rng: random.Random, colour: tuple[int, int, int]) -> tuple[int, int, int]:
    r, g, b = (max(0, min(255, c + rng.randint(-12, 12))) for c in colour)
    return (r, g, b)
