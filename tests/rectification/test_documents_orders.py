"""立行立改通知书: the written order's own number, its addressee, problems, requirements
and 签收; no notice for an oral order; read by whoever reads the order
(rectification/document_kinds.py)."""

import pytest
from django.utils import timezone

from findings.choices import ProblemStatus
from findings.document_kinds import class_path
from inspection.documents.downloads import document_download
from inspection.documents.models import Document, DocumentCounter
from inspection.documents.services import document_generate
from inspection.errors import ApplicationError, NotFoundError
from rectification.choices import OrderForm
from rectification.services import immediate_order_sign_for
from rounds.choices import RoundStatus
from tests.inspection.documents import docx_text, media_root  # noqa: F401
from tests.rectification.orders_kit import issue
from tests.rectification.test_views_items import page
from tests.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

KIND = "immediate_order"


@pytest.fixture
def world():
    return build_world(round_status=RoundStatus.ON_SITE)


def generate(actor, order) -> Document:
    return document_generate(actor=actor, kind=KIND, subject_id=order.pk)


def text_of(document) -> str:
    with document.file.open("rb") as stream:
        return docx_text(stream.read())


def test_the_notice_takes_the_orders_number_and_lists_its_problems(world):
    problems = [
        world.problem(status=ProblemStatus.CONFIRMED, facts="多收村民自来水费每户20元。"),
        world.problem(status=ProblemStatus.CONFIRMED, facts="村务公开栏三个月未更新。"),
    ]
    first = issue(world)  # another order first: the notice is not the kind's first number
    order = issue(world, *problems, requirements="三日内退还多收的水费。")
    generate(world.leader_a, first)

    document = generate(world.leader_a, order)

    year = timezone.localdate().year
    assert document.number == order.number == f"巡一组立改〔{year}〕2号"
    assert document.sequence is None
    assert not DocumentCounter.objects.filter(kind=KIND).exists()
    text = text_of(document)
    for fact in (
        order.number,
        "中共甲镇甲一村党组织：",
        "（一）" + class_path(problems[0]),
        "多收村民自来水费每户20元。",
        "（二）" + class_path(problems[1]),
        "村务公开栏三个月未更新。",
        "三日内退还多收的水费。",
        f"请于{order.due_on.year}年{order.due_on.month}月{order.due_on.day}日前整改到位。",
        "第一巡察组",
        f"组长：{world.leader_a}",
    ):
        assert fact in text, fact
    assert "甲二" not in text and "未分类" not in text


def test_the_stub_is_blank_until_the_unit_signs_for_the_order(world):
    order = issue(world)
    unsigned = generate(world.member_a, order)
    assert "王建国" not in text_of(unsigned)

    immediate_order_sign_for(
        actor=world.member_a,
        order_id=order.pk,
        signer_name="王建国",
        signer_post="村党总支书记",
        signed_on=timezone.localdate(),
    )
    signed = generate(world.member_a, order)

    assert (signed.number, signed.version) == (unsigned.number, 2)
    text = text_of(signed)
    assert "王建国" in text and "村党总支书记" in text


def test_an_oral_order_has_no_notice(world):
    order = issue(world, form=OrderForm.ORAL)
    with pytest.raises(ApplicationError, match="口头交办的立行立改没有通知书"):
        generate(world.leader_a, order)
    assert not Document.objects.exists()
    response = page(world.leader_a, f"/orders/{order.pk}/")
    assert "立行立改通知书" not in response.content.decode()


def test_the_unit_reads_its_notice_and_another_unit_finds_none(world):
    document = generate(world.office, issue(world))

    served = document_download(user=world.officer_a, pk=document.pk)
    served.stream.close()
    assert served.name.startswith("立行立改通知书-巡一组立改")
    with pytest.raises(NotFoundError):
        document_download(user=world.officer_b, pk=document.pk)


@pytest.mark.parametrize("persona", ["leader_a", "office"])
def test_the_order_page_offers_the_notice_to_the_team_and_the_office(world, persona):
    order = issue(world)
    path = f"/orders/{order.pk}/"
    before = page(getattr(world, persona), path).content.decode()
    assert "生成立行立改通知书" in before

    document = generate(getattr(world, persona), order)

    for reader in (persona, "officer_a"):
        shown = page(getattr(world, reader), path).content.decode()
        assert f"/documents/{document.pk}/" in shown, reader
    assert "生成立行立改通知书" not in page(world.officer_a, path).content.decode()
