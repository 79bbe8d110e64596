"""Shared by the tests of the public pages in events/schedule/views/site.py."""

from django.urls import reverse


def schedule_url(conference, **query) -> str:
    url = reverse("events:schedule", args=[conference.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
