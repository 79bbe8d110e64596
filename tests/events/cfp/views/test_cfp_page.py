"""The public call for papers page and index (events/cfp/views.py): formats, tracks and
the deadline in the conference's time zone, the state of the call, and what a visitor,
an eligible member and an ineligible person are offered."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Membership
from tests.factories import ConferenceFactory, MemberFactory, TrackFactory, UserFactory

pytestmark = pytest.mark.django_db


# The public CfP page


def test_cfp_page_shows_formats_tracks_and_deadline_in_conference_timezone(
    client, conference, case_study_format
):
    TrackFactory(conference=conference, name="Pipelines")
    conference.cfp_closes_at = datetime.datetime(2099, 3, 1, 11, 0, tzinfo=datetime.UTC)
    conference.save()

    response = client.get(reverse("events:cfp", args=["summit"]))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Sunday 1 March 2099, 05:00" in text
    assert "America/Chicago" in text
    assert "Case study" in text
    assert "30 minutes" in text
    assert "Pipelines" in text
    assert "Intermediate" in text
    assert "&lt;script&gt;alert(&#x27;cfp&#x27;)&lt;/script&gt;" in text
    assert "<script>alert" not in text


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [(-5, 5, "left."), (5, 10, "Opens soon"), (-10, -5, "Closed")],
)
def test_cfp_page_shows_state(client, opens, closes, expected):
    now = timezone.now()
    ConferenceFactory(
        slug="summit",
        cfp_opens_at=now + datetime.timedelta(days=opens),
        cfp_closes_at=now + datetime.timedelta(days=closes),
    )

    response = client.get(reverse("events:cfp", args=["summit"]))

    assert expected in response.content.decode()


def test_cfp_page_asks_visitor_to_log_in(client, conference):
    response = client.get(reverse("events:cfp", args=["summit"]))

    text = response.content.decode()
    assert "Log in</a> to submit a proposal" in text
    assert "Submit a proposal</a>" not in text


def test_cfp_page_offers_the_form_to_eligible_member(speaker_client, conference):
    response = speaker_client.get(reverse("events:cfp", args=["summit"]))

    assert reverse("events:submission_new", args=["summit"]) in response.content.decode()


@pytest.mark.parametrize(
    ("make_member", "expected"),
    [
        (
            lambda: MemberFactory(
                company__name="Nimbus", company__membership__state=Membership.State.LAPSED
            ),
            "Nimbus&#x27;s membership is not active. Your company&#x27;s primary contact can "
            "renew it.",
        ),
        (
            lambda: MemberFactory(company__membership__tier__may_submit_talks=False),
            "does not include talks",
        ),
        (lambda: UserFactory(), "Only people at a member company can submit talks."),
    ],
    ids=["lapsed", "tier", "no-member"],
)
def test_cfp_page_tells_ineligible_person_why_and_what_to_do(
    client, conference, make_member, expected
):
    person = make_member()
    client.force_login(getattr(person, "user", person))

    response = client.get(reverse("events:cfp", args=["summit"]))

    text = response.content.decode()
    assert expected in text
    assert reverse("events:submission_new", args=["summit"]) not in text


def test_cfp_page_of_unknown_conference_is_404(client):
    assert client.get(reverse("events:cfp", args=["nope"])).status_code == 404


def test_cfp_index_lists_announced_calls(client, conference):
    ConferenceFactory(name="Unannounced", cfp_opens_at=None, cfp_closes_at=None)

    response = client.get(reverse("events:cfp_index"))

    text = response.content.decode()
    assert reverse("events:cfp", args=["summit"]) in text
    assert "Unannounced" not in text
