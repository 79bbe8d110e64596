"""Speaker photos and company logos for the demo, drawn with Pillow at seed time (nothing is
downloaded), and stored through the same service as an upload. Some people and companies are
left without, so the demo shows initials too.

A "photo" is a stylised portrait (a head and shoulders on a soft two-colour background); a
logo is a mark and the company's initials on a transparent background. Colours come from the
name, so a rerun on a fresh database draws the same pictures.
"""

import hashlib
import io

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from members.images import initials
from members.models import Member, MemberCompany
from members.services.images import company_logo_set, member_photo_set

BACKGROUNDS = ((214, 228, 240), (236, 222, 206), (220, 236, 222), (232, 220, 236))
SHIRTS = ((31, 95, 168), (30, 122, 70), (107, 63, 160), (163, 38, 79), (74, 85, 104))
SKIN = ((241, 204, 176), (224, 172, 135), (176, 122, 84), (120, 80, 52))
HAIR = ((40, 30, 25), (110, 70, 40), (200, 160, 90), (90, 90, 90))
MARKS = ((31, 95, 168), (15, 106, 115), (179, 38, 30), (138, 90, 0), (107, 63, 160))


def _pick(name: str, palette: tuple, salt: str) -> tuple[int, int, int]:
    digest = hashlib.sha256(f"{salt}:{name}".encode()).digest()
    return palette[digest[0] % len(palette)]


def _png(image: Image.Image) -> ContentFile:
    out = io.BytesIO()
    image.save(out, "PNG")
    return ContentFile(out.getvalue(), name="demo.png")


def portrait(name: str, size: int = 480) -> ContentFile:
    background = _pick(name, BACKGROUNDS, "bg")
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    for row in range(size):  # a soft vertical gradient
        shade = tuple(max(0, channel - row * 40 // size) for channel in background)
        draw.line([(0, row), (size, row)], fill=shade)
    skin, hair, shirt = (
        _pick(name, SKIN, "skin"),
        _pick(name, HAIR, "hair"),
        _pick(name, SHIRTS, "shirt"),
    )
    unit = size / 12
    draw.ellipse([2 * unit, 8 * unit, 10 * unit, 15 * unit], fill=shirt)  # shoulders
    draw.rectangle([5.2 * unit, 6.5 * unit, 6.8 * unit, 8.6 * unit], fill=skin)  # neck
    draw.ellipse([3.6 * unit, 1.6 * unit, 8.4 * unit, 7.2 * unit], fill=hair)  # hair
    draw.ellipse([4 * unit, 2.4 * unit, 8 * unit, 7.4 * unit], fill=skin)  # face
    return _png(image)


def logo_mark(name: str) -> ContentFile:
    """A wide logo: a rounded mark with a cut-out initial, and the company's initials."""
    colour = _pick(name, MARKS, "mark")
    image = Image.new("RGBA", (640, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([20, 20, 220, 220], radius=48, fill=(*colour, 255))
    letters = initials(name)
    font = ImageFont.load_default(size=120)
    draw.text((120, 122), letters[0], font=font, fill=(255, 255, 255, 255), anchor="mm")
    draw.text(
        (250, 122), letters, font=ImageFont.load_default(size=150), fill=(*colour, 255), anchor="lm"
    )
    return _png(image)


def pictures_create(
    *, people: dict[str, Member], companies: dict[str, MemberCompany], organizer: User
) -> tuple[int, int]:
    """Photos for two in three people with a public profile, logos for two in three companies;
    the counts made."""
    photos = 0
    for position, member in enumerate(people.values()):
        if member.public_profile and position % 3 != 2:
            member_photo_set(member=member, upload=portrait(member.name))
            photos += 1
    logos = 0
    for position, company in enumerate(companies.values()):
        if position % 3 != 2:
            company_logo_set(company=company, upload=logo_mark(company.name), actor=organizer)
            logos += 1
    return photos, logos
