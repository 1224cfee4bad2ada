"""Every 400 has one shape: {"detail": str, "errors": {field: [str]}}."""

from inspection.api.errors import flatten


def test_nested_errors_become_plain_messages():
    assert flatten(["必填。"]) == ["必填。"]
    assert flatten({"0": {"due_on": ["日期格式错误。"]}}) == ["第1项 due_on：日期格式错误。"]
    assert flatten([{}, {"title": ["必填。"]}]) == ["第2项 title：必填。"]
    assert flatten("单条") == ["单条"]
