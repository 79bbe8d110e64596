"""Reading a page's share meta (Open Graph and Twitter card tags), for the tests of the tag
and of the pages that fill it in."""

import lxml.html

HOSTILE = """Quotes "double" & 'single' <script>alert(1)</script>"""


def share_meta(response_or_html) -> dict[str, str]:
    """The page's og: and twitter: meta, by property or name, their values unescaped."""
    html = getattr(response_or_html, "content", response_or_html)
    tree = lxml.html.fromstring(html)
    found = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or ""
        if key.startswith(("og:", "twitter:")):
            assert key not in found, f"{key} twice"
            found[key] = meta.get("content", "")
    return found
