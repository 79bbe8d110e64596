"""Fill the load test's database with the benchmark's users' group (bench/dataset.py).

    DATABASE_URL=... python -m bench.loadtest_data

Run by bench/loadtest.sh after `migrate`, with the settings the app servers use. The
database must be empty: the load test measures the same group on every run.
"""

import logging
import os

import django

logger = logging.getLogger("bench")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    django.setup()

    from bench.dataset import dataset_build
    from events.models.conference import Conference

    if Conference.objects.exists():
        raise SystemExit("loadtest: the database is not empty; the load test needs a new one.")
    dataset = dataset_build(scale=1.0)
    counts = ", ".join(f"{count:,} {name}" for name, count in dataset.counts.items())
    logger.info("loadtest: %s: %s", dataset.conference.slug, counts)


if __name__ == "__main__":
    main()
