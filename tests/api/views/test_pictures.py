"""Photos and logos in the API (api/serializers/speakers.py, companies.py): absolute URLs of
the stored renditions, null without a picture or without a public profile, and no query more
for them."""

import pytest

from members.models import Member, MemberCompany
from members.services.images import company_logo_set, member_photo_set
from tests.factories import (
    MemberCompanyFactory,
    MemberFactory,
    OrganizerFactory,
    ScheduleFactory,
    SlotFactory,
)
from tests.images import image_bytes, upload


def test_speaker_carries_absolute_photo_urls(world, api_client):
    member_photo_set(member=world.member_a, upload=upload(image_bytes()))
    world.member_a.refresh_from_db()

    body = api_client("anonymous").get(f"/api/v1/speakers/{world.member_a.pk}/").json()

    assert (body["photo_url"], body["photo_thumbnail_url"]) == (
        f"http://testserver{world.member_a.photo_large_url}",
        f"http://testserver{world.member_a.photo_small_url}",
    )


def test_speaker_without_photo_has_null_urls(world, api_client):
    body = api_client("anonymous").get(f"/api/v1/speakers/{world.member_a.pk}/").json()

    assert (body["photo_url"], body["photo_thumbnail_url"]) == (None, None)


def test_session_speaker_photo_shown_only_with_a_public_profile(world, api_client):
    member_photo_set(member=world.member_a, upload=upload(image_bytes()))
    client = api_client("anonymous")
    url = f"/api/v1/sessions/{world.session.uid}/"

    shown = client.get(url).json()["speakers"][0]["photo_thumbnail_url"]
    Member.objects.filter(pk=world.member_a.pk).update(public_profile=False)
    hidden = client.get(url).json()["speakers"][0]["photo_thumbnail_url"]

    assert shown.startswith("http://testserver/media/images/photos/")
    assert hidden is None


def test_company_carries_absolute_logo_urls_and_null_without(world, api_client):
    company_logo_set(
        company=world.company_a, upload=upload(image_bytes()), actor=OrganizerFactory()
    )
    world.company_a.refresh_from_db()

    results = api_client("anonymous").get("/api/v1/companies/").json()["results"]

    logos = {c["slug"]: (c["logo_url"], c["logo_thumbnail_url"]) for c in results}
    assert logos == {
        "orbit-bank": (
            f"http://testserver{world.company_a.logo_large_url}",
            f"http://testserver{world.company_a.logo_small_url}",
        ),
        "nimbus-retail": (None, None),
    }


def test_logo_url_of_an_object_store_stays_as_it_is(world, api_client, settings):
    settings.MEDIA_URL = "https://media.example.net/guildhall/"
    company_logo_set(
        company=world.company_a, upload=upload(image_bytes()), actor=OrganizerFactory()
    )
    world.company_a.refresh_from_db()

    body = api_client("anonymous").get("/api/v1/companies/orbit-bank/").json()

    assert body["logo_url"] == world.company_a.logo_large_url
    assert body["logo_url"].startswith("https://media.example.net/guildhall/images/logos/")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 5])
def test_companies_with_logos_run_fixed_number_of_queries(
    api_client, django_assert_num_queries, count
):
    companies = MemberCompanyFactory.create_batch(count)
    company_logo_set(company=companies[0], upload=upload(image_bytes()), actor=OrganizerFactory())
    companies[0].refresh_from_db()
    MemberCompany.objects.update(logo=companies[0].logo)
    client = api_client("anonymous")

    with django_assert_num_queries(1):
        results = client.get("/api/v1/companies/").json()["results"]

    assert {c["slug"] for c in results} >= {c.slug for c in companies}
    assert all(c["logo_url"] for c in results)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 5])
def test_speakers_with_photos_run_fixed_number_of_queries(
    api_client, django_assert_num_queries, count
):
    release = ScheduleFactory(released=True)
    members = [MemberFactory(public_profile=True) for _ in range(count)]
    for member in members:
        SlotFactory(schedule=release, talk=True, submission__speakers=[member])
    member_photo_set(member=members[0], upload=upload(image_bytes()))
    members[0].refresh_from_db()
    Member.objects.update(photo=members[0].photo)
    client = api_client("anonymous")

    with django_assert_num_queries(2):
        results = client.get("/api/v1/speakers/").json()["results"]

    assert {s["id"] for s in results} >= {m.pk for m in members}
    assert all(s["photo_url"] for s in results)
