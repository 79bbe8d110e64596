"""Evaluating a session and issuing a certificate (events/evaluations/services.py): every
rule and each refusal."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from events.evaluations.services import certificate_issue, evaluation_submit
from events.models import Certificate, Evaluation, Registration, SessionAttendance, SessionSignup
from tests.factories import (
    AgendaItemFactory,
    RegistrationFactory,
    SlotFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def refusal(refused: pytest.ExceptionInfo) -> tuple[str, str]:
    """The field and the code of a refusal that names its field."""
    [(field, [error])] = refused.value.error_dict.items()
    return field, error.code


def submit(hall, **overrides):
    values = {
        "registration": hall.registration,
        "slot_uid": hall.talk.uid,
        "content_rating": 4,
        "speaker_rating": 5,
        "comment": "  Clear and useful.  ",
        "now": hall.at(9, 31),
    } | overrides
    return evaluation_submit(**values)


def test_evaluation_submit_by_a_starrer_after_the_session_records_it(hall):
    evaluation = submit(hall)

    stored = Evaluation.objects.get()
    assert stored == evaluation
    assert (stored.slot_uid, stored.content_rating, stored.speaker_rating, stored.comment) == (
        hall.talk.uid,
        4,
        5,
        "Clear and useful.",
    )


def test_evaluation_submit_at_the_very_end_of_the_session_is_allowed(hall):
    submit(hall, now=hall.at(9, 30))

    assert Evaluation.objects.count() == 1


def test_evaluation_submit_before_the_session_ends_is_refused(hall):
    with pytest.raises(ValidationError) as refused:
        submit(hall, now=hall.at(9, 29))

    assert refusal(refused) == ("session", "not_ended")
    assert "once it has ended, at 09:30 on 10 June" in refused.value.messages[0]
    assert not Evaluation.objects.exists()


def test_evaluation_submit_by_someone_who_did_not_star_it_is_refused(hall):
    stranger = RegistrationFactory(conference=hall.conference)

    with pytest.raises(ValidationError) as refused:
        submit(hall, registration=stranger)

    assert refusal(refused) == ("session", "not_attended")
    assert not Evaluation.objects.exists()


def test_evaluation_submit_by_a_starrer_not_recorded_when_attendance_is_taken_is_refused(hall):
    other = RegistrationFactory(conference=hall.conference)
    SessionAttendance.objects.create(registration=other, slot_uid=hall.talk.uid, at=hall.at(9, 5))

    with pytest.raises(ValidationError) as refused:
        submit(hall)

    assert refusal(refused) == ("session", "not_attended")


def test_evaluation_submit_by_someone_recorded_at_the_session_needs_no_star(hall):
    walk_in = RegistrationFactory(conference=hall.conference)
    SessionAttendance.objects.create(registration=walk_in, slot_uid=hall.talk.uid, at=hall.at(9, 5))

    submit(hall, registration=walk_in)

    assert Evaluation.objects.get().registration == walk_in


def signed_up(hall, state: str, *, starred: bool) -> Registration:
    """A registration signed up (in `state`) for the talk, now a session that requires
    sign-up; with a star too when `starred`."""
    hall.talk.signup_required = True
    hall.talk.signup_cap = 1
    hall.talk.save(update_fields=["signup_required", "signup_cap"])
    registration = RegistrationFactory(conference=hall.conference)
    SessionSignup.objects.create(
        registration=registration, slot_uid=hall.talk.uid, state=state, position=1
    )
    if starred:
        AgendaItemFactory(registration=registration, slot_uid=hall.talk.uid)
    return registration


def test_evaluation_submit_by_a_confirmed_sign_up_needs_no_star(hall):
    seated = signed_up(hall, SessionSignup.State.CONFIRMED, starred=False)

    submit(hall, registration=seated)

    assert Evaluation.objects.get().registration == seated


@pytest.mark.parametrize("starred", [False, True])
def test_evaluation_submit_by_someone_left_on_the_waitlist_is_refused(hall, starred):
    waiting = signed_up(hall, SessionSignup.State.WAITLISTED, starred=starred)

    with pytest.raises(ValidationError) as refused:
        submit(hall, registration=waiting)

    assert refusal(refused) == ("session", "not_attended")
    assert refused.value.messages == [
        "You were on the waitlist for “Compilers at scale” and did not get a seat, "
        "so you cannot evaluate it."
    ]
    assert not Evaluation.objects.exists()


def test_evaluation_submit_by_a_starrer_without_a_seat_at_a_sign_up_session_is_refused(hall):
    hall.talk.signup_required = True
    hall.talk.signup_cap = 5
    hall.talk.save(update_fields=["signup_required", "signup_cap"])

    with pytest.raises(ValidationError) as refused:
        submit(hall)

    assert refusal(refused) == ("session", "not_attended")


def test_evaluation_submit_by_a_confirmed_sign_up_not_recorded_when_attendance_is_taken_is_refused(
    hall,
):
    seated = signed_up(hall, SessionSignup.State.CONFIRMED, starred=False)
    SessionAttendance.objects.create(
        registration=hall.registration, slot_uid=hall.talk.uid, at=hall.at(9, 5)
    )

    with pytest.raises(ValidationError) as refused:
        submit(hall, registration=seated)

    assert refusal(refused) == ("session", "not_attended")


def test_evaluation_submit_a_second_time_is_refused(hall):
    submit(hall)

    with pytest.raises(ValidationError) as refused:
        submit(hall, content_rating=1, now=hall.at(11))

    assert refusal(refused) == ("session", "already_evaluated")
    assert Evaluation.objects.get().content_rating == 4


def test_evaluation_submit_of_an_unknown_session_is_refused(hall):
    with pytest.raises(ValidationError) as refused:
        submit(hall, slot_uid="not-a-uuid")

    assert refusal(refused) == ("session", "unknown_session")


def test_evaluation_submit_of_a_cancelled_session_is_refused(hall):
    hall.talk.cancelled = True
    hall.talk.save()

    with pytest.raises(ValidationError) as refused:
        submit(hall)

    assert refusal(refused) == ("session", "unknown_session")


def test_evaluation_submit_of_a_break_is_refused(hall):
    lunch = SlotFactory(schedule=hall.release, kind="meal", title="Lunch", room=None)
    AgendaItemFactory(registration=hall.registration, slot_uid=lunch.uid)

    with pytest.raises(ValidationError) as refused:
        submit(hall, slot_uid=lunch.uid, now=hall.at(12))

    assert refusal(refused) == ("session", "unknown_session")


@pytest.mark.parametrize(("field", "value"), [("content_rating", 0), ("speaker_rating", 6)])
def test_evaluation_submit_with_a_rating_out_of_range_is_refused(hall, field, value):
    with pytest.raises(ValidationError) as refused:
        submit(hall, **{field: value})

    assert field in refused.value.error_dict
    assert not Evaluation.objects.exists()


def test_evaluation_submit_with_a_too_long_comment_is_refused(hall):
    with pytest.raises(ValidationError) as refused:
        submit(hall, comment="x" * 2001)

    assert "comment" in refused.value.error_dict
    assert not Evaluation.objects.exists()


def test_certificate_issue_lists_the_ended_sessions_attended_with_their_credits(hall):
    later = SlotFactory(
        schedule=hall.release,
        kind="talk",
        title="",
        submission=SubmissionFactory(
            conference=hall.conference, state="accepted", title="Afternoon talk"
        ),
        start=hall.at(14),
        end=hall.at(15),
    )
    AgendaItemFactory(registration=hall.registration, slot_uid=later.uid)

    certificate = certificate_issue(registration=hall.registration, now=hall.at(12))

    assert certificate.name == "Ada Lovelace"
    assert certificate.credit_hours == Decimal("1.5")
    assert [session["title"] for session in certificate.sessions] == ["Compilers at scale"]
    assert certificate.sessions[0]["when"] == "Mon 10 Jun 2030, 09:00"
    assert len(certificate.code) == 17


def test_certificate_issue_again_later_keeps_the_code_and_adds_the_new_sessions(hall):
    later_format_hours = Decimal("0.75")
    later = SlotFactory(
        schedule=hall.release,
        kind="talk",
        title="",
        submission=SubmissionFactory(
            conference=hall.conference,
            state="accepted",
            format__credit_hours=later_format_hours,
        ),
        start=hall.at(14),
        end=hall.at(15),
    )
    AgendaItemFactory(registration=hall.registration, slot_uid=later.uid)
    first = certificate_issue(registration=hall.registration, now=hall.at(12))

    again = certificate_issue(registration=hall.registration, now=hall.at(16))

    assert again.code == first.code
    assert again.credit_hours == Decimal("2.25")
    assert again.issued_at == hall.at(16)
    assert Certificate.objects.count() == 1


def test_certificate_issue_unchanged_keeps_the_issue_time(hall):
    certificate_issue(registration=hall.registration, now=hall.at(12))

    again = certificate_issue(registration=hall.registration, now=hall.at(16))

    assert again.issued_at == hall.at(12)


def test_certificate_issue_before_any_attended_session_ends_is_refused(hall):
    with pytest.raises(ValidationError) as refused:
        certificate_issue(registration=hall.registration, now=hall.at(9, 10))

    assert refusal(refused) == ("registration", "nothing_attended")
    assert not Certificate.objects.exists()


def test_certificate_issue_for_someone_who_attended_nothing_is_refused(hall):
    stranger = RegistrationFactory(conference=hall.conference)

    with pytest.raises(ValidationError) as refused:
        certificate_issue(registration=stranger, now=hall.at(18, day=1))

    assert refusal(refused) == ("registration", "nothing_attended")


def test_certificate_issue_leaves_out_sessions_starred_but_not_recorded_when_attendance_is_taken(
    hall,
):
    SessionAttendance.objects.create(
        registration=RegistrationFactory(conference=hall.conference),
        slot_uid=hall.talk.uid,
        at=hall.at(9),
    )

    with pytest.raises(ValidationError) as refused:
        certificate_issue(registration=hall.registration, now=hall.at(18, day=1))

    assert refusal(refused) == ("registration", "nothing_attended")
