"""`{% avatar member size %}` and `{% logo company size %}`: a person's photo or a company's
logo, or their initials on a coloured disc when there is none.

A photo is shown only when the person made their profile public, as their job title and bio
are. Beside the name it goes with, a picture is decorative (empty alt); `labelled=True` gives
a photo or logo a text alternative where it is the page's subject. Initials only repeat the
name next to them, so screen readers skip them.
"""

from django import template

from members.models import Member, MemberCompany

register = template.Library()

# The square's side in CSS pixels for each size a page asks for (the renditions are twice
# that or more, for sharp pictures on dense screens).
AVATAR_SIZES = {"small": 40, "medium": 64, "large": 160}


@register.inclusion_tag("members/includes/picture.html")
def avatar(member: Member, size: str = "small", labelled: bool = False) -> dict:
    shown = member.public_profile and member.photo
    return {
        "url": (member.photo_large_url if size == "large" else member.photo_small_url)
        if shown
        else None,
        "alt": f"Photo of {member.name}" if labelled else "",
        "initials": member.initials,
        "colour": member.initials_colour,
        "size": size,
        "pixels": AVATAR_SIZES[size],
        "shape": "avatar",
    }


@register.inclusion_tag("members/includes/picture.html")
def logo(company: MemberCompany, size: str = "small", labelled: bool = False) -> dict:
    return {
        "url": company.logo_large_url if size == "large" else company.logo_small_url,
        "alt": f"{company.name} logo" if labelled else "",
        "initials": company.initials,
        "colour": company.initials_colour,
        "size": size,
        "shape": "logo",
    }
