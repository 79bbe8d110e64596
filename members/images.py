"""The renditions Guildhall keeps of an uploaded image, and their names in storage.

An upload is never kept as sent: members.services.images decodes it, strips its metadata and
stores these renditions, named `<stem>-<rendition>.<ext>`, through Django's default storage.
The owner's row keeps only the stem (`images/<kind>/<owner id>/<digest>`), so a new upload
gets new names and caches never show a stale image. Pure: imports nothing of the project.
"""

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class ImageSpec:
    kind: str
    # rendition name -> (width, height) in pixels
    renditions: dict[str, tuple[int, int]]
    # Photos are cropped to fill their square; logos are fitted inside their box, their
    # transparency kept.
    crop: bool
    extension: str

    def name(self, stem: str, rendition: str) -> str:
        return f"{stem}-{rendition}.{self.extension}"

    def names(self, stem: str) -> list[str]:
        return [self.name(stem, rendition) for rendition in self.renditions]


PHOTO = ImageSpec(
    kind="photos",
    renditions={"96": (96, 96), "400": (400, 400)},
    crop=True,
    extension="jpg",
)
LOGO = ImageSpec(
    kind="logos",
    renditions={"160": (160, 80), "480": (480, 240)},
    crop=False,
    extension="png",
)

# Initials are drawn on one of these colours (the .avatar-N classes in static/css), chosen by
# the name so that a person keeps theirs from page to page.
INITIALS_COLOURS = 8


def initials(name: str) -> str:
    """Up to two letters: the first of the first and of the last word."""
    words = [word for word in name.split() if word[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def initials_colour(name: str) -> int:
    return hashlib.sha256(name.encode()).digest()[0] % INITIALS_COLOURS
