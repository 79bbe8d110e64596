"""The Celery application: background jobs (e-mail first of all) run by `celery -A config worker`.

The broker is the Redis of REDIS_URL, which the cache already uses. Without REDIS_URL, the
embedded default, every task runs at once in the process that queues it (CELERY_TASK_ALWAYS_EAGER),
so `make run` needs no worker. Settings are the CELERY_* names of config/settings/base.py; each
app's `tasks` module is found by autodiscovery (members/tasks.py). Periodic jobs are
CELERY_BEAT_SCHEDULE (app.conf.beat_schedule), run by one `celery -A config beat`; each job
is idempotent, so a missed or doubled beat does no harm.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("guildhall")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
