"""E-mail backends for the tests of sending: Django's in-memory outbox behind a mail server
that fails on purpose. Counters are module state, shared with a worker thread."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

failures_left = 0
refused: set[str] = set()
calls = 0


def reset(*, failures: int = 0, refuse: tuple[str, ...] = ()) -> None:
    global failures_left, calls
    failures_left, calls = failures, 0
    refused.clear()
    refused.update(refuse)


class FlakyBackend(EmailBackend):
    """Drops the connection on the first `failures` messages, refuses the addresses in
    `refused` for good, and delivers the rest to django.core.mail.outbox."""

    def send_messages(self, messages):
        global failures_left, calls
        sent = 0
        for message in messages:
            calls += 1
            if failures_left > 0:
                failures_left -= 1
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            if set(message.to) & refused:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
            sent += super().send_messages([message])
        return sent
