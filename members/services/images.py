"""Speaker photos and company logos: an upload checked, cleaned and stored as renditions.

Only a real JPEG, PNG or WebP is taken (decoded by Pillow, whatever its name or declared
type says), no larger than IMAGE_MAX_BYTES nor of more than IMAGE_MAX_PIXELS. The EXIF
orientation is applied and every piece of metadata (EXIF with its GPS position, XMP, ICC,
comments) dropped; what is stored is a fixed set of renditions (members.images) drawn anew,
never the upload's bytes. Files go through Django's default storage, so an object store
configured in STORAGES (django-storages) holds them as well as the local disk does.
"""

import hashlib
import io
import warnings

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from members.images import LOGO, PHOTO, ImageSpec
from members.models import Member, MemberCompany

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
NOT_AN_IMAGE = "Upload a JPEG, PNG or WebP image; this file is not one."


def file_size(size: int) -> str:
    """A size in bytes as people read it: "2.5 MB", "800 KB"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(size / 1024))} KB"


def image_decode(*, upload: File) -> Image.Image:
    """The upload's picture, upright, or a ValidationError that says what is wrong with it."""
    limit = settings.IMAGE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            f"The file is {file_size(upload.size)}; upload one of at most {file_size(limit)}."
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(f"The file is over {file_size(limit)}; upload a smaller one.")
    too_large = ValidationError(
        f"The image has too many pixels; upload one of at most "
        f"{settings.IMAGE_MAX_PIXELS / 1_000_000:g} megapixels."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # The header alone tells the size: refuse a bomb before decoding a pixel of it
            # (Pillow's own limit, far higher, refuses the worst ones already in open()).
            probe = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            if probe.width * probe.height > settings.IMAGE_MAX_PIXELS:
                raise too_large
            probe.verify()
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            image.load()
            return ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_large from error
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ValidationError(NOT_AN_IMAGE) from error


def _flat(image: Image.Image, *, keep_alpha: bool) -> Image.Image:
    """RGB, or RGBA when transparency is kept, from any mode (CMYK, palette, grey, 16-bit)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if image.mode == "I;16" or image.mode == "I":
        image = image.point(lambda value: value / 256).convert("L")
    if has_alpha:
        image = image.convert("RGBA")
        if keep_alpha:
            return image
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, image).convert("RGB")
    image = image.convert("RGB")
    return image.convert("RGBA") if keep_alpha else image


def image_renditions(*, upload: File, spec: ImageSpec) -> dict[str, bytes]:
    """The encoded renditions of the upload, by rendition name, without any metadata."""
    source = _flat(image_decode(upload=upload), keep_alpha=not spec.crop)
    rendered: dict[str, bytes] = {}
    for rendition, box in spec.renditions.items():
        if spec.crop:
            picture = ImageOps.fit(source, box, Image.Resampling.LANCZOS)
        else:
            picture = source.copy()
            picture.thumbnail(box, Image.Resampling.LANCZOS)
        # Drawn onto a new image: nothing of the upload's info (EXIF, XMP, ICC, comments)
        # can ride along into the file.
        clean = Image.new(picture.mode, picture.size)
        clean.paste(picture)
        out = io.BytesIO()
        if spec.extension == "jpg":
            clean.save(out, "JPEG", quality=85, optimize=True, progressive=True)
        else:
            clean.save(out, "PNG", optimize=True)
        rendered[rendition] = out.getvalue()
    return rendered


def _store(*, spec: ImageSpec, owner_id: int, upload: File, field: str) -> str:
    """Store the upload's renditions; the stem naming them."""
    try:
        rendered = image_renditions(upload=upload, spec=spec)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    digest = hashlib.sha256(b"".join(rendered.values())).hexdigest()[:20]
    stem = f"images/{spec.kind}/{owner_id}/{digest}"
    for rendition, body in rendered.items():
        name = spec.name(stem, rendition)
        if not default_storage.exists(name):  # the same picture uploaded again
            default_storage.save(name, ContentFile(body))
    return stem


def _delete_later(*, spec: ImageSpec, stem: str) -> None:
    """Drop a replaced or removed image's files once the row no longer names them."""
    if not stem:
        return

    def delete() -> None:
        for name in spec.names(stem):
            default_storage.delete(name)

    transaction.on_commit(delete)


def _replace(*, owner: Member | MemberCompany, spec: ImageSpec, field: str, upload) -> None:
    old = getattr(owner, field)
    new = "" if upload is None else _store(spec=spec, owner_id=owner.pk, upload=upload, field=field)
    if new == old:
        return
    with transaction.atomic():
        setattr(owner, field, new)
        owner.save(update_fields=[field])
        _delete_later(spec=spec, stem=old)


def member_photo_set(*, member: Member, upload: File | None) -> None:
    """Set the person's photo from an upload, or remove it (upload None). The previous
    photo's files are deleted from storage once saved. A bad upload raises a ValidationError
    on `photo` and changes nothing."""
    _replace(owner=member, spec=PHOTO, field="photo", upload=upload)


def company_logo_set(*, company: MemberCompany, upload: File | None, actor: User) -> None:
    """Set the company's logo from an upload, or remove it (upload None), by its primary
    contact or an organizer (staff). The previous logo's files are deleted from storage once
    saved. A bad upload raises a ValidationError on `logo` and changes nothing."""
    is_contact = Member.objects.filter(
        user=actor, company=company, is_primary_contact=True
    ).exists()
    if not (is_contact or actor.is_staff):
        raise PermissionDenied("Only the company's primary contact changes its logo.")
    _replace(owner=company, spec=LOGO, field="logo", upload=upload)
