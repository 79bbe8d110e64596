"""Conferences and everything that happens at one, one module per part: the conference with its
rooms, tracks and formats; the call for papers' submissions and reviews; the schedule with its
released versions; registrations and personal agendas.

Every model is importable from `events.models`, which is also where Django and the migrations
look for them.
"""

from events.models.attendance import (
    EVALUATION_COMMENT_MAX_LENGTH,
    AgendaItem,
    Certificate,
    CheckIn,
    Evaluation,
    Registration,
    SessionAttendance,
    SessionSignup,
    SignupSheet,
    new_calendar_token,
    new_certificate_code,
)
from events.models.conference import (
    Conference,
    ConferenceQuerySet,
    Room,
    SessionFormat,
    Track,
    validate_timezone,
)
from events.models.mailing import MAILING_BODY_MAX_LENGTH, Mailing, MailingRecipient
from events.models.schedule import Schedule, ScheduleQuerySet, Slot, SlotQuerySet
from events.models.submission import (
    ABSTRACT_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    OUTLINE_MAX_LENGTH,
    EmailTemplate,
    Review,
    Submission,
    SubmissionInvitation,
    SubmissionQuerySet,
    SubmissionSpeaker,
    SubmissionTransition,
)

__all__ = [
    "ABSTRACT_MAX_LENGTH",
    "EVALUATION_COMMENT_MAX_LENGTH",
    "MAILING_BODY_MAX_LENGTH",
    "NOTES_MAX_LENGTH",
    "OUTLINE_MAX_LENGTH",
    "AgendaItem",
    "Certificate",
    "CheckIn",
    "Conference",
    "ConferenceQuerySet",
    "EmailTemplate",
    "Evaluation",
    "Mailing",
    "MailingRecipient",
    "Registration",
    "Review",
    "Room",
    "Schedule",
    "ScheduleQuerySet",
    "SessionAttendance",
    "SessionFormat",
    "SessionSignup",
    "SignupSheet",
    "Slot",
    "SlotQuerySet",
    "Submission",
    "SubmissionInvitation",
    "SubmissionQuerySet",
    "SubmissionSpeaker",
    "SubmissionTransition",
    "Track",
    "new_calendar_token",
    "new_certificate_code",
    "validate_timezone",
]
