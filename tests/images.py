"""Images made in memory for the upload tests: real files of each accepted format, with or
without metadata, and files that only pretend to be images."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image


def image_bytes(
    fmt: str = "PNG",
    *,
    size: tuple[int, int] = (300, 200),
    mode: str = "RGB",
    colour: object = "teal",
    **save,
) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, fmt, **save)  # type: ignore[arg-type]  # Pillow takes any colour spec
    return out.getvalue()


def gps_exif(*, orientation: int | None = None) -> bytes:
    """EXIF naming a camera and the place a picture was taken (and how to turn it)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Pocket camera"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 7.0)
    return exif.tobytes()


def upload(body: bytes, name: str = "picture.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, body, content_type=content_type)
