"""Who may see a talk's slides and recording (events/cfp/selectors.py: materials_viewer,
materials_refusal): members of companies in good standing today, organizers and staff, the
talk's own speakers, and everyone from the conference's materials_public_from day (in its
timezone); nobody else."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from events.cfp.selectors import materials_refusal, materials_viewer
from events.models import Submission
from members.models import Membership
from tests.factories import (
    ConferenceFactory,
    MemberFactory,
    OrganizerFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()
MEMBERS_ONLY = (
    "The slides and recordings of Users' Summit are for people at member companies in good "
    "standing."
)


@pytest.fixture
def talk():
    conference = ConferenceFactory(name="Users' Summit")
    return SubmissionFactory(conference=conference, state=Submission.State.CONFIRMED)


def refusal(user, talk, now=NOW):
    viewer = materials_viewer(user=user, on=timezone.localdate(now))
    return materials_refusal(viewer=viewer, submission=talk, now=now)


def test_member_in_good_standing_may_see(talk):
    assert refusal(MemberFactory().user, talk) is None


def test_member_within_grace_period_may_see(talk):
    lapsing = MemberFactory(
        company__membership__starts_on=timezone.localdate() - datetime.timedelta(days=370),
        company__membership__ends_on=timezone.localdate() - datetime.timedelta(days=5),
    )

    assert refusal(lapsing.user, talk) is None


def test_member_of_lapsed_company_refused(talk):
    lapsed = MemberFactory(
        company__name="Orbit Bank", company__membership__state=Membership.State.LAPSED
    )

    assert refusal(lapsed.user, talk) == (
        f"{MEMBERS_ONLY} Orbit Bank's membership is not active; your company's primary contact "
        "can renew it."
    )


def test_member_whose_membership_ended_refused(talk):
    ended = MemberFactory(
        company__membership__starts_on=timezone.localdate() - datetime.timedelta(days=500),
        company__membership__ends_on=timezone.localdate() - datetime.timedelta(days=100),
    )

    assert refusal(ended.user, talk) is not None


def test_person_without_member_company_refused(talk):
    assert refusal(UserFactory(), talk) == MEMBERS_ONLY
    assert refusal(MemberFactory(company=None).user, talk) == MEMBERS_ONLY


def test_anonymous_refused_before_the_public_date(talk):
    talk.conference.materials_public_from = timezone.localdate() + datetime.timedelta(days=3)

    assert refusal(AnonymousUser(), talk) == (
        f"{MEMBERS_ONLY} Everyone may see them from "
        f"{talk.conference.materials_public_from.day} "
        f"{talk.conference.materials_public_from:%B %Y}."
    )


def test_anonymous_may_see_from_the_public_date_in_the_conference_timezone(talk):
    day = datetime.date(2030, 6, 20)
    talk.conference.materials_public_from = day
    # 00:30 on the day in Amsterdam, still the evening before in UTC.
    just_after = datetime.datetime(2030, 6, 19, 22, 30, tzinfo=datetime.UTC)
    just_before = datetime.datetime(2030, 6, 19, 21, 30, tzinfo=datetime.UTC)

    assert refusal(AnonymousUser(), talk, now=just_after) is None
    assert refusal(AnonymousUser(), talk, now=just_before) is not None


@pytest.mark.parametrize("make", [OrganizerFactory, lambda: UserFactory(is_staff=True)])
def test_organizers_and_staff_may_see(talk, make):
    assert refusal(make(), talk) is None


def test_speaker_of_the_talk_may_see_whatever_their_company(talk):
    speaker = MemberFactory(company__membership__state=Membership.State.LAPSED)
    own = SubmissionFactory(
        conference=talk.conference, speakers=[speaker], state=Submission.State.WITHDRAWN
    )

    assert refusal(speaker.user, own) is None
    assert refusal(speaker.user, talk) is not None


@pytest.mark.parametrize(
    "state", [Submission.State.WITHDRAWN, Submission.State.ALTERNATE, Submission.State.SUBMITTED]
)
def test_talk_not_in_the_program_refused_to_members_and_public(talk, state):
    talk.state = state
    talk.conference.materials_public_from = timezone.localdate() - datetime.timedelta(days=1)

    assert refusal(MemberFactory().user, talk) == "This talk is not in the program."
    assert refusal(AnonymousUser(), talk) == "This talk is not in the program."
