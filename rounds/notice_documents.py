"""The 进驻公告 as a document (docs/DOMAIN.md, "Before the round"): the round, the villages
and dates, the duty phone, mailbox and 信箱, what is accepted, the cut-off, and for each
village a QR code of its 码上巡 form with the address printed beside it for those who
type it. Template: ``rounds/documents/entry_notice.docx`` (scripts/build_document_templates.py).
It is posted in the village: it names no one, and whoever sees the notice reads it.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _lazy

from inspection.documents.registry import document_kind
from inspection.documents.rendering import Picture
from inspection.permissions import visible
from rounds.models import EntryNotice
from rounds.public.links import public_url, qr_png

DOCUMENTS = Path(__file__).resolve().parent / "documents"
QR_WIDTH_MM = 32


def _day(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()] or ["—"]


def _targets(notice: EntryNotice):
    return notice.targets.select_related(
        "assignment__town", "assignment__village", "assignment__team"
    ).order_by("assignment__town__code", "assignment__village__code", "pk")


def places_of(assignments: list) -> str:
    """Villages for a notice's name: 甲镇甲一村, or 甲镇甲一村等3个."""
    if not assignments:
        return "—"
    name = f"{assignments[0].town.name}{assignments[0].target_name}"
    return name if len(assignments) == 1 else f"{name}等{len(assignments)}个"


def notice_places(notice: EntryNotice) -> str:
    """The villages it covers, for its name (and the file name of its document)."""
    return places_of([target.assignment for target in _targets(notice)])


def entry_notice_context(actor, notice: EntryNotice) -> dict:
    targets = list(_targets(notice))
    teams = sorted(
        {t.assignment.team for t in targets if t.assignment.team_id}, key=lambda team: team.number
    )
    places = "、".join(f"{t.assignment.town.name}{t.assignment.target_name}" for t in targets)
    return {
        "round_title": notice.round.title,
        "teams": "、".join(team.name for team in teams) or "巡察组",
        "places": places,
        "period": f"{_day(notice.period_from)}至{_day(notice.period_until)}",
        "duty_phone": notice.duty_phone,
        "mailbox": notice.mailbox or "—",
        "letterbox": notice.letterbox or "—",
        "accepted_scope": _lines(notice.accepted_scope),
        "cutoff_on": _day(notice.cutoff_on),
        "villages": [
            {
                "name": f"{t.assignment.town.name}{t.assignment.target_name}",
                "qr": Picture(qr_png(public_url(t.public_code)), QR_WIDTH_MM),
                "url": public_url(t.public_code),
            }
            for t in targets
        ],
    }


def entry_notice_sample() -> dict:
    url = "https://xcgs.example.gov.cn/gs/AbCdEfGhIjKlMnOpQrStUv/"
    return {
        "classification": "内部",
        "generated_on": "2026年4月1日",
        "number": "",
        "round_title": "县委第三轮巡察",
        "teams": "第一巡察组",
        "places": "示例镇示例村",
        "period": "2026年4月7日至2026年4月17日",
        "duty_phone": "0519-12345678",
        "mailbox": "xcz1@example.gov.cn",
        "letterbox": "村党群服务中心门口",
        "accepted_scope": ["主要受理反映村党组织领导班子及其成员的问题。"],
        "cutoff_on": "2026年4月15日",
        "villages": [{"name": "示例镇示例村", "qr": Picture(qr_png(url), QR_WIDTH_MM), "url": url}],
    }


def _of_round(round_id: int):
    return EntryNotice.objects.filter(round_id=round_id).order_by("period_from", "pk")


ENTRY_NOTICE = document_kind(
    code="entry_notice",
    name=_lazy("进驻公告"),
    model=EntryNotice,
    template=DOCUMENTS / "entry_notice.docx",
    context=entry_notice_context,
    sample=entry_notice_sample,
    number_of=notice_places,
    generate_action="entry_notice_document_generate",
    read_action="entry_notice_document_read",
    readable=lambda user: visible(EntryNotice, user),
    subjects_of_round=_of_round,
)
