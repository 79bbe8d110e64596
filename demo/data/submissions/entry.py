"""The shape of one demo proposal."""

from typing import Literal, TypedDict

# The values of `Submission.AudienceLevel`. States stay `str`: the seeder compares them with
# `Submission.State` members, which mypy holds to overlap no string Literal.
Level = Literal["beginner", "intermediate", "advanced"]
# How far a withdrawn proposal got; see `demo.data.submissions`.
WithdrawnFrom = Literal["draft", "submitted", "accepted", "released"]


class Proposal(TypedDict):
    key: str
    speaker: str
    co: tuple[str, ...]
    title: str
    format: str
    track: str
    level: Level
    state: str
    case_study: str | None
    abstract: str
    outline: str
    notes: str
    withdrawn_from: WithdrawnFrom | None
    decision_note: str


def proposal(
    key: str,
    speaker: str,
    title: str,
    form: str,
    track: str,
    state: str,
    abstract: str,
    *,
    co: tuple[str, ...] = (),
    level: Level = "intermediate",
    case_study: str | None = None,
    outline: str = "",
    notes: str = "",
    withdrawn_from: WithdrawnFrom | None = None,
    decision_note: str = "",
) -> Proposal:
    """One proposal as the seeder reads it: its key, primary speaker (by last name), title,
    format and track (by slug), the state the demo leaves it in, and its text."""
    return {
        "key": key,
        "speaker": speaker,
        "co": co,
        "title": title,
        "format": form,
        "track": track,
        "level": level,
        "state": state,
        "case_study": case_study,
        "abstract": abstract,
        "outline": outline,
        "notes": notes,
        "withdrawn_from": withdrawn_from,
        "decision_note": decision_note,
    }
