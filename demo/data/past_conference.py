"""Last year's summit as the demo shows it: a few talks whose speakers uploaded their slides
and whose recordings the organizers linked, members-only until a day after today."""

from typing import TypedDict


class PastTalk(TypedDict):
    speaker: str  # last name, as in demo.data.companies
    title: str
    abstract: str
    case_study: str | None  # slug of the speaker's company's case study
    slides: bool
    recording: str


PAST_TALKS: tuple[PastTalk, ...] = (
    {
        "speaker": "de Vries",
        "title": "From nightly to hourly: replenishing 640 stores",
        "abstract": (
            "How a grocery chain moved its replenishment orders from a nightly batch to "
            "hourly forecasts, what broke on the way, and what the stores noticed."
        ),
        "case_study": "hourly-store-replenishment",
        "slides": True,
        "recording": "https://video.polaris-users.example/summit/hourly-replenishment",
    },
    {
        "speaker": "Kristensen",
        "title": "Thirty-five billion meter readings a year",
        "abstract": (
            "A utility's smart-meter platform on Polaris Streams: partitioning, late data and "
            "the bill-run that used to take a weekend."
        ),
        "case_study": None,
        "slides": True,
        "recording": "https://video.polaris-users.example/summit/meter-readings",
    },
    {
        "speaker": "Okafor",
        "title": "Fraud checks in the payment path",
        "abstract": (
            "Scoring every card payment in under 40 ms: the model, the feature store and the "
            "fallbacks that keep the checkout open when something is slow."
        ),
        "case_study": None,
        "slides": True,
        "recording": "",
    },
    {
        "speaker": "Patel",
        "title": "What we learned running Polaris on three clouds",
        "abstract": "Costs, latency and the operational habits that made it bearable.",
        "case_study": None,
        "slides": False,
        "recording": "https://video.polaris-users.example/summit/three-clouds",
    },
)
