"""The webhooks of the members app's services: `announcement.posted` when an announcement
is posted (by the service or the admin), and `membership.changed` when a period is created,
activated or lapses (members.services.case_studies, announcements and memberships)."""

import datetime

import pytest

from members.models import Membership
from members.services.case_studies import announcement_post
from members.services.memberships import membership_create, membership_run_daily
from tests.factories import (
    MemberCompanyFactory,
    MembershipFactory,
    MembershipTierFactory,
    OrganizerFactory,
)
from tests.webhooks.conftest import make_endpoint, sent
from webhooks.models import EventType

pytestmark = pytest.mark.django_db

POSTED, MEMBERSHIP = EventType.ANNOUNCEMENT_POSTED, EventType.MEMBERSHIP_CHANGED
JAN_1 = datetime.date(2030, 1, 1)


@pytest.fixture(autouse=True)
def endpoint():
    return make_endpoint("https://hooks.example.com/in", POSTED, MEMBERSHIP)


def test_posting_an_announcement_sends_it_once(settings):
    at = datetime.datetime(2030, 2, 1, 8, tzinfo=datetime.UTC)

    announcement = announcement_post(
        title="Call for papers open",
        body="Send us <b>talks</b>.",
        author=OrganizerFactory(),
        published_at=at,
    )

    assert sent(POSTED) == [
        {
            "announcement": {
                "id": announcement.pk,
                "title": "Call for papers open",
                "slug": "call-for-papers-open",
                "body": "Send us <b>talks</b>.",
                "published_at": "2030-02-01T08:00:00Z",
                "url": f"{settings.SITE_URL}/news/call-for-papers-open/",
            }
        }
    ]


def test_posting_an_announcement_in_the_admin_sends_it_once(organizer_client):
    response = organizer_client.post(
        "/admin/members/announcement/add/",
        {
            "title": "Venue news",
            "slug": "venue-news",
            "body": "A bigger hall.",
            "published_at_0": "2030-02-01",
            "published_at_1": "08:00:00",
        },
    )

    assert response.status_code == 302
    assert [data["announcement"]["title"] for data in sent(POSTED)] == ["Venue news"]


def test_a_new_membership_period_is_sent_as_created():
    company = MemberCompanyFactory(name="Orbit Logistics", slug="orbit", membership=None)
    tier = MembershipTierFactory(name="Gold")

    membership = membership_create(
        company=company, tier=tier, starts_on=JAN_1, ends_on=datetime.date(2030, 12, 31)
    )

    assert sent(MEMBERSHIP) == [
        {
            "change": "created",
            "from_state": "",
            "membership": {
                "id": membership.pk,
                "company": {"slug": "orbit", "name": "Orbit Logistics"},
                "tier": "Gold",
                "starts_on": "2030-01-01",
                "ends_on": "2030-12-31",
                "state": "pending",
            },
        }
    ]


def test_daily_activation_and_lapse_are_each_sent_once():
    paid = MembershipFactory(
        state=Membership.State.PENDING,
        starts_on=JAN_1,
        ends_on=datetime.date(2030, 12, 31),
        paid_on=datetime.date(2029, 12, 1),
    )
    ended = MembershipFactory(
        state=Membership.State.ACTIVE,
        starts_on=datetime.date(2028, 1, 1),
        ends_on=datetime.date(2028, 12, 31),
    )

    membership_run_daily(today=datetime.date(2030, 1, 2))
    membership_run_daily(today=datetime.date(2030, 1, 2))

    assert sorted(
        (d["membership"]["id"], d["change"], d["from_state"], d["membership"]["state"])
        for d in sent(MEMBERSHIP)
    ) == sorted(
        [
            (paid.pk, "activated", "pending", "active"),
            (ended.pk, "lapsed", "active", "lapsed"),
        ]
    )
