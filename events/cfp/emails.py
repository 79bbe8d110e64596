"""The e-mails the call for papers and the sessions' waitlists send: their codes, the
placeholders each may use, the wording shipped with Guildhall, and the substitution that fills
them in.

Pure text handling: the EmailTemplate model validates against it and
events.cfp.services.email_send renders and sends with it. Mail is plain text, so a speaker's
title is sent as typed and no mail client interprets it as markup.
"""

import re

PLACEHOLDER = re.compile(r"\{(\w+)\}")

SUBMISSION_RECEIVED = "submission_received"
CO_SPEAKER_INVITATION = "co_speaker_invitation"
SUBMISSION_ACCEPTED = "submission_accepted"
SUBMISSION_REJECTED = "submission_rejected"
CONFIRM_REMINDER = "confirm_reminder"
WAITLIST_PROMOTED = "waitlist_promoted"
SUBMISSION_ALTERNATE = "submission_alternate"
ALTERNATE_PROMOTED = "alternate_promoted"

CODES = (
    (SUBMISSION_RECEIVED, "Submission received"),
    (CO_SPEAKER_INVITATION, "Co-speaker invitation"),
    (SUBMISSION_ACCEPTED, "Submission accepted"),
    (SUBMISSION_REJECTED, "Submission rejected"),
    (CONFIRM_REMINDER, "Reminder to confirm"),
    (WAITLIST_PROMOTED, "Seat from the waitlist"),
    (SUBMISSION_ALTERNATE, "Submission accepted as alternate"),
    (ALTERNATE_PROMOTED, "Alternate promoted"),
)

_COMMON = ("site_name", "conference", "title")
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    SUBMISSION_RECEIVED: (*_COMMON, "speaker_name", "link", "deadline"),
    CO_SPEAKER_INVITATION: (*_COMMON, "inviter_name", "link", "expires"),
    SUBMISSION_ACCEPTED: (*_COMMON, "speaker_name", "link"),
    SUBMISSION_REJECTED: (*_COMMON, "speaker_name", "link"),
    CONFIRM_REMINDER: (*_COMMON, "speaker_name", "link"),
    WAITLIST_PROMOTED: (*_COMMON, "attendee_name", "when", "link"),
    SUBMISSION_ALTERNATE: (*_COMMON, "speaker_name", "link"),
    ALTERNATE_PROMOTED: (*_COMMON, "speaker_name", "link"),
}

DEFAULTS: dict[str, tuple[str, str]] = {
    SUBMISSION_RECEIVED: (
        "We received “{title}”",
        "Dear {speaker_name},\n\n"
        "Thank you for submitting “{title}” to {conference}. The program committee will "
        "review it after the call for papers closes ({deadline}). Until then you can still "
        "edit it or withdraw it:\n\n{link}\n\n{site_name}",
    ),
    CO_SPEAKER_INVITATION: (
        "{inviter_name} invites you to speak at {conference}",
        "Hello,\n\n"
        "{inviter_name} has proposed the talk “{title}” for {conference} and would like you "
        "to present it with them. Follow this link to create your account (or log in) and "
        "join the proposal:\n\n{link}\n\n"
        "The link works once and expires on {expires}. If you did not expect this e-mail, "
        "ignore it.\n\n{site_name}",
    ),
    SUBMISSION_ACCEPTED: (
        "“{title}” is accepted for {conference}",
        "Dear {speaker_name},\n\n"
        "Congratulations: the program committee has accepted “{title}” for {conference}. "
        "Please confirm that you will present it, or withdraw it if you cannot, here:\n\n"
        "{link}\n\n{site_name}",
    ),
    SUBMISSION_REJECTED: (
        "About your proposal “{title}”",
        "Dear {speaker_name},\n\n"
        "Thank you for proposing “{title}” for {conference}. We received many more proposals "
        "than the program has room for, and the program committee could not accept this one. "
        "We hope to see you at the conference and to read your proposal next year.\n\n"
        "Your submissions: {link}\n\n{site_name}",
    ),
    CONFIRM_REMINDER: (
        "Please confirm “{title}”",
        "Dear {speaker_name},\n\n"
        "“{title}” was accepted for {conference}, but we have not yet heard that you will "
        "present it. Please confirm it, or withdraw it if you cannot come, here:\n\n"
        "{link}\n\n{site_name}",
    ),
    WAITLIST_PROMOTED: (
        "You have a seat at “{title}”",
        "Dear {attendee_name},\n\n"
        "A seat came free at “{title}” ({when}) at {conference}, and as the first on its "
        "waitlist you have it now. If you cannot come after all, please give the seat up so "
        "that the next person on the waitlist gets it:\n\n{link}\n\n{site_name}",
    ),
    SUBMISSION_ALTERNATE: (
        "“{title}” is an alternate for {conference}",
        "Dear {speaker_name},\n\n"
        "The program committee liked “{title}” but the program of {conference} is full, so "
        "it is accepted as an alternate: it is not on the agenda now, but if a confirmed talk "
        "of the same format drops out, the organizers may offer you its place. We will "
        "e-mail you if they do; you need do nothing until then. If you would rather not be "
        "an alternate, withdraw the proposal here:\n\n{link}\n\n{site_name}",
    ),
    ALTERNATE_PROMOTED: (
        "“{title}” is now accepted for {conference}",
        "Dear {speaker_name},\n\n"
        "A place came free in the program of {conference}, and the organizers offer it to "
        "“{title}”, which was an alternate: it is accepted now. Please confirm that you will "
        "present it, or withdraw it if you cannot, here:\n\n{link}\n\n{site_name}",
    ),
}


def unknown_placeholders(code: str, text: str) -> list[str]:
    allowed = set(PLACEHOLDERS.get(code, ()))
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in allowed})


def fill(text: str, context: dict[str, str]) -> str:
    """Put the context's values in place of known {placeholders}; leave anything else as is.

    Not str.format: that would let a template reach attributes ({title.__class__}) and choke
    on a stray brace an organizer typed.
    """
    return PLACEHOLDER.sub(lambda match: str(context.get(match[1], match[0])), text)
