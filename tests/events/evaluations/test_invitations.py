"""Invitations to evaluate (events.evaluations.services.evaluation_invitations_send, the beat
task events.tasks.evaluation_invitations and `manage.py evaluation_invitations`): one digest
per attendee and conference day once the day's last talk has ended, never twice, only to
those who attended, have not evaluated and want this kind of mail, in constant queries."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from config.celery import app
from events.evaluations.services import evaluation_invitations_send, evaluation_submit
from events.models import SessionAttendance, SessionSignup
from events.tasks import evaluation_invitations
from members.models import MailKind, MailOptOut, OutgoingEmail
from tests.factories import (
    AgendaItemFactory,
    RegistrationFactory,
    SlotFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def invite(hall, hour: int, minute: int = 0, day: int = 0) -> int:
    return evaluation_invitations_send(now=hall.at(hour, minute, day))


def sent_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def afternoon_talk(hall, title: str = "Query plans explained"):
    """A second talk on the first day, 14:00 to 14:45."""
    return SlotFactory(
        schedule=hall.release,
        kind="talk",
        title="",
        submission=SubmissionFactory(conference=hall.conference, title=title),
        start=hall.at(14),
        end=hall.at(14, 45),
    )


def test_invitation_after_the_day_lists_the_session_with_its_evaluation_page(
    hall, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://guildhall.example.org"
    hall.attendee.user.email = "ada@orbit.example"
    hall.attendee.user.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):
        queued = invite(hall, 10)

    [message] = mail.outbox
    assert (queued, message.to) == (1, ["ada@orbit.example"])
    assert message.subject == ("Summit 2030: how were the sessions you attended on Monday 10 June?")
    assert "Compilers at scale\n" in message.body
    assert (
        f"https://guildhall.example.org/conferences/{hall.conference.slug}/sessions/"
        f"{hall.talk.uid}/evaluate/" in message.body
    )
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://guildhall.example.org/email/unsubscribe/"
    )
    assert OutgoingEmail.objects.get().kind == MailKind.EVALUATIONS


def test_invitation_run_again_sends_nothing_twice(hall, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(hall, 10)
        invite(hall, 10, 15)
        invite(hall, 18)

    assert (len(mail.outbox), OutgoingEmail.objects.count()) == (1, 1)


@pytest.mark.parametrize(
    ("hour", "minute", "day"),
    [(9, 30, 0), (9, 59, 0), (9, 31, 1)],
    ids=["as-it-ends", "before-people-leave", "after-the-look-back"],
)
def test_invitation_outside_its_window_is_not_sent(
    hall, hour, minute, day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queued = invite(hall, hour, minute, day)

    assert (queued, mail.outbox) == (0, [])


def test_invitation_waits_for_the_days_last_talk_and_lists_each_attended(
    hall, django_capture_on_commit_callbacks
):
    later = afternoon_talk(hall)
    AgendaItemFactory(registration=hall.registration, slot_uid=later.uid)

    with django_capture_on_commit_callbacks(execute=True):
        early = invite(hall, 10)
        late = invite(hall, 15, 15)

    [message] = mail.outbox
    assert (early, late) == (0, 1)
    assert message.body.index("Compilers at scale") < message.body.index("Query plans explained")


def test_invitation_leaves_out_sessions_evaluated_and_people_who_evaluated_all(
    hall, django_capture_on_commit_callbacks
):
    later = afternoon_talk(hall)
    AgendaItemFactory(registration=hall.registration, slot_uid=later.uid)
    done = RegistrationFactory(conference=hall.conference)
    AgendaItemFactory(registration=done, slot_uid=hall.talk.uid)
    for registration, talk in [(hall.registration, hall.talk), (done, hall.talk)]:
        evaluation_submit(
            registration=registration,
            slot_uid=talk.uid,
            content_rating=4,
            speaker_rating=4,
            now=hall.at(9, 40),
        )

    with django_capture_on_commit_callbacks(execute=True):
        invite(hall, 15, 15)

    [message] = mail.outbox
    assert message.to == [hall.attendee.user.email]
    assert "Query plans explained" in message.body
    assert "Compilers at scale" not in message.body


def test_invitation_not_sent_to_people_who_turned_it_off_or_did_not_attend(
    hall, django_capture_on_commit_callbacks
):
    MailOptOut.objects.create(user=hall.attendee.user, kind=MailKind.EVALUATIONS)
    RegistrationFactory(conference=hall.conference)  # registered, starred nothing

    with django_capture_on_commit_callbacks(execute=True):
        queued = invite(hall, 10)

    assert (queued, mail.outbox) == (0, [])


def test_invitation_for_a_sign_up_session_goes_to_the_seated_not_the_waitlist(
    hall, django_capture_on_commit_callbacks
):
    hall.talk.signup_required = True
    hall.talk.signup_cap = 1
    hall.talk.save(update_fields=["signup_required", "signup_cap"])
    seated, waiting = RegistrationFactory.create_batch(2, conference=hall.conference)
    for position, (registration, state) in enumerate(
        [(seated, SessionSignup.State.CONFIRMED), (waiting, SessionSignup.State.WAITLISTED)], 1
    ):
        SessionSignup.objects.create(
            registration=registration, slot_uid=hall.talk.uid, state=state, position=position
        )
        AgendaItemFactory(registration=registration, slot_uid=hall.talk.uid)

    with django_capture_on_commit_callbacks(execute=True):
        invite(hall, 10)

    assert sent_to() == [seated.user.email]


def test_invitation_where_sessions_are_checked_in_goes_to_those_recorded(
    hall, django_capture_on_commit_callbacks
):
    walk_in = RegistrationFactory(conference=hall.conference)
    SessionAttendance.objects.create(registration=walk_in, slot_uid=hall.talk.uid, at=hall.at(9))

    with django_capture_on_commit_callbacks(execute=True):
        invite(hall, 10)

    assert sent_to() == [walk_in.user.email]


@pytest.mark.parametrize("people", [1, 12])
def test_invitations_take_the_same_queries_for_one_or_many(
    hall, people, django_assert_num_queries, django_capture_on_commit_callbacks
):
    talks = [hall.talk] + [afternoon_talk(hall, f"Talk {n}") for n in range(people - 1)]
    others = RegistrationFactory.create_batch(people - 1, conference=hall.conference)
    for registration in [hall.registration, *others]:
        for talk in talks:
            if (registration, talk) != (hall.registration, hall.talk):  # starred already
                AgendaItemFactory(registration=registration, slot_uid=talk.uid)

    with django_capture_on_commit_callbacks(), django_assert_num_queries(11):
        queued = invite(hall, 15, 15)

    assert queued == people


def test_invitations_task_and_command_send_them(hall, django_capture_on_commit_callbacks):
    start = datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(hours=3)
    recent = SlotFactory(
        schedule=hall.release,
        kind="talk",
        title="",
        submission=SubmissionFactory(conference=hall.conference, title="Just given"),
        start=start,
        end=start + datetime.timedelta(hours=1),
    )
    AgendaItemFactory(registration=hall.registration, slot_uid=recent.uid)
    output = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        by_task = evaluation_invitations.delay().get()
        call_command("evaluation_invitations", now=hall.at(10).isoformat(), stdout=output)

    assert (by_task, output.getvalue()) == (1, "1 invitation(s) to evaluate queued.\n")
    assert ["Just given" in message.body for message in mail.outbox] == [True, False]
    assert "Compilers at scale" in mail.outbox[1].body


def test_invitations_command_refuses_a_bad_instant():
    with pytest.raises(CommandError, match="UTC offset"):
        call_command("evaluation_invitations", now="2030-06-10T10:00")


def test_invitations_task_is_on_the_beat_schedule():
    entry = app.conf.beat_schedule["evaluation-invitations"]

    assert entry["task"] == evaluation_invitations.name == "events.tasks.evaluation_invitations"
