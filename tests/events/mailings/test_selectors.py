"""Who a mailing reaches (events/mailings/selectors.py): each audience filter, filters
combined, opt-outs and inactive accounts left out, and the preview's count."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from events.mailings.selectors import Audience, audience_preview, audience_recipients
from events.models import Mailing, Submission
from members.models import MailKind, MailOptOut, Membership
from members.roles import CHECKIN_STAFF, ORGANIZERS, PROGRAM_COMMITTEE
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    MemberCompanyFactory,
    MemberFactory,
    MembershipFactory,
    MembershipTierFactory,
    OrganizerFactory,
    RegistrationFactory,
    ReviewerFactory,
    SlotFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def names(audience: Audience) -> set[str]:
    return set(audience_recipients(audience=audience).values_list("username", flat=True))


def test_audience_by_tier_takes_the_latest_period():
    gold, silver = MembershipTierFactory(name="Gold"), MembershipTierFactory(name="Silver")
    gold_company = MemberCompanyFactory(membership__tier=gold)
    silver_company = MemberCompanyFactory(membership__tier=silver)
    # A company that was gold last year and is silver now counts as silver.
    moved = MemberCompanyFactory(membership__tier=silver)
    today = timezone.localdate()
    MembershipFactory(
        company=moved,
        tier=gold,
        starts_on=today - datetime.timedelta(days=600),
        ends_on=today - datetime.timedelta(days=300),
        state=Membership.State.LAPSED,
    )
    MemberFactory(user__username="gold-person", company=gold_company)
    MemberFactory(user__username="silver-person", company=silver_company)
    MemberFactory(user__username="moved-person", company=moved)

    assert names(Audience(tier_ids=(gold.pk,))) == {"gold-person"}
    assert names(Audience(tier_ids=(gold.pk, silver.pk))) == {
        "gold-person",
        "silver-person",
        "moved-person",
    }


def test_audience_by_standing():
    good = MemberCompanyFactory()
    today = timezone.localdate()
    lapsed = MemberCompanyFactory(
        membership__starts_on=today - datetime.timedelta(days=500),
        membership__ends_on=today - datetime.timedelta(days=100),
        membership__state=Membership.State.LAPSED,
    )
    MemberFactory(user__username="good-person", company=good)
    MemberFactory(user__username="lapsed-person", company=lapsed)
    UserFactory(username="no-company")

    assert names(Audience(standing=Mailing.Standing.GOOD)) == {"good-person"}
    assert names(Audience(standing=Mailing.Standing.NOT_GOOD)) == {"lapsed-person"}


def test_audience_by_role():
    OrganizerFactory(username="org")
    ReviewerFactory(username="rev")
    UserFactory(username="door", roles=[CHECKIN_STAFF])
    contact = MemberFactory(user__username="contact", is_primary_contact=True)
    MemberFactory(user__username="colleague", company=contact.company)

    assert names(Audience(roles=(Mailing.Role.ORGANIZERS,))) == {"org"}
    assert names(Audience(roles=(Mailing.Role.PROGRAM_COMMITTEE,))) == {"rev"}
    assert names(Audience(roles=(Mailing.Role.CHECKIN_STAFF,))) == {"door"}
    assert names(Audience(roles=(Mailing.Role.PRIMARY_CONTACTS,))) == {"contact"}
    assert names(Audience(roles=(Mailing.Role.ORGANIZERS, Mailing.Role.PRIMARY_CONTACTS))) == {
        "org",
        "contact",
    }
    assert {ORGANIZERS, PROGRAM_COMMITTEE} <= set(Group.objects.values_list("name", flat=True))


def test_audience_speakers_by_submission_state_in_one_conference():
    conference, other = ConferenceFactory(), ConferenceFactory()
    accepted = SubmissionFactory(conference=conference, state=Submission.State.ACCEPTED)
    rejected = SubmissionFactory(conference=conference, state=Submission.State.REJECTED)
    elsewhere = SubmissionFactory(conference=other, state=Submission.State.ACCEPTED)
    speaker = accepted.speakers.get().user
    rejected_speaker = rejected.speakers.get().user
    elsewhere.speakers.get().user  # noqa: B018 - exists, and must not be chosen

    audience = Audience(conference_id=conference.pk, submission_states=("accepted",))
    assert names(audience) == {speaker.username}
    both = Audience(conference_id=conference.pk, submission_states=("accepted", "rejected"))
    assert names(both) == {speaker.username, rejected_speaker.username}


def test_audience_registrants_of_a_conference():
    conference = ConferenceFactory()
    RegistrationFactory(conference=conference, user__username="coming")
    RegistrationFactory(user__username="elsewhere")
    UserFactory(username="not-registered")

    assert names(Audience(conference_id=conference.pk, registrants=True)) == {"coming"}


def test_audience_who_starred_a_session_or_a_track():
    conference = ConferenceFactory()
    data, cloud = TrackFactory(conference=conference), TrackFactory(conference=conference)
    talk = SlotFactory(talk=True, schedule__conference=conference, submission__track=data)
    other = SlotFactory(
        talk=True,
        schedule=talk.schedule,
        submission__track=cloud,
        room=talk.room,
        start=talk.end,
        end=talk.end + datetime.timedelta(minutes=30),
    )
    AgendaItemFactory(
        registration__conference=conference, registration__user__username="fan", slot_uid=talk.uid
    )
    AgendaItemFactory(
        registration__conference=conference,
        registration__user__username="other-fan",
        slot_uid=other.uid,
    )

    assert names(Audience(conference_id=conference.pk, starred_session=str(talk.uid))) == {"fan"}
    assert names(Audience(conference_id=conference.pk, starred_track_id=cloud.pk)) == {"other-fan"}


def test_audience_filters_combine_with_and():
    conference = ConferenceFactory()
    tier = MembershipTierFactory()
    member = MemberFactory(user__username="both", company__membership__tier=tier)
    RegistrationFactory(conference=conference, user=member.user)
    MemberFactory(user__username="member-only", company=member.company)
    RegistrationFactory(conference=conference, user__username="registrant-only")

    audience = Audience(tier_ids=(tier.pk,), conference_id=conference.pk, registrants=True)
    assert names(audience) == {"both"}


def test_audience_leaves_out_opt_outs_of_its_kind_inactive_and_addressless():
    conference = ConferenceFactory()
    for username in ("keen", "opted-out", "cfp-opted-out", "inactive", "no-address"):
        RegistrationFactory(conference=conference, user__username=username)
    MailOptOut.objects.create(
        user=UserFactory._meta.model.objects.get(username="opted-out"), kind=MailKind.ANNOUNCEMENTS
    )
    MailOptOut.objects.create(
        user=UserFactory._meta.model.objects.get(username="cfp-opted-out"), kind=MailKind.CFP
    )
    UserFactory._meta.model.objects.filter(username="inactive").update(is_active=False)
    UserFactory._meta.model.objects.filter(username="no-address").update(email="")

    audience = Audience(conference_id=conference.pk, registrants=True, kind=MailKind.ANNOUNCEMENTS)
    assert names(audience) == {"keen", "cfp-opted-out"}
    cfp = Audience(conference_id=conference.pk, registrants=True, kind=MailKind.CFP)
    assert names(cfp) == {"keen", "opted-out"}


def test_audience_preview_counts_and_gives_the_first(django_assert_num_queries):
    conference = ConferenceFactory()
    first = RegistrationFactory(conference=conference).user
    RegistrationFactory(conference=conference)

    with django_assert_num_queries(2):
        count, person = audience_preview(
            audience=Audience(conference_id=conference.pk, registrants=True)
        )

    assert (count, person) == (2, first)
