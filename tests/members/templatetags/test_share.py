"""`{% share_meta %}` (members/templatetags/share.py): the Open Graph and Twitter card
meta every page carries, its defaults, its absolute addresses and its plain, short,
escaped text. The pages that fill it in are tested beside their views."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from members.templatetags.share import share_text
from tests.share_meta import HOSTILE, share_meta

pytestmark = pytest.mark.django_db


def render(source: str, path: str = "/somewhere/", **context) -> str:
    request = RequestFactory().get(path)
    return Template("{% load share %}" + source).render(Context({"request": request, **context}))


def test_share_meta_defaults_name_the_site_and_the_page(settings):
    settings.SITE_URL = "https://guildhall.example.org"
    settings.SITE_NAME = "Polaris Users' Group"

    meta = share_meta(render("<head>{% share_meta %}</head>", path="/case-studies/"))

    assert meta == {
        "og:site_name": "Polaris Users' Group",
        "og:type": "website",
        "og:title": "Polaris Users' Group",
        "og:description": (
            "Polaris Users' Group: the users' group's conference, members and case studies."
        ),
        "og:url": "https://guildhall.example.org/case-studies/",
        "twitter:card": "summary",
        "twitter:title": "Polaris Users' Group",
        "twitter:description": (
            "Polaris Users' Group: the users' group's conference, members and case studies."
        ),
    }


def test_share_meta_with_image_is_a_large_card_with_absolute_image(settings):
    settings.SITE_URL = "https://guildhall.example.org"
    image = {"url": "/x/share.png?v=1", "width": 1200, "height": 630, "alt": "A talk"}

    meta = share_meta(render("<head>{% share_meta title='T' image=image %}</head>", image=image))

    assert (
        meta["twitter:card"],
        meta["og:image"],
        meta["twitter:image"],
        meta["og:image:width"],
        meta["og:image:height"],
        meta["og:image:alt"],
        meta["og:image:type"],
    ) == (
        "summary_large_image",
        "https://guildhall.example.org/x/share.png?v=1",
        "https://guildhall.example.org/x/share.png?v=1",
        "1200",
        "630",
        "A talk",
        "image/png",
    )


def test_share_meta_escapes_quotes_markup_and_ampersands():
    html = render(
        "<head>{% share_meta title=title description=title %}</head>",
        title=HOSTILE,
    )

    meta = share_meta(html)

    assert "<script>" not in html
    assert (meta["og:title"], meta["og:description"], meta["twitter:title"]) == (
        HOSTILE,
        HOSTILE,
        HOSTILE,
    )


def test_share_meta_url_leaves_out_the_query_string(settings):
    settings.SITE_URL = "https://guildhall.example.org"

    meta = share_meta(render("<head>{% share_meta %}</head>", path="/members/?industry=x"))

    assert meta["og:url"] == "https://guildhall.example.org/members/"


def test_share_text_puts_text_on_one_line():
    assert share_text("Line one.\n\n  Line\ttwo.") == "Line one. Line two."


def test_share_text_cuts_long_text_at_a_word_with_an_ellipsis():
    text = share_text("word " * 100)

    assert (len(text) <= 200, text.endswith("word…"), "  " in text) == (True, True, False)


def test_share_text_keeps_text_of_exactly_the_length():
    assert share_text("a" * 200) == "a" * 200


def test_every_page_has_default_share_meta(client, settings):
    settings.SITE_URL = "https://guildhall.example.org"

    meta = share_meta(client.get("/news/"))

    assert (meta["og:url"], meta["twitter:card"], "og:image" in meta) == (
        "https://guildhall.example.org/news/",
        "summary",
        False,
    )
