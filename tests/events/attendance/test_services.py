"""Registering for a conference (which pass a person gets), starring sessions and a new
calendar feed token: the services in events/attendance/services.py that the site's forms
and the API call."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.attendance.services import (
    agenda_star,
    agenda_unstar,
    registration_calendar_token_regenerate,
    registration_create,
    registration_see_release,
)
from events.models import AgendaItem, Registration
from members.models import Membership
from tests.events.attendance.conftest import company_with_passes
from tests.factories import (
    ConferenceFactory,
    MemberFactory,
    OrganizerFactory,
    RegistrationFactory,
    ScheduleFactory,
    SlotFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PassType = Registration.PassType


def test_registration_create_gives_member_pass_while_company_has_passes():
    conference = ConferenceFactory()
    member = MemberFactory(company=company_with_passes(2))

    registration = registration_create(conference=conference, user=member.user)

    assert registration.pass_type == PassType.MEMBER


def test_registration_create_gives_paid_pass_when_company_passes_are_used_up():
    conference = ConferenceFactory()
    company = company_with_passes(1)
    first, second = MemberFactory(company=company), MemberFactory(company=company)
    registration_create(conference=conference, user=first.user)

    registration = registration_create(conference=conference, user=second.user)

    assert (registration.pass_type, first.user.registrations.get().pass_type) == (
        PassType.PAID,
        PassType.MEMBER,
    )


def test_registration_create_passes_of_other_conference_do_not_count():
    company = company_with_passes(1)
    registration_create(conference=ConferenceFactory(), user=MemberFactory(company=company).user)

    registration = registration_create(
        conference=ConferenceFactory(), user=MemberFactory(company=company).user
    )

    assert registration.pass_type == PassType.MEMBER


def test_registration_create_gives_speaker_pass_without_using_company_passes():
    conference = ConferenceFactory()
    company = company_with_passes(1)
    speaker = MemberFactory(company=company)
    SubmissionFactory(conference=conference, speakers=[speaker], state="confirmed")
    colleague = MemberFactory(company=company)

    spoken = registration_create(conference=conference, user=speaker.user)
    other = registration_create(conference=conference, user=colleague.user)

    assert (spoken.pass_type, other.pass_type) == (PassType.SPEAKER, PassType.MEMBER)


def test_registration_create_rejected_speaker_gets_no_speaker_pass():
    conference = ConferenceFactory()
    speaker = MemberFactory(company=company_with_passes(0))
    SubmissionFactory(conference=conference, speakers=[speaker], state="rejected")

    registration = registration_create(conference=conference, user=speaker.user)

    assert registration.pass_type == PassType.PAID


def test_registration_create_gives_staff_pass_to_organizer():
    registration = registration_create(conference=ConferenceFactory(), user=OrganizerFactory())

    assert registration.pass_type == PassType.STAFF


@pytest.mark.parametrize(
    "member_kwargs",
    [
        None,
        {"company": None},
        {"company__membership__state": Membership.State.LAPSED},
    ],
    ids=["no member profile", "guest speaker", "lapsed membership"],
)
def test_registration_create_gives_paid_pass_without_current_membership(member_kwargs):
    user = UserFactory() if member_kwargs is None else MemberFactory(**member_kwargs).user

    registration = registration_create(conference=ConferenceFactory(), user=user)

    assert registration.pass_type == PassType.PAID


def test_registration_create_refuses_second_registration():
    registration = RegistrationFactory()

    with pytest.raises(ValidationError) as refusal:
        registration_create(conference=registration.conference, user=registration.user)

    assert refusal.value.code == "already_registered"


def test_registration_create_refuses_conference_that_is_over():
    today = timezone.localdate()
    conference = ConferenceFactory(
        starts_on=today - datetime.timedelta(days=10), ends_on=today - datetime.timedelta(days=9)
    )

    with pytest.raises(ValidationError) as refusal:
        registration_create(conference=conference, user=UserFactory())

    assert refusal.value.code == "conference_over"


def released_talk(**kwargs):
    release = ScheduleFactory(released=True)
    return SlotFactory(schedule=release, talk=True, **kwargs)


def test_agenda_star_adds_session_and_moves_agenda_changed_at():
    slot = released_talk()
    registration = RegistrationFactory(conference=slot.schedule.conference)
    later = timezone.now() + datetime.timedelta(hours=1)

    agenda_star(registration=registration, slot_uid=slot.uid, now=later)

    registration.refresh_from_db()
    assert list(registration.agenda_items.values_list("slot_uid", flat=True)) == [slot.uid]
    assert registration.agenda_changed_at == later


def test_agenda_star_twice_keeps_one_item_and_the_first_change_time():
    slot = released_talk()
    registration = RegistrationFactory(conference=slot.schedule.conference)
    first = timezone.now() + datetime.timedelta(hours=1)
    agenda_star(registration=registration, slot_uid=slot.uid, now=first)

    agenda_star(
        registration=registration, slot_uid=slot.uid, now=first + datetime.timedelta(hours=1)
    )

    registration.refresh_from_db()
    assert (registration.agenda_items.count(), registration.agenda_changed_at) == (1, first)


def test_agenda_star_refuses_cancelled_session():
    slot = released_talk(cancelled=True)
    registration = RegistrationFactory(conference=slot.schedule.conference)

    with pytest.raises(ValidationError) as refusal:
        agenda_star(registration=registration, slot_uid=slot.uid)

    assert refusal.value.code == "cancelled"
    assert not AgendaItem.objects.exists()


def test_agenda_star_refuses_session_only_in_working_copy():
    slot = SlotFactory(talk=True)
    ScheduleFactory(conference=slot.schedule.conference, released=True)
    registration = RegistrationFactory(conference=slot.schedule.conference)

    with pytest.raises(ValidationError) as refusal:
        agenda_star(registration=registration, slot_uid=slot.uid)

    assert refusal.value.code == "unknown_session"


def test_agenda_star_refuses_session_of_other_conference():
    slot = released_talk()
    registration = RegistrationFactory()

    with pytest.raises(ValidationError) as refusal:
        agenda_star(registration=registration, slot_uid=slot.uid)

    assert refusal.value.code == "unknown_session"


def test_agenda_unstar_removes_item_and_moves_agenda_changed_at():
    slot = released_talk()
    registration = RegistrationFactory(conference=slot.schedule.conference)
    agenda_star(registration=registration, slot_uid=slot.uid)
    later = timezone.now() + datetime.timedelta(hours=2)

    removed = agenda_unstar(registration=registration, slot_uid=slot.uid, now=later)

    registration.refresh_from_db()
    assert (removed, registration.agenda_items.count()) == (True, 0)
    assert registration.agenda_changed_at == later


def test_agenda_unstar_of_unstarred_session_changes_nothing():
    registration = RegistrationFactory()
    before = registration.agenda_changed_at

    removed = agenda_unstar(
        registration=registration,
        slot_uid=released_talk().uid,
        now=timezone.now() + datetime.timedelta(hours=2),
    )

    registration.refresh_from_db()
    assert (removed, registration.agenda_changed_at) == (False, before)


def test_registration_see_release_records_latest_release():
    release = ScheduleFactory(released=True)
    registration = RegistrationFactory(conference=release.conference)

    registration_see_release(registration=registration, release=release)

    registration.refresh_from_db()
    assert registration.last_seen_release == release


# Personal calendar feed tokens


def test_registration_calendar_token_regenerate_replaces_token_with_new_secret():
    registration = RegistrationFactory()
    old = registration.calendar_token

    registration_calendar_token_regenerate(registration=registration)

    registration.refresh_from_db()
    assert registration.calendar_token != old
    assert len(registration.calendar_token) >= 43  # 32 random bytes, base64url


def test_registration_calendar_token_regenerate_leaves_others_alone():
    registration = RegistrationFactory()
    other = RegistrationFactory(user=registration.user)
    before = other.calendar_token

    registration_calendar_token_regenerate(registration=registration)

    other.refresh_from_db()
    assert other.calendar_token == before
