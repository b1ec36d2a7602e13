"""Thumbnails: re-encoded JPEG, no metadata, bounded size, real images only."""

import base64
import io

import pytest
from PIL import Image

from pupilsync.sync.photos import MAX_BYTES, THUMBNAIL, BadPhoto, make_thumbnail


def encoded(size=(600, 800), fmt="JPEG", **save) -> str:
    out = io.BytesIO()
    Image.new("RGB", size, (120, 80, 200)).save(out, format=fmt, **save)
    return base64.b64encode(out.getvalue()).decode()


def test_a_photo_becomes_a_jpeg_thumbnail_within_the_bounds():
    thumb = make_thumbnail(encoded())
    with Image.open(io.BytesIO(thumb.image)) as image:
        assert image.format == "JPEG"
        assert image.width <= THUMBNAIL[0] and image.height <= THUMBNAIL[1]


def test_the_thumbnail_carries_no_metadata():
    exif = Image.Exif()
    exif[0x010E] = "Taken at 1 Secret Lane"  # ImageDescription
    thumb = make_thumbnail(encoded(exif=exif.tobytes()))
    assert b"Secret Lane" not in thumb.image
    with Image.open(io.BytesIO(thumb.image)) as image:
        assert not image.getexif()


def test_a_png_is_accepted_and_re_encoded_as_jpeg():
    with Image.open(io.BytesIO(make_thumbnail(encoded(fmt="PNG")).image)) as image:
        assert image.format == "JPEG"


def test_a_gif_is_refused():
    with pytest.raises(BadPhoto, match="GIF"):
        make_thumbnail(encoded(fmt="GIF"))


def test_bytes_that_are_not_an_image_are_refused():
    with pytest.raises(BadPhoto, match="not a readable image"):
        make_thumbnail(base64.b64encode(b"<html>not a photo</html>").decode())


def test_text_that_is_not_base64_is_refused():
    with pytest.raises(BadPhoto, match="base64"):
        make_thumbnail("this is not base64!")


def test_a_file_over_the_size_limit_is_refused_before_decoding():
    with pytest.raises(BadPhoto, match="larger than"):
        make_thumbnail("A" * (MAX_BYTES * 2))


def test_an_image_with_huge_dimensions_is_refused():
    with pytest.raises(BadPhoto, match="too large"):
        make_thumbnail(encoded(size=(5000, 4000), quality=1))
