"""This year's proposals, split by where the demo leaves them; `SUBMISSIONS` keeps the order
in which they were submitted, which spreads submission times and review turns over them.

withdrawn_from says how far a withdrawn proposal got: "draft", "submitted", "accepted" (all
withdrawn by the speaker before the schedule was released) or "released" (confirmed and
scheduled, then withdrawn by an organizer after release 1.0).
"""

from demo.data.submissions import day_one, day_three, day_two, unscheduled
from demo.data.submissions.entry import Proposal

SUBMISSIONS: tuple[Proposal, ...] = (
    *day_one.PROPOSALS,
    *day_two.PROPOSALS,
    *day_three.PROPOSALS,
    *unscheduled.PROPOSALS,
)
