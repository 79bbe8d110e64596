"""What the cfp, review and schedule tests share: the code of a refusal."""

import pytest


def refusal_code(error: pytest.ExceptionInfo) -> str:
    return error.value.error_list[0].code
