"""The office's clue screens: the list (filters, masking, the access log, bulk actions) and
a clue's page (confidential banner, one access-log row a view, scope, the forms offered)."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from findings.choices import ClueStatus
from findings.models import Clue
from inspection.choices import ReceivingBody
from inspection.models import AccessLog

pytestmark = pytest.mark.django_db

LIST = "/clues/"
TODAY = timezone.localdate


def page(clue) -> str:
    return f"/clues/{clue.pk}/"


def signed_in(client, user):
    client.force_login(user)
    return client


def text_of(answer) -> str:
    return html.unescape(answer.content.decode())


def status_of(clue) -> str:
    return Clue.objects.get(pk=clue.pk).status


def test_the_url_names_the_navigation_and_notifications_expect():
    assert reverse("findings:clue_list") == LIST
    assert reverse("findings:clue_detail", args=[3]) == "/clues/3/"


# --------------------------------------------------------------------------- the list


def test_the_office_sees_every_clue_with_the_names_of_the_persons_concerned(client, world):
    proposed = world.clue(summary="村会计虚报冒领补贴。")
    transferred = world.clue(status=ClueStatus.TRANSFERRED, summary="书记插手工程发包。")
    answer = signed_in(client, world.office).get(LIST)
    assert answer.status_code == 200
    text = text_of(answer)
    assert proposed.summary in text and transferred.summary in text
    assert "赵德明" in text
    assert "新巡移〔2026〕1号" in text
    assert "涉密信息" in text


def test_leadership_sees_the_persons_concerned_masked(client, world):
    world.clue()
    text = text_of(signed_in(client, world.leadership).get(LIST))
    assert "赵**" in text and "赵德明" not in text
    # Leadership changes nothing: no bulk actions.
    assert 'name="ids"' not in text


@pytest.mark.parametrize("persona", ["leader_a", "liaison", "liaison_org", "officer_a", "stats"])
def test_other_roles_are_refused_the_list(client, world, persona):
    assert signed_in(client, world.users[persona]).get(LIST).status_code == 403


def test_filters_take_the_api_parameters(client, world):
    world.clue(summary="拟移交的线索。")
    world.clue(
        status=ClueStatus.TRANSFERRED,
        summary="逾期的线索。",
        result_due_on=TODAY() - datetime.timedelta(days=3),
    )
    world.clue(
        status=ClueStatus.TRANSFERRED,
        body=ReceivingBody.ORGANISATION,
        summary="组织部的线索。",
    )
    signed_in(client, world.office)
    text = text_of(client.get(LIST, {"status": "proposed"}))
    assert "拟移交的线索" in text and "逾期的线索" not in text
    text = text_of(client.get(LIST, {"late": "true"}))
    assert "逾期的线索" in text and "组织部的线索" not in text and "拟移交的线索" not in text
    text = text_of(client.get(LIST, {"receiving_body": "organisation"}))
    assert "组织部的线索" in text and "逾期的线索" not in text
    text = text_of(client.get(LIST, {"search": "组织部"}))
    assert "组织部的线索" in text and "拟移交的线索" not in text


@pytest.mark.parametrize(
    "query",
    [{"status": "nonsense"}, {"late": "perhaps"}, {"team": "x"}, {"result_due_on_after": "1"}],
)
def test_bad_filter_values_answer_a_page_not_an_error(client, world, query):
    world.clue()
    assert signed_in(client, world.office).get(LIST, query).status_code == 200


def test_each_list_view_writes_one_access_log_row(client, world):
    world.clue()
    world.clue(status=ClueStatus.TRANSFERRED)
    signed_in(client, world.office).get(LIST)
    row = AccessLog.objects.get()
    assert row.user == world.office and row.action == AccessLog.Action.VIEW
    assert row.object_type == "findings.clue" and "2条" in row.detail


def test_the_list_costs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(25):
        world.clue()
    signed_in(client, world.office).get(LIST)
    with django_assert_max_num_queries(14):
        answer = client.get(LIST)
    assert text_of(answer).count("赵德明") == 25


# --------------------------------------------------------------------------- bulk actions


def test_bulk_review_reviews_every_ticked_clue_in_one_go(client, world):
    clues = [world.clue() for _ in range(3)]
    signed_in(client, world.office)
    answer = client.post(
        f"{LIST}?status=proposed",
        {"action": "review", "review-receiving_body": "commission", "ids": [c.pk for c in clues]},
        follow=True,
    )
    assert answer.status_code == 200
    assert "已审核 3 条线索，待领导小组签批。" in text_of(answer)
    assert {status_of(clue) for clue in clues} == {ClueStatus.REVIEWED}
    assert answer.redirect_chain[-1][0].endswith("?status=proposed")


def test_the_bulk_forms_share_no_field_name(client, world):
    """Review and letter live in one form: a name in both would post the wrong value."""
    world.clue()
    text = text_of(signed_in(client, world.office).get(LIST))
    bulk = text[text.index('id="bulk"') :]
    bulk = bulk[: bulk.index("</form>")]
    names = re.findall(r'<(?:input|select|textarea)[^>]* name="([^"]+)"', bulk)
    fields = [name for name in names if name not in ("ids", "csrfmiddlewaretoken")]
    assert "review-receiving_body" in fields and "receiving_body" in fields
    assert len(fields) == len(set(fields)), fields


def test_bulk_review_is_all_or_nothing_and_names_the_refused_clue(client, world):
    proposed = world.clue()
    already = world.clue(status=ClueStatus.APPROVED)
    signed_in(client, world.office)
    data = {
        "action": "review",
        "review-receiving_body": "commission",
        "ids": [proposed.pk, already.pk],
    }
    answer = client.post(LIST, data)
    text = text_of(answer)
    assert f"未作任何更改：第2条线索（#{already.pk}）：" in text
    assert "不能巡察办审核" in text
    assert status_of(proposed) == ClueStatus.PROPOSED


def test_bulk_actions_need_a_ticked_clue_and_an_action(client, world):
    world.clue()
    signed_in(client, world.office)
    answer = client.post(LIST, {"action": "review", "review-receiving_body": "commission"})
    assert "请至少勾选一条线索。" in text_of(answer)
    answer = client.post(LIST, {"action": "review", "ids": ["abc"]})
    assert "所选记录无效" in text_of(answer)
    answer = client.post(LIST, {"action": "explode", "ids": ["1"]}, follow=True)
    assert "请选择要执行的批量操作。" in text_of(answer)


@pytest.mark.parametrize("persona", ["leadership", "liaison", "leader_a"])
def test_bulk_actions_are_refused_to_roles_other_than_the_office(client, world, persona):
    clue = world.clue()
    answer = signed_in(client, world.users[persona]).post(
        LIST, {"action": "review", "review-receiving_body": "commission", "ids": [clue.pk]}
    )
    assert answer.status_code == 403
    assert status_of(clue) == ClueStatus.PROPOSED


def transfer_input(**extra):
    return {
        "action": "transfer",
        "receiving_body": "commission",
        "receiving_unit": "县纪委监委第一纪检监察室",
        "sent_on": TODAY().isoformat(),
        "material": "移交审批表",
        **extra,
    }


def test_bulk_transfer_sends_the_ticked_clues_with_one_letter(client, world):
    clues = [world.clue(status=ClueStatus.APPROVED) for _ in range(2)]
    signed_in(client, world.office)
    answer = client.post(LIST, transfer_input(ids=[c.pk for c in clues]), follow=True)
    number = f"巡察移〔{TODAY().year}〕1号"
    assert f"已以移交函 {number} 移交 2 条线索。" in text_of(answer)
    for clue in Clue.objects.filter(pk__in=[c.pk for c in clues]):
        assert clue.status == ClueStatus.TRANSFERRED
        assert clue.letter_number == number
        assert clue.result_due_on == TODAY() + datetime.timedelta(days=90)


def test_bulk_transfer_shows_its_messages_next_to_the_fields(client, world):
    clue = world.clue(status=ClueStatus.APPROVED)
    signed_in(client, world.office)
    answer = client.post(LIST, transfer_input(ids=[clue.pk], receiving_body="", sent_on="x"))
    assert answer.status_code == 200
    text = text_of(answer)
    assert "请选择受理机关。" in text and "请输入有效的日期" in text
    # The ticked clue stays ticked.
    assert f'value="{clue.pk}" checked' in text
    assert status_of(clue) == ClueStatus.APPROVED


def test_bulk_transfer_refused_for_one_clue_changes_none(client, world):
    ready = world.clue(status=ClueStatus.APPROVED)
    proposed = world.clue()
    signed_in(client, world.office)
    answer = client.post(LIST, transfer_input(ids=[ready.pk, proposed.pk]))
    assert answer.status_code == 200
    text = text_of(answer)
    assert f"未作任何更改：第2条线索（#{proposed.pk}）：尚未经领导小组签批，不能移交。" in text
    assert status_of(ready) == ClueStatus.APPROVED


# --------------------------------------------------------------------------- the page


def test_the_page_is_confidential_and_each_view_is_logged(client, world):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    signed_in(client, world.office)
    for _ in range(2):
        answer = client.get(page(clue))
        assert answer.status_code == 200
    text = text_of(answer)
    assert "涉密信息" in text and "赵德明" in text and clue.summary in text
    rows = AccessLog.objects.filter(action=AccessLog.Action.VIEW, object_id=str(clue.pk))
    assert rows.count() == 2
    assert set(rows.values_list("detail", flat=True)) == {"查看问题线索"}


def test_leadership_reads_the_page_masked_and_without_forms(client, world):
    clue = world.clue()
    text = text_of(signed_in(client, world.leadership).get(page(clue)))
    assert "赵**" in text and "赵德明" not in text
    assert '<form method="post" action="/clues/' not in text


def test_a_clue_outside_the_scope_answers_404_and_logs_the_refusal(client, world):
    commission = world.clue(status=ClueStatus.TRANSFERRED)
    answer = signed_in(client, world.liaison_org).get(page(commission))
    assert answer.status_code == 404
    refused = AccessLog.objects.get()
    assert refused.action == AccessLog.Action.REFUSED and refused.user == world.liaison_org
    # The liaison sees a clue only once it was transferred to their body.
    assert signed_in(client, world.liaison).get(page(world.clue())).status_code == 404
    # An inspector of another team.
    assert signed_in(client, world.leader_b).get(page(commission)).status_code == 404
    assert signed_in(client, world.office).get("/clues/99999999999999999999/").status_code == 404
    assert signed_in(client, world.office).get("/clues/424242/").status_code == 404


@pytest.mark.parametrize("persona", ["officer_a", "stats"])
def test_the_page_is_refused_to_roles_without_clues(client, world, persona):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    assert signed_in(client, world.users[persona]).get(page(clue)).status_code == 403


def forms_on(answer) -> set[str]:
    text = answer.content.decode()
    slugs = ("review", "decline", "sign-off", "receive", "dispose", "conclude")
    return {slug for slug in slugs if f'id="action-{slug}"' in text}


def test_the_page_offers_only_the_actions_the_user_may_take_now(client, world):
    proposed = world.clue()
    reviewed = world.clue(status=ClueStatus.REVIEWED)
    approved = world.clue(status=ClueStatus.APPROVED)
    transferred = world.clue(status=ClueStatus.TRANSFERRED)
    received = world.clue(status=ClueStatus.RECEIVED)
    disposing = world.clue(status=ClueStatus.DISPOSING)
    concluded = world.clue(status=ClueStatus.CONCLUDED)
    signed_in(client, world.office)
    assert forms_on(client.get(page(proposed))) == {"review", "decline"}
    assert forms_on(client.get(page(reviewed))) == {"sign-off"}
    # Signed off: sent with a letter from the list or the letters page, not one by one.
    assert forms_on(client.get(page(approved))) == set()
    assert forms_on(client.get(page(transferred))) == set()
    signed_in(client, world.liaison)
    assert forms_on(client.get(page(transferred))) == {"receive"}
    assert forms_on(client.get(page(received))) == {"dispose"}
    assert forms_on(client.get(page(disposing))) == {"conclude"}
    assert forms_on(client.get(page(concluded))) == set()
    # Leadership signs off what the office reviewed, and nothing else.
    signed_in(client, world.leadership)
    assert forms_on(client.get(page(reviewed))) == {"sign-off"}
    assert forms_on(client.get(page(proposed))) == set()
    # The team leader who proposed a clue sees it, but acts on it no further here.
    signed_in(client, world.leader_a)
    assert forms_on(client.get(page(proposed))) == set()


def test_leadership_reads_the_summary_with_the_persons_names_masked(client):
    """The summary names the person it is about: a role that sees the persons concerned
    masked must not read the name in the summary either (screen and API)."""
    from tests.world import build_world

    world = build_world()
    clue = world.clue(summary="反映村党组织书记赵德明违规发放补贴。")
    client.force_login(world.leadership)
    for url in (f"/clues/{clue.pk}/", "/clues/", f"/api/v1/clues/{clue.pk}/"):
        text = client.get(url).content.decode()
        assert "赵德明" not in text, url
        assert "赵**" in text, url
    client.force_login(world.office)
    assert "赵德明违规发放补贴" in client.get(f"/clues/{clue.pk}/").content.decode()
