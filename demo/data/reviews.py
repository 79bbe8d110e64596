"""What the program committee writes in its reviews."""

# Review comments by the score they come with.
REVIEW_COMMENTS = {
    5: (
        "Exactly what members come for: a real system, honest numbers and a clear before and "
        "after. Ask the speaker to keep the part about what went wrong.",
        "Strong, specific proposal. The results are measurable and the outline fits the slot.",
        "Highly relevant to many members; the speaker clearly did the work described.",
    ),
    4: (
        "Good topic and a concrete story. The abstract could say more about the results, but "
        "the outline suggests they will be in the talk.",
        "Solid and useful. Some overlap with other proposals on the same theme, but this one "
        "has the clearest numbers.",
        "Would attend. Suggest trimming the architecture overview in favour of the lessons.",
    ),
    3: (
        "Interesting, but the abstract is light on specifics: what changed, by how much?",
        "Reasonable proposal; it depends on what else we have in this track.",
    ),
    2: (
        "Too generic for our audience; most members have already heard this story.",
        "Reads more like a product overview than a member's experience.",
    ),
    1: ("Out of scope for a users' group summit.",),
}
