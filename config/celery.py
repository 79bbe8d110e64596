"""The Celery application: background jobs (e-mail first of all) run by `celery -A config worker`.

The broker is the Redis of REDIS_URL, which the cache already uses. Without REDIS_URL, the
embedded default, every task runs at once in the process that queues it (CELERY_TASK_ALWAYS_EAGER),
so `make run` needs no worker. Settings are the CELERY_* names of config/settings/base.py; each
app's `tasks` module is found by autodiscovery (members/tasks.py).

Periodic tasks are started by one `celery -A config beat` process (guildhall-beat in the
deployment examples) from `app.conf.beat_schedule`; each entry is idempotent, so a missed or
doubled beat does no harm.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("guildhall")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Invitations to evaluate, once a conference day's last talk has ended.
    "evaluation-invitations": {
        "task": "events.tasks.evaluation_invitations",
        "schedule": crontab(minute="*/15"),
    },
}
