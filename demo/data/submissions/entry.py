"""The shape of one demo proposal."""


def proposal(
    key,
    speaker,
    title,
    form,
    track,
    state,
    abstract,
    *,
    co=(),
    level="intermediate",
    case_study=None,
    outline="",
    notes="",
    withdrawn_from=None,
    decision_note="",
):
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
