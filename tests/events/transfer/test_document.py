"""The transfer format (events/transfer/document.py): every field of every model is carried,
referred to, or left out on purpose."""

import pytest

from events.transfer import document as transfer


@pytest.mark.parametrize("model", list(transfer.PLAIN), ids=lambda model: model.__name__)
def test_transfer_carries_every_field_of_every_model(model):
    fields = {field.name for field in model._meta.concrete_fields} | {
        field.name for field in model._meta.many_to_many
    }

    carried = set(transfer.PLAIN[model]) | set(transfer.REFERENCES[model])

    assert carried | {"id"} | set(transfer.NOT_CARRIED.get(model, [])) == fields
