"""Issue 15, item 4: a choice the API does not know is refused naming the accepted values.

A client sent 职务 "村党组织书记" (the label) and read "“村党组织书记” 不是合法选项。", with
no word of what to send. Now every choice of a body and every choice filter of every list
endpoint (enumerated from the router) answers the 400 envelope listing the codes.
"""

import django_filters
import pytest
from django.conf import settings
from rest_framework.test import APIClient

from findings.choices import ProblemNature
from tests.inspection.test_api_filters import filterset_of, list_endpoints
from tests.world import build_world

pytestmark = pytest.mark.django_db


def choice_filters() -> list[tuple[str, str, list[str]]]:
    found = []
    for prefix, viewset in list_endpoints():
        filterset = filterset_of(viewset)
        for name, declared in (filterset.base_filters if filterset else {}).items():
            if isinstance(declared, django_filters.ChoiceFilter):
                codes = [str(key) for key, _ in declared.extra["choices"]]
                found.append((prefix, name, codes))
    return found


def test_every_choice_filter_names_its_accepted_values():
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.office)
    walked = choice_filters()
    assert len(walked) >= 30
    for prefix, name, codes in walked:
        answer = client.get(f"/api/v1/{prefix}/", {name: "村党组织书记"})
        assert answer.status_code == 400, (prefix, name)
        [message] = answer.json()["errors"][name]
        assert "村党组织书记" in message, (prefix, name, message)
        assert all(code in message for code in codes), (prefix, name, message)
        assert client.get(f"/api/v1/{prefix}/", {name: codes[0]}).status_code == 200


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_body_s_choice_names_the_accepted_values(language):
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.member_a)
    if language == "en":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = {
        "assignment": world.assignment_a.pk,
        "nature": "村集体资产",
        "facts": "村集体资产租赁合同未经民主程序。",
        "source": "documents",
    }
    answer = client.post("/api/v1/problems/", body, format="json")
    assert answer.status_code == 400
    [message] = answer.json()["errors"]["nature"]
    assert "村集体资产" in message
    assert all(code in message for code in ProblemNature.values), message
    lead = {"zh-hans": "不是可选值，可选：", "en": "is not one of the accepted values:"}
    assert lead[language] in message
