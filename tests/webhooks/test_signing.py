"""Signing (webhooks/signing.py): checked against the Standard Webhooks test vector and
against a receiver's verification written here from the convention, independently of ours."""

import base64
import hashlib
import hmac

from webhooks.signing import secret_generate, signature, signed_headers


def verify(*, secret: str, headers: dict[str, str], body: bytes) -> bool:
    """How a receiver checks a request: any of the space-separated v1 signatures matches."""
    key = base64.b64decode(secret.split("_", 1)[1])
    content = b".".join(
        [headers["Webhook-Id"].encode(), headers["Webhook-Timestamp"].encode(), body]
    )
    expected = base64.b64encode(hmac.new(key, content, hashlib.sha256).digest())
    for candidate in headers["Webhook-Signature"].split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            return True
    return False


def test_signature_matches_the_standard_webhooks_test_vector():
    assert (
        signature(
            secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            message_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestamp=1614265330,
            body='{"test": 2432232314}',
        )
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )


def test_signed_headers_verify_with_an_independent_implementation():
    secret = secret_generate()
    body = '{"type":"schedule.released","data":{"title":"Café ☕"}}'
    headers = signed_headers(secret=secret, message_id="msg_1", timestamp=1700000000, body=body)

    assert verify(secret=secret, headers=headers, body=body.encode())


def test_signed_headers_do_not_verify_with_an_altered_body_or_another_secret():
    secret = secret_generate()
    body = '{"a":1}'
    headers = signed_headers(secret=secret, message_id="msg_1", timestamp=1700000000, body=body)

    assert not verify(secret=secret, headers=headers, body=b'{"a":2}')
    assert not verify(secret=secret_generate(), headers=headers, body=body.encode())
    assert not verify(
        secret=secret, headers={**headers, "Webhook-Timestamp": "1700000001"}, body=body.encode()
    )


def test_secrets_are_prefixed_random_and_32_bytes():
    first, second = secret_generate(), secret_generate()

    assert first.startswith("whsec_")
    assert first != second
    assert len(base64.b64decode(first.removeprefix("whsec_"))) == 32
