"""Photos and logos (members/services/images.py): only real images are taken, cleaned of
their metadata, stored as renditions under content-hashed names, and deleted on removal."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from members.images import LOGO, PHOTO
from members.services.images import company_logo_set, image_renditions, member_photo_set
from tests.factories import MemberCompanyFactory, MemberFactory, OrganizerFactory
from tests.images import gps_exif, image_bytes, upload


def opened(body: bytes) -> Image.Image:
    return Image.open(io.BytesIO(body))


def test_image_renditions_drop_the_exif_gps_position():
    body = image_bytes("PNG", exif=gps_exif())
    assert opened(body).getexif().get_ifd(0x8825)  # the upload does carry it

    for spec in (PHOTO, LOGO):
        for rendered in image_renditions(upload=upload(body), spec=spec).values():
            picture = opened(rendered)
            assert dict(picture.getexif()) == {}
            assert "exif" not in picture.info
            assert b"GPS" not in rendered


def test_image_renditions_turn_the_picture_as_its_exif_says():
    # 300 wide, 200 high, marked "rotate 90°": upright it stands 200 wide, 300 high.
    body = image_bytes("JPEG", exif=gps_exif(orientation=6))

    rendered = image_renditions(upload=upload(body, "p.jpg", "image/jpeg"), spec=LOGO)

    assert opened(rendered["480"]).size == (160, 240)


def test_image_renditions_crop_photos_square_at_each_size():
    rendered = image_renditions(upload=upload(image_bytes("WEBP")), spec=PHOTO)

    assert {name: opened(body).size for name, body in rendered.items()} == {
        "96": (96, 96),
        "400": (400, 400),
    }
    assert {opened(body).format for body in rendered.values()} == {"JPEG"}


def test_image_renditions_fit_logos_in_their_box_keeping_transparency():
    body = image_bytes("PNG", size=(1000, 250), mode="RGBA", colour=(0, 0, 0, 0))

    rendered = image_renditions(upload=upload(body), spec=LOGO)

    small = opened(rendered["160"])
    assert small.size == (160, 40)
    assert small.mode == "RGBA"
    assert small.getpixel((5, 5)) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("fmt", "mode", "colour"),
    [("JPEG", "CMYK", (255, 0, 0, 0)), ("PNG", "P", 5), ("PNG", "I;16", 40000)],
)
def test_image_renditions_take_cmyk_palette_and_16_bit_images(fmt, mode, colour):
    body = image_bytes(fmt, mode=mode, colour=colour)

    photo = opened(image_renditions(upload=upload(body), spec=PHOTO)["400"])
    logo = opened(image_renditions(upload=upload(body), spec=LOGO)["480"])

    assert (photo.mode, logo.mode) == ("RGB", "RGBA")
    if mode == "CMYK":  # cyan stays cyan, not inverted or black
        red, green, blue = photo.getpixel((200, 200))  # type: ignore[misc]  # an RGB pixel
        assert red < 60
        assert min(green, blue) > 200


def test_image_renditions_keep_a_palette_images_transparency():
    picture = Image.new("P", (200, 100), 0)
    picture.putpalette([255, 255, 255, 200, 0, 0])
    picture.paste(1, (0, 0, 100, 100))
    out = io.BytesIO()
    picture.save(out, "PNG", transparency=0)

    logo = opened(image_renditions(upload=upload(out.getvalue()), spec=LOGO)["480"])

    assert logo.getpixel((10, 10)) == (200, 0, 0, 255)
    assert logo.getpixel((190, 90))[3] == 0  # type: ignore[index]  # an RGBA pixel


def test_image_renditions_refuse_a_text_file_named_jpg():
    fake = upload(b"Just some notes, not a picture.\n" * 10, "portrait.jpg", "image/jpeg")

    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        image_renditions(upload=fake, spec=PHOTO)


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_image_renditions_refuse_other_image_formats(fmt):
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        image_renditions(upload=upload(image_bytes(fmt), "logo.png"), spec=LOGO)


def test_image_renditions_refuse_a_truncated_image():
    body = image_bytes("PNG", size=(400, 400), colour=None)
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        image_renditions(upload=upload(body[: len(body) // 2]), spec=PHOTO)


def test_image_renditions_refuse_a_file_over_the_size_limit(settings):
    settings.IMAGE_MAX_BYTES = 2 * 1024 * 1024
    body = image_bytes("PNG", size=(2000, 2000), mode="RGB", colour=None, compress_level=0)
    assert len(body) > settings.IMAGE_MAX_BYTES

    with pytest.raises(ValidationError, match=r"at most 2 MB"):
        image_renditions(upload=upload(body), spec=PHOTO)


def test_image_renditions_refuse_a_decompression_bomb(settings):
    # A 20,000 by 20,000 single-colour PNG compresses to a few hundred kilobytes but would
    # take 1.2 GB decoded: refused from its header, before decoding.
    body = image_bytes("PNG", size=(20_000, 20_000), mode="1", colour=0)
    assert len(body) < settings.IMAGE_MAX_BYTES

    with pytest.raises(ValidationError, match="at most 40 megapixels"):
        image_renditions(upload=upload(body), spec=PHOTO)


def test_image_renditions_refuse_an_image_over_the_pixel_limit(settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    body = image_bytes("PNG", size=(1001, 1000))

    with pytest.raises(ValidationError, match="at most 1 megapixels"):
        image_renditions(upload=upload(body), spec=PHOTO)
    image_renditions(upload=upload(image_bytes("PNG", size=(1000, 1000))), spec=PHOTO)


@pytest.mark.django_db
def test_member_photo_set_stores_renditions_and_removal_deletes_them(
    django_capture_on_commit_callbacks,
):
    member = MemberFactory()

    member_photo_set(member=member, upload=upload(image_bytes("PNG")))

    member.refresh_from_db()
    assert member.photo.startswith(f"images/photos/{member.pk}/")
    names = PHOTO.names(member.photo)
    assert all(default_storage.exists(name) for name in names)
    assert member.photo_small_url == default_storage.url(names[0])

    with django_capture_on_commit_callbacks(execute=True):
        member_photo_set(member=member, upload=None)

    member.refresh_from_db()
    assert member.photo == ""
    assert member.photo_small_url is None
    assert not any(default_storage.exists(name) for name in names)


@pytest.mark.django_db
def test_member_photo_set_names_files_by_content_and_deletes_the_replaced(
    django_capture_on_commit_callbacks,
):
    member = MemberFactory()
    member_photo_set(member=member, upload=upload(image_bytes("PNG", colour="red")))
    member.refresh_from_db()
    first = member.photo

    with django_capture_on_commit_callbacks(execute=True):
        member_photo_set(member=member, upload=upload(image_bytes("PNG", colour="blue")))

    member.refresh_from_db()
    assert member.photo != first
    assert not any(default_storage.exists(name) for name in PHOTO.names(first))
    assert all(default_storage.exists(name) for name in PHOTO.names(member.photo))


@pytest.mark.django_db
def test_member_photo_set_refuses_a_bad_upload_at_the_field_and_keeps_the_photo():
    member = MemberFactory()
    member_photo_set(member=member, upload=upload(image_bytes("PNG")))
    member.refresh_from_db()
    kept = member.photo

    with pytest.raises(ValidationError) as refused:
        member_photo_set(member=member, upload=upload(b"%PDF-1.7", "me.png"))

    assert list(refused.value.message_dict) == ["photo"]
    member.refresh_from_db()
    assert member.photo == kept


@pytest.mark.django_db
def test_company_logo_set_by_the_primary_contact_and_an_organizer():
    contact = MemberFactory(is_primary_contact=True)
    company = contact.company
    assert company is not None

    company_logo_set(company=company, upload=upload(image_bytes("PNG")), actor=contact.user)
    company.refresh_from_db()
    assert company.logo.startswith(f"images/logos/{company.pk}/")

    company_logo_set(company=company, upload=None, actor=OrganizerFactory())
    company.refresh_from_db()
    assert company.logo == ""


@pytest.mark.django_db
def test_company_logo_set_refuses_a_colleague_and_another_companys_contact():
    contact = MemberFactory(is_primary_contact=True)
    company = contact.company
    assert company is not None
    colleague = MemberFactory(company=company)
    stranger = MemberFactory(is_primary_contact=True, company=MemberCompanyFactory())

    for actor in (colleague.user, stranger.user):
        with pytest.raises(PermissionDenied):
            company_logo_set(company=company, upload=upload(image_bytes("PNG")), actor=actor)

    company.refresh_from_db()
    assert company.logo == ""
