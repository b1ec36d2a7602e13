"""Pupil photos: Wonde's base64 JPEG in, a small re-encoded thumbnail out.

Re-encoding drops every byte of metadata (EXIF, GPS, comments) and proves the file is an image;
the limits refuse anything too large before Pillow decodes it.
"""

from __future__ import annotations

import base64
import binascii
import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 4000 * 4000
THUMBNAIL = (150, 200)


class BadPhoto(ValueError):
    """The photo is not an image we accept; the message says why."""


@dataclass(frozen=True)
class Thumbnail:
    image: bytes
    width: int
    height: int


def make_thumbnail(content: str) -> Thumbnail:
    raw = _decode(content)
    try:
        with Image.open(io.BytesIO(raw)) as opened:
            if opened.format not in {"JPEG", "PNG"}:
                raise BadPhoto(f"is a {opened.format or 'unknown'} file, not a JPEG or PNG")
            if opened.width * opened.height > MAX_PIXELS:
                raise BadPhoto(f"is too large ({opened.width}x{opened.height} pixels)")
            opened.draft("RGB", THUMBNAIL)  # a big JPEG is decoded at a fraction of its size
            image = opened.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise BadPhoto(f"is not a readable image ({error})") from None
    image.thumbnail(THUMBNAIL)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return Thumbnail(image=out.getvalue(), width=image.width, height=image.height)


def _decode(content: str) -> bytes:
    if len(content) > MAX_BYTES * 4 // 3 + 4:
        raise BadPhoto(f"is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        return base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise BadPhoto("is not valid base64") from None
