"""The webhooks admin (webhooks/admin.py) as organizers use it: registering an endpoint and
seeing its secret, a refused address at the URL field, the delivery log, resending, test
pings and switching an endpoint on again; people without the role are kept out."""

import pytest

from tests.conftest import admin_url
from tests.factories import DeliveryFactory, EndpointFactory, ReviewerFactory, UserFactory
from webhooks.models import Delivery, Endpoint, EventType

pytestmark = pytest.mark.django_db


def test_organizer_registers_an_endpoint_and_is_shown_its_secret(organizer_client, organizer):
    response = organizer_client.post(
        admin_url(Endpoint, "add"),
        {
            "url": "https://crm.example.com/hooks",
            "description": "CRM",
            "event_types": [EventType.SCHEDULE_RELEASED, EventType.MEMBERSHIP_CHANGED],
        },
        follow=True,
    )

    endpoint = Endpoint.objects.get()
    messages = [str(message) for message in response.context["messages"]]
    assert response.redirect_chain == [(admin_url(Endpoint, "change", endpoint.pk), 302)]
    assert (endpoint.url, endpoint.event_types, endpoint.created_by) == (
        "https://crm.example.com/hooks",
        ["membership.changed", "schedule.released"],
        organizer,
    )
    assert endpoint.secret.startswith("whsec_")
    assert endpoint.secret in response.content.decode()
    assert messages == [
        "Endpoint registered. Give the receiving system the signing secret shown below."
    ]


def test_the_change_page_shows_the_secret_to_organizers(organizer_client):
    endpoint = EndpointFactory()

    response = organizer_client.get(admin_url(Endpoint, "change", endpoint.pk))

    assert endpoint.secret in response.content.decode()


def test_a_private_address_is_refused_at_the_url_field(organizer_client, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False

    response = organizer_client.post(
        admin_url(Endpoint, "add"),
        {"url": "http://169.254.169.254/latest", "event_types": [EventType.SCHEDULE_RELEASED]},
    )

    errors = response.context["adminform"].form.errors
    assert response.status_code == 200
    assert "private, loopback or reserved" in errors["url"][0]
    assert not Endpoint.objects.exists()


def test_an_endpoint_without_event_types_is_refused_at_the_field(organizer_client):
    response = organizer_client.post(
        admin_url(Endpoint, "add"), {"url": "https://crm.example.com/hooks"}
    )

    assert "event_types" in response.context["adminform"].form.errors
    assert not Endpoint.objects.exists()


@pytest.mark.parametrize("make_user", [ReviewerFactory, lambda: UserFactory(is_staff=True)])
def test_people_who_are_not_organizers_cannot_see_endpoints_or_deliveries(client, make_user):
    client.force_login(make_user())
    endpoint = EndpointFactory()

    responses = [
        client.get(admin_url(Endpoint, "changelist")),
        client.get(admin_url(Endpoint, "change", endpoint.pk)),
        client.get(admin_url(Delivery, "changelist")),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403]


def test_the_delivery_log_filters_by_endpoint(organizer_client):
    mine, other = DeliveryFactory(), DeliveryFactory()

    response = organizer_client.get(
        admin_url(Delivery, "changelist"), {"endpoint__id__exact": mine.endpoint_id}
    )

    shown = list(response.context["cl"].result_list)
    assert shown == [mine]
    assert other not in shown


def test_the_resend_action_sends_a_failed_delivery_again(
    organizer_client, receiver, django_capture_on_commit_callbacks
):
    delivery = DeliveryFactory(endpoint__url=receiver.url, status=Delivery.Status.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(
            admin_url(Delivery, "changelist"),
            {"action": "resend", "_selected_action": [delivery.pk], "index": 0},
        )

    delivery.refresh_from_db()
    assert [request.headers["Webhook-Id"] for request in receiver.requests] == [delivery.event_id]
    assert delivery.status == "succeeded"


def test_the_ping_action_sends_a_test_event(
    organizer_client, receiver, django_capture_on_commit_callbacks
):
    endpoint = EndpointFactory(url=receiver.url)

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(
            admin_url(Endpoint, "changelist"),
            {"action": "send_ping", "_selected_action": [endpoint.pk], "index": 0},
        )

    assert [request.body.count('"type":"webhook.ping"') for request in receiver.requests] == [1]
    assert endpoint.deliveries.get().status == "succeeded"


def test_the_enable_action_switches_a_disabled_endpoint_on(organizer_client):
    endpoint = EndpointFactory(active=False, consecutive_failures=15, disabled_reason="Too many")

    organizer_client.post(
        admin_url(Endpoint, "changelist"),
        {"action": "enable", "_selected_action": [endpoint.pk], "index": 0},
    )

    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.consecutive_failures, endpoint.disabled_reason) == (
        True,
        0,
        "",
    )
