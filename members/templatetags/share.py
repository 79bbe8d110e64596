"""`{% share_meta %}`: the Open Graph and Twitter card meta of a page, so that a link to
it posted on a social site shows a preview. base.html gives every page the site's default;
the public pages of sessions, speakers, companies, case studies and news fill in their own.

Only what the page itself shows publicly goes in: the views decide, the tag escapes.
"""

from django import template
from django.conf import settings
from django.utils.encoding import escape_uri_path

register = template.Library()

DESCRIPTION_LENGTH = 200


def share_text(value: str, length: int = DESCRIPTION_LENGTH) -> str:
    """The text on one line, cut at a word to at most `length` characters with an
    ellipsis when longer."""
    text = " ".join(str(value).split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut[length // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-\u2013") + "…"


def absolute(path: str) -> str:
    """The site-relative path made absolute from SITE_URL, as links outside a request are."""
    if path.startswith(("https://", "http://")):
        return path
    return settings.SITE_URL + path


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(
    context: template.Context,
    *,
    title: str = "",
    description: str = "",
    image: dict | None = None,
    kind: str = "website",
) -> dict:
    """The meta tags for the current page. `image` is a dict of `url` (site-relative or
    absolute), `width`, `height` and `alt`; without one the card is the small "summary"."""
    request = context.get("request")
    site_name = settings.SITE_NAME
    path = escape_uri_path(request.path) if request is not None else "/"
    return {
        "site_name": site_name,
        "title": share_text(title, 120) or site_name,
        "description": share_text(description)
        or f"{site_name}: the users' group's conference, members and case studies.",
        "url": absolute(path),
        "kind": kind,
        "image": (
            {**image, "url": absolute(image["url"]), "alt": share_text(image["alt"], 420)}
            if image
            else None
        ),
    }
