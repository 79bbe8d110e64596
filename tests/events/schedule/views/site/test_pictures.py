"""Speaker photos on the conference pages (speakers list, speaker and session pages): the
photo of a public profile, initials otherwise, names escaped in the text alternative, and
no query more for the pictures."""

import pytest
from django.urls import reverse

from members.models import Member
from members.services.images import member_photo_set
from tests.factories import MemberFactory, ScheduleFactory, SlotFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


def with_photos(*members: Member) -> str:
    """Give the members one stored photo and a public profile; its stem."""
    member_photo_set(member=members[0], upload=upload(image_bytes()))
    members[0].refresh_from_db()
    Member.objects.filter(pk__in=[m.pk for m in members]).update(
        photo=members[0].photo, public_profile=True
    )
    return members[0].photo


def test_speaker_page_photo_alt_text_escapes_the_name(client):
    release = ScheduleFactory(released=True)
    member = MemberFactory(user__first_name='<img src=x onerror="x">', user__last_name="Lovelace")
    with_photos(member)
    member.refresh_from_db()
    SlotFactory(schedule=release, talk=True, submission__speakers=[member])

    page = client.get(
        reverse("events:speaker", args=[release.conference.slug, member.pk])
    ).content.decode()

    assert (
        f'src="{member.photo_large_url}" alt="Photo of &lt;img src=x '
        'onerror=&quot;x&quot;&gt; Lovelace"'
    ) in page
    assert "<img src=x" not in page


def test_speaker_page_keeps_the_photo_of_a_private_profile_hidden(client):
    release = ScheduleFactory(released=True)
    member = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")
    with_photos(member)
    Member.objects.filter(pk=member.pk).update(public_profile=False)
    member.refresh_from_db()
    SlotFactory(schedule=release, talk=True, submission__speakers=[member])

    page = client.get(
        reverse("events:speaker", args=[release.conference.slug, member.pk])
    ).content.decode()

    assert member.photo_large_url not in page
    assert 'aria-hidden="true">AL</span>' in page


def test_session_page_shows_speaker_photos_and_initials(client):
    release = ScheduleFactory(released=True)
    pictured = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")
    with_photos(pictured)
    pictured.refresh_from_db()
    plain = MemberFactory(user__first_name="Grace", user__last_name="Hopper")
    slot = SlotFactory(schedule=release, talk=True, submission__speakers=[pictured, plain])

    page = client.get(
        reverse("events:session", args=[release.conference.slug, slot.uid])
    ).content.decode()

    assert f'src="{pictured.photo_small_url}" alt=""' in page
    assert 'aria-hidden="true">GH</span>' in page


@pytest.mark.parametrize("count", [1, 5])
def test_speakers_with_photos_runs_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    release = ScheduleFactory(released=True)
    members = [MemberFactory() for _ in range(count)]
    for member in members:
        SlotFactory(schedule=release, talk=True, submission__speakers=[member])
    with_photos(*members)

    with django_assert_num_queries(4):
        response = client.get(reverse("events:speakers", args=[release.conference.slug]))

    assert response.content.decode().count('<img class="avatar avatar-medium"') == count


@pytest.mark.parametrize("speakers", [1, 3])
def test_session_page_with_photos_runs_fixed_number_of_queries(
    client, django_assert_num_queries, speakers
):
    release = ScheduleFactory(released=True)
    members = [MemberFactory() for _ in range(speakers)]
    with_photos(*members)
    slot = SlotFactory(schedule=release, talk=True, submission__speakers=members)

    with django_assert_num_queries(5):
        response = client.get(reverse("events:session", args=[release.conference.slug, slot.uid]))

    assert response.content.decode().count('<img class="avatar avatar-small"') == speakers
