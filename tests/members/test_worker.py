"""A real Celery worker on Redis sends the e-mail that a committed change queued, and retries
after the mail server drops the connection.

The worker runs in a thread of this process (celery.contrib.testing.worker.start_worker) on
a queue of its own in the Redis named by GUILDHALL_TEST_REDIS_URL (CI's PostgreSQL pass),
or in a redis-server this test starts; the test process queues through Redis, not eagerly.
Messages land in Django's in-memory outbox, which the worker thread shares.
"""

import time
import uuid

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.db import connections

from config.celery import app as project_app
from members.models import OutgoingEmail
from members.services.mail import send
from members.tasks import mail_send
from tests.members import mail_backends

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 30


def close_connections(**kwargs) -> None:
    # The worker thread's database connection must not outlive the test database.
    connections.close_all()


@pytest.fixture
def worker(redis_url, settings):
    settings.EMAIL_BACKEND = "tests.members.mail_backends.FlakyBackend"
    settings.MAIL_RETRY_BACKOFF_SECONDS = 1
    mail_backends.reset()
    queue = f"guildhall-test-{uuid.uuid4().hex}"
    app = Celery("guildhall-worker-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_url=redis_url, task_always_eager=False, task_default_queue=queue)
    task_postrun.connect(close_connections, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        task_postrun.disconnect(close_connections)
        project_app.set_current()
        project_app.set_default()
        app.close()
        redis.Redis.from_url(redis_url).delete(queue)
        mail_backends.reset()


def wait_until_sent() -> OutgoingEmail:
    deadline = time.monotonic() + WAIT_SECONDS
    while not OutgoingEmail.objects.filter(state=OutgoingEmail.State.SENT).exists():
        assert time.monotonic() < deadline, "the worker did not send the mail in time"
        time.sleep(0.1)
    return OutgoingEmail.objects.get()


def test_worker_sends_the_mail_of_a_committed_change(worker):
    assert (worker.conf.task_always_eager, mail_send.name in worker.tasks) == (False, True)

    send(to="ada@orbit.example", template="signup_exists", context={"reset_url": "/r/"})

    row = wait_until_sent()
    assert ([m.to for m in mail.outbox], row.attempts) == ([["ada@orbit.example"]], 1)


def test_worker_retries_after_a_dropped_connection(worker):
    mail_backends.reset(failures=1)

    send(to="ada@orbit.example", template="signup_exists", context={"reset_url": "/r/"})

    row = wait_until_sent()
    assert (len(mail.outbox), mail_backends.calls, row.attempts) == (1, 2, 2)
    assert "SMTPServerDisconnected" in row.last_error
