"""Seed this year's call for papers as it ran: speakers write proposals
(`submission_create`) and submit them (`submission_transition`), the program committee
reviews them (`review_save`), the organizer accepts or rejects them, speakers confirm, and a
few speakers withdraw. The services check every step (the call's dates, the speakers'
memberships, conflicts of interest); the speakers are not e-mailed.
"""

import datetime

from django.contrib.auth.models import User

from demo.data.accounts import LOGINS, PROGRAM_COMMITTEE
from demo.data.reviews import REVIEW_COMMENTS
from demo.data.submissions import SUBMISSIONS
from demo.data.submissions.entry import Proposal
from demo.seed.common import SeedError
from demo.seed.conference import Summit, cfp_window
from events.cfp.services import submission_create, submission_transition
from events.models import Submission
from events.review.services import review_save
from members.models import CaseStudy, Member
from members.selectors import member_submission_refusal

State = Submission.State

# The states a proposal passes through on its way to where the demo leaves it.
PATHS: dict[str, tuple[str, ...]] = {
    State.DRAFT: (),
    State.SUBMITTED: (State.SUBMITTED,),
    State.REJECTED: (State.SUBMITTED, State.REJECTED),
    State.ALTERNATE: (State.SUBMITTED, State.ALTERNATE),
    State.ACCEPTED: (State.SUBMITTED, State.ACCEPTED),
    State.CONFIRMED: (State.SUBMITTED, State.ACCEPTED, State.CONFIRMED),
}
# A withdrawn proposal's path, by how far it got (its `withdrawn_from`).
WITHDRAWN_PATHS: dict[str, tuple[str, ...]] = {
    "draft": (),
    "submitted": (State.SUBMITTED,),
    "accepted": (State.SUBMITTED, State.ACCEPTED),
    "released": (State.SUBMITTED, State.ACCEPTED, State.CONFIRMED),
}


def reaches(entry: Proposal, state: str) -> bool:
    """Whether the proposal passed through `state` on its way to where the demo leaves it."""
    if entry["state"] == State.WITHDRAWN:
        if entry["withdrawn_from"] is None:
            raise SeedError(f"Demo data error: withdrawn {entry['key']} lacks `withdrawn_from`.")
        return state in WITHDRAWN_PATHS[entry["withdrawn_from"]]
    return state in PATHS[entry["state"]]


def _submitted_entries() -> list[Proposal]:
    return [entry for entry in SUBMISSIONS if reaches(entry, State.SUBMITTED)]


def submissions_create(
    *, summit: Summit, people: dict[str, Member], case_studies: dict[str, CaseStudy]
) -> tuple[dict[str, Submission], dict[str, datetime.datetime]]:
    """Every proposal as a draft, by key, and when each that is submitted will be.

    Each proposal is written an hour before it is submitted; drafts two days before the call
    closes. Submission times spread over the call, the last a day before it closes.
    """
    conference = summit.conference
    entries = _submitted_entries()
    opens, closes = cfp_window(conference)
    submitted_at = {
        entry["key"]: opens
        + (closes - opens - datetime.timedelta(days=1)) * ((position + 1) / len(entries))
        for position, entry in enumerate(entries)
    }
    submissions = {}
    for entry in SUBMISSIONS:
        written = submitted_at.get(entry["key"], closes - datetime.timedelta(days=1))
        submissions[entry["key"]] = submission_create(
            now=written - datetime.timedelta(hours=1),
            conference=conference,
            speaker=people[entry["speaker"]],
            co_speakers=[people[last] for last in entry["co"]],
            title=entry["title"],
            abstract=entry["abstract"],
            outline=entry["outline"],
            notes=entry["notes"],
            session_format=summit.formats[entry["format"]],
            track=summit.tracks[entry["track"]],
            audience_level=entry["level"],
            case_study=case_studies.get(entry["case_study"]) if entry["case_study"] else None,
        )
    return submissions, submitted_at


def call_for_papers_run(
    *,
    submissions: dict[str, Submission],
    submitted_at: dict[str, datetime.datetime],
    people: dict[str, Member],
    organizer: User,
) -> int:
    """Submit, review and decide every proposal, as speakers and organizers would; returns
    the number of reviews written."""
    entries = _submitted_entries()
    refusals: dict[int, str | None] = {}
    for entry in entries:
        speaker = people[entry["speaker"]]
        if speaker.pk not in refusals:
            refusals[speaker.pk] = member_submission_refusal(
                member=speaker, on=submitted_at[entry["key"]].date()
            )
        if refusals[speaker.pk]:
            raise SeedError(f"Demo data error: {refusals[speaker.pk]}")
        submission_transition(
            submission=submissions[entry["key"]],
            to_state=State.SUBMITTED,
            actor=speaker.user,
            now=submitted_at[entry["key"]],
            notify=False,
        )

    reviewers = [people[last] for last in PROGRAM_COMMITTEE]
    demo_reviewer = people[LOGINS[1][3]]
    reviews = sum(
        _review(
            entry,
            position,
            submission=submissions[entry["key"]],
            people=people,
            reviewers=reviewers,
            demo_reviewer=demo_reviewer,
        )
        for position, entry in enumerate(entries)
    )

    for entry in entries:
        submission = submissions[entry["key"]]
        if reaches(entry, State.ACCEPTED):
            submission_transition(
                submission=submission,
                to_state=State.ACCEPTED,
                actor=organizer,
                note="Accepted by the program committee.",
                notify=False,
            )
        elif entry["state"] in (State.REJECTED, State.ALTERNATE):
            submission_transition(
                submission=submission,
                to_state=entry["state"],
                actor=organizer,
                note=entry["decision_note"],
                notify=False,
            )
        if reaches(entry, State.CONFIRMED):
            submission_transition(
                submission=submission,
                to_state=State.CONFIRMED,
                actor=people[entry["speaker"]].user,
                notify=False,
            )

    for entry in SUBMISSIONS:
        if entry["state"] == State.WITHDRAWN and entry["withdrawn_from"] != "released":
            submission_transition(
                submission=submissions[entry["key"]],
                to_state=State.WITHDRAWN,
                actor=people[entry["speaker"]].user,
                note=entry["decision_note"],
                notify=False,
            )
    return reviews


def _review(
    entry: Proposal,
    position: int,
    *,
    submission: Submission,
    people: dict[str, Member],
    reviewers: list[Member],
    demo_reviewer: Member,
) -> int:
    """Review one proposal by reviewers from other companies, turn by turn; the proposals
    still under review are left for the demo reviewer to finish. Returns the reviews written."""
    speaker_companies = {people[last].company_id for last in (entry["speaker"], *entry["co"])}
    eligible = [reviewer for reviewer in reviewers if reviewer.company_id not in speaker_companies]
    if entry["state"] == State.SUBMITTED:
        eligible = [reviewer for reviewer in eligible if reviewer != demo_reviewer]
        wanted = 2
    elif entry["state"] == State.WITHDRAWN and entry["withdrawn_from"] == "submitted":
        wanted = 1
    else:
        wanted = 3
    scores: tuple[int, ...]
    if entry["state"] == State.REJECTED:
        scores = (2, 3, 1, 2, 3, 2)
    elif entry["state"] == State.SUBMITTED:
        scores = (3, 4, 3)
    elif entry["state"] == State.ALTERNATE:
        scores = (4, 3, 4, 4, 3)
    else:
        scores = (5, 4, 4, 5, 4, 3)
    for turn in range(wanted):
        reviewer = eligible[(position + turn) % len(eligible)]
        score = scores[(position + turn) % len(scores)]
        comments = REVIEW_COMMENTS[score]
        review_save(
            submission=submission,
            reviewer=reviewer.user,
            score=score,
            comment=comments[(position + turn) % len(comments)],
        )
    return wanted
