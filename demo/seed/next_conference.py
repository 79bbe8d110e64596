"""Seed next year's summit, a year on (same weekday), with its call for papers open: tracks
and formats but no rooms or agenda yet, a few proposals written and submitted through the
services, and one of them reviewed, for the demo member to submit to and the demo reviewer
to review.
"""

import datetime

from demo.data.conference import CONFERENCE_SLUG
from demo.data.next_conference import NEXT_CFP_TEXT, NEXT_SUBMISSIONS
from demo.data.reviews import REVIEW_COMMENTS
from demo.seed.conference import cfp_window, conference_create, formats_create, tracks_create
from events.cfp.services import submission_create, submission_transition
from events.models import Conference, Submission
from events.review.services import review_save
from members.models import Member

# The committee member who has already reviewed the first proposal, and the score given.
FIRST_REVIEW = ("Whitman", 4)


def next_conference_create(
    *, after: Conference, people: dict[str, Member], today: datetime.date
) -> tuple[Conference, int, int]:
    """Returns the conference, the proposals submitted to it and the reviews written."""
    starts_on = after.starts_on + datetime.timedelta(weeks=52)
    conference = conference_create(
        slug=f"{CONFERENCE_SLUG}-{starts_on.year}",
        starts_on=starts_on,
        cfp_opens_on=today - datetime.timedelta(days=14),
        cfp_closes_on=today + datetime.timedelta(days=60),
        cfp_text=NEXT_CFP_TEXT,
    )
    tracks = tracks_create(conference=conference)
    formats = formats_create(conference=conference, leave_out=("keynote",))
    opens, _ = cfp_window(conference)
    reviews = 0
    for position, entry in enumerate(NEXT_SUBMISSIONS):
        speaker = people[entry["speaker"]]
        submitted_at = opens + datetime.timedelta(days=2 + 3 * position)
        submission = submission_create(
            conference=conference,
            speaker=speaker,
            co_speakers=[people[last] for last in entry["co"]],
            title=entry["title"],
            abstract=entry["abstract"],
            outline=entry["outline"],
            session_format=formats[entry["format"]],
            track=tracks[entry["track"]],
            audience_level=entry["level"],
            now=submitted_at - datetime.timedelta(hours=1),
        )
        submission_transition(
            submission=submission,
            to_state=Submission.State.SUBMITTED,
            actor=speaker.user,
            now=submitted_at,
            notify=False,
        )
        if position == 0:
            reviewer, score = FIRST_REVIEW
            review_save(
                submission=submission,
                reviewer=people[reviewer].user,
                score=score,
                comment=REVIEW_COMMENTS[score][0],
            )
            reviews += 1
    return conference, len(NEXT_SUBMISSIONS), reviews
