"""Share meta (Open Graph, Twitter card) of the session and speaker pages in
events/schedule/views/site.py: the session's generated image, absolute addresses from
SITE_URL, plain escaped text, and nothing for what is not released."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image

from events.exports.share_image import card_digest
from events.schedule.views.share import session_share_card
from tests.factories import (
    MemberFactory,
    ScheduleFactory,
    SlotFactory,
    TrackFactory,
    local_datetime,
)
from tests.share_meta import HOSTILE, share_meta

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://guildhall.example.org"


def released_talk(**submission):
    release = ScheduleFactory(released=True)
    conference = release.conference
    start = local_datetime(conference, conference.starts_on, 10, 30)
    member = MemberFactory(
        user__first_name="Ada", user__last_name="Lovelace", company__name="Acme & Co"
    )
    slot = SlotFactory(
        schedule=release,
        talk=True,
        start=start,
        end=start + datetime.timedelta(minutes=45),
        submission__speakers=[member],
        submission__track=TrackFactory(conference=conference),
        **{f"submission__{name}": value for name, value in submission.items()},
    )
    return slot


def session_url(slot) -> str:
    return reverse("events:session", args=[slot.schedule.conference.slug, slot.uid])


def test_session_page_has_share_meta_with_its_image(client):
    slot = released_talk(title="Nightly loads", abstract="We moved the loads.\n\nIt worked.")
    conference = slot.schedule.conference
    digest = card_digest(session_share_card(conference=conference, slot=slot))
    page = f"https://guildhall.example.org/conferences/{conference.slug}/sessions/{slot.uid}/"

    meta = share_meta(client.get(session_url(slot)))

    assert meta["og:title"] == "Nightly loads"
    assert meta["og:url"] == page
    assert meta["og:image"] == f"{page}share.png?v={digest}"
    assert meta["twitter:card"] == "summary_large_image"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"].startswith("Nightly loads · Ada Lovelace, Acme & Co · ")
    assert meta["og:description"] == (
        f"{conference.name}, {slot.start.astimezone(conference.tz):%A} "
        f"{conference.starts_on.day} {conference.starts_on:%B %Y}, 10:30, {slot.room.name}. "
        "We moved the loads. It worked."
    )


def test_session_page_share_image_address_serves_the_image(client):
    slot = released_talk()
    image_url = share_meta(client.get(session_url(slot)))["og:image"]

    response = client.get(image_url.removeprefix("https://guildhall.example.org"))

    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    assert "immutable" in response["Cache-Control"]


def test_session_page_share_meta_is_escaped(client):
    slot = released_talk(title=HOSTILE, abstract=HOSTILE)

    response = client.get(session_url(slot))
    meta = share_meta(response)

    assert b"<script>alert" not in response.content
    assert (meta["og:title"], meta["twitter:title"]) == (HOSTILE, HOSTILE)
    assert meta["og:description"].endswith(HOSTILE)
    assert meta["og:image:alt"].startswith(HOSTILE)


def test_session_page_share_description_is_short(client):
    slot = released_talk(abstract="streaming " * 80)

    description = share_meta(client.get(session_url(slot)))["og:description"]

    assert (len(description) <= 200, description.endswith("streaming…")) == (True, True)


def test_unreleased_session_is_404_without_its_meta(client):
    slot = SlotFactory(schedule=ScheduleFactory(), talk=True, submission__title="Unreleased")

    response = client.get(session_url(slot))

    assert response.status_code == 404
    assert b"Unreleased" not in response.content


def test_speaker_page_has_share_meta_of_public_profile(client):
    slot = released_talk(title="Nightly loads")
    member = slot.submission.speakers.get()
    member.public_profile = True
    member.job_title = 'Head of "data" & <ops>'
    member.bio = "Builds pipelines."
    member.save()
    conference = slot.schedule.conference

    response = client.get(reverse("events:speaker", args=[conference.slug, member.pk]))
    meta = share_meta(response)

    assert b"<ops>" not in response.content
    assert (meta["og:title"], meta["og:type"], meta["twitter:card"], "og:image" in meta) == (
        "Ada Lovelace",
        "profile",
        "summary",
        False,
    )
    assert meta["og:description"] == (
        f'Head of "data" & <ops>, Acme & Co. Speaking at {conference.name}: Nightly loads. '
        "Builds pipelines."
    )


def test_speaker_page_share_meta_leaves_out_a_private_profile(client):
    slot = released_talk(title="Nightly loads")
    member = slot.submission.speakers.get()
    member.public_profile = False
    member.job_title = "Secret title"
    member.bio = "Private bio."
    member.save()
    conference = slot.schedule.conference

    meta = share_meta(client.get(reverse("events:speaker", args=[conference.slug, member.pk])))

    assert meta["og:description"] == f"Acme & Co. Speaking at {conference.name}: Nightly loads."


def test_speaker_of_no_released_session_is_404(client):
    working = ScheduleFactory()
    member = MemberFactory(user__first_name="Unannounced")
    SlotFactory(schedule=working, talk=True, submission__speakers=[member])
    ScheduleFactory(conference=working.conference, released=True)

    response = client.get(reverse("events:speaker", args=[working.conference.slug, member.pk]))

    assert response.status_code == 404
    assert b"Unannounced" not in response.content
