"""What the call for papers service tests share: the submission states, the transitions
a submission has recorded, and helpers that propose and edit a submission through the
services."""

from events.cfp.services import submission_create, submission_update
from events.models import Submission, SubmissionTransition
from tests.factories import SessionFormatFactory

State = Submission.State
DRAFT, SUBMITTED, ACCEPTED, REJECTED, CONFIRMED, WITHDRAWN, ALTERNATE = (
    State.DRAFT,
    State.SUBMITTED,
    State.ACCEPTED,
    State.REJECTED,
    State.CONFIRMED,
    State.WITHDRAWN,
    State.ALTERNATE,
)


def transitions_of(submission: Submission) -> list[tuple]:
    return list(
        SubmissionTransition.objects.filter(submission=submission)
        .order_by("pk")
        .values_list("actor", "from_state", "to_state")
    )


def propose(conference, speaker, **changes):
    arguments = {
        "conference": conference,
        "speaker": speaker,
        "title": "Streaming at Orbit",
        "abstract": "From nightly batches to streams.",
        "session_format": SessionFormatFactory(conference=conference),
        **changes,
    }
    return submission_create(**arguments)


def edit(submission, actor, **changes):
    arguments = {
        "submission": submission,
        "actor": actor,
        "title": submission.title,
        "abstract": submission.abstract,
        "session_format": submission.format,
        **changes,
    }
    return submission_update(**arguments)
