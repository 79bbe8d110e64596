"""The speakers list and speaker pages (events/schedule/views/site.py `speakers` and
`speaker_detail`): who speaks, in what order, public profiles and query budget."""

import pytest
from django.urls import reverse

from tests.factories import MemberFactory, ScheduleFactory, SlotFactory

pytestmark = pytest.mark.django_db


def test_speakers_lists_speakers_of_active_sessions_by_last_name(client):
    release = ScheduleFactory(released=True)
    for last in ("Zimmer", "Abbott"):
        SlotFactory(
            schedule=release, talk=True, submission__speakers=[MemberFactory(user__last_name=last)]
        )
    SlotFactory(
        schedule=release,
        talk=True,
        cancelled=True,
        submission__speakers=[MemberFactory(user__last_name="Gone")],
    )

    response = client.get(reverse("events:speakers", args=[release.conference.slug]))

    text = response.content.decode()
    assert text.index("Abbott") < text.index("Zimmer")
    assert "Gone" not in text


@pytest.mark.parametrize("count", [1, 5])
def test_speakers_runs_fixed_number_of_queries(client, django_assert_num_queries, count):
    release = ScheduleFactory(released=True)
    for _ in range(count):
        SlotFactory(schedule=release, talk=True)

    with django_assert_num_queries(4):
        client.get(reverse("events:speakers", args=[release.conference.slug]))


def test_speaker_page_shows_bio_only_for_public_profile(client):
    release = ScheduleFactory(released=True)
    public = MemberFactory(public_profile=True, bio="Loves <b>streams</b>.")
    private = MemberFactory(public_profile=False, bio="Private bio.")
    for member in (public, private):
        SlotFactory(schedule=release, talk=True, submission__speakers=[member])
    slug = release.conference.slug

    shown = client.get(reverse("events:speaker", args=[slug, public.pk])).content.decode()
    hidden = client.get(reverse("events:speaker", args=[slug, private.pk])).content.decode()

    assert "Loves &lt;b&gt;streams&lt;/b&gt;." in shown
    assert "Private bio." not in hidden
    assert private.company is not None
    assert private.company.name in hidden


def test_speaker_page_of_non_speaker_answers_404(client):
    release = ScheduleFactory(released=True)
    SlotFactory(schedule=release, talk=True)

    response = client.get(
        reverse("events:speaker", args=[release.conference.slug, MemberFactory().pk])
    )

    assert response.status_code == 404
