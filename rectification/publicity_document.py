"""公开稿 (document kind ``publicity_draft``): the organisation's rectification told to the
public — each 反馈问题, its 整改措施 and 整改结果 — with every name taken out.

What never prints: the 责任人 and 责任领导, any person's name the product knows for the
organisation (the responsible names of its papers and items, the accounts who worked its
ledger, interviewees, petitioners, clue subjects), the 具体表现 (papers' facts), and the
items exempted or behind a clue not yet concluded. A name the product knows is replaced by
"××" wherever it still appears in a text the office or the unit wrote (measures, a
summary); a name it does not know is for the office to remove before the leading group
approves the draft (it reads the draft it approves).
"""

import hashlib
import json
import re
from pathlib import Path

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.document_kinds import party_organisation
from findings.models import ClueSubject, Problem
from inspection.documents.registry import document_kind
from inspection.documents.services import chinese_date
from inspection.models import User
from inspection.permissions import visible
from rectification.choices import ItemStatus, PublicityStatus
from rectification.issue_selectors import sealing_clue_exists
from rectification.models import (
    FeedbackIssueProblem,
    RectificationItem,
    RectificationPublicity,
)
from rounds.models import Interview, Petition
from rounds.models.rounds import chinese_ordinal

DOCUMENTS = Path(__file__).resolve().parent / "documents"
MASK = "××"
def known_names(assignment, items) -> list[str]:
    """Every person's name the product holds for ``assignment``, longest first: those of
    all its items (``items``, exempted ones too) and papers, since an issue's summary may
    speak of any of them."""
    names = set(
        Problem.objects.filter(assignment=assignment).values_list("responsible_name", flat=True)
    )
    for item in items:
        names |= {item.responsible_person, item.supervising_leader, item.problem.responsible_name}
    user_ids = {i.responsible_user_id for i in items} | {i.submitted_by_id for i in items}
    names |= set(User.objects.filter(pk__in=user_ids - {None}).values_list("full_name", flat=True))
    names |= set(
        Interview.objects.filter(assignment=assignment).values_list("interviewee_name", flat=True)
    )
    names |= set(
        Petition.objects.filter(assignment=assignment).values_list("reporter_name", flat=True)
    )
    names |= set(
        ClueSubject.objects.filter(clue__assignment=assignment).values_list("name", flat=True)
    )
    return sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True)


def scrub(text: str, names: list[str]) -> str:
    if not text or not names:
        return text or ""
    return re.sub("|".join(re.escape(n) for n in names), MASK, text)


def _result(item) -> str:
    if item.status == ItemStatus.CLOSED:
        closed_on = timezone.localdate(item.closed_at)
        return _("已完成整改（%(day)s验收销号）。") % {"day": chinese_date(closed_on)}
    if item.status in (ItemStatus.SUBMITTED, ItemStatus.TOWN_REVIEWED):
        return _("已完成整改，正在核验。")
    return _("正在整改，整改时限%(day)s。") % {"day": chinese_date(item.deadline)}


def published_items(publicity):
    """The items the draft prints: fed back, not exempted, behind no open clue."""
    exempted = publicity.exemptions.values("item_id")
    return (
        RectificationItem.objects.filter(
            problem__assignment_id=publicity.assignment_id, issue__isnull=False
        )
        .exclude(pk__in=exempted)
        .exclude(sealing_clue_exists())
        # The issue's title and summary speak of all its papers: none of them may feed a
        # clue still open (per-issue items carry papers other than their lead one).
        .exclude(
            Exists(
                FeedbackIssueProblem.objects.filter(issue_id=OuterRef("issue_id")).filter(
                    sealing_clue_exists()
                )
            )
        )
        .select_related("issue", "problem")
        .order_by("issue__number", "pk")
    )


def draft_basis(publicity: RectificationPublicity) -> str:
    """What decides the 公开稿's content, as a digest: the items it prints (the exemptions
    and the clues not concluded decide them) and the names it masks. A new clue on a paper,
    a clue concluded, an exemption ticked or a person's name newly known changes it; a
    clue's routine step, or composing again with the same exemptions, does not."""
    items = list(published_items(publicity).values_list("pk", flat=True))
    every_item = RectificationItem.objects.filter(
        problem__assignment_id=publicity.assignment_id
    ).select_related("problem")
    names = known_names(publicity.assignment, list(every_item))
    text = json.dumps({"items": sorted(items), "names": sorted(names)}, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def publicity_context(actor, publicity: RectificationPublicity) -> dict:
    assignment = publicity.assignment
    items = list(published_items(publicity))
    every_item = RectificationItem.objects.filter(problem__assignment=assignment).select_related(
        "problem"
    )
    names = known_names(assignment, list(every_item))
    issues, by_issue = [], {}
    for item in items:
        entry = by_issue.get(item.issue_id)
        if entry is None:
            entry = by_issue[item.issue_id] = {
                "title": scrub(item.issue.title, names),
                "summary": scrub(item.issue.text, names),
                "measures": [],
                "results": [],
            }
            issues.append(entry)
        entry["measures"].append(scrub(item.measures, names) or _("（措施待补充）"))
        entry["results"].append(_result(item))
    for index, entry in enumerate(issues, start=1):
        entry["ordinal"] = chinese_ordinal(index)
    organisation = (
        f"{assignment.town.name}{assignment.village.name}"
        if assignment.village_id
        else f"{assignment.town.name}党委"
    )
    closed = sum(1 for item in items if item.status == ItemStatus.CLOSED)
    return {
        "organisation": organisation,
        "issuer": party_organisation(assignment),
        "round_title": assignment.round.title,
        "issues": issues,
        "count": len(issues),
        "items_count": len(items),
        "closed_count": closed,
    }


def publicity_sample() -> dict:
    return {
        "classification": "内部",
        "generated_on": "2026年9月8日",
        "number": "",
        "organisation": "示例镇示例村",
        "issuer": "中共示例镇示例村党组织",
        "round_title": "县委第三轮巡察",
        "issues": [
            {
                "ordinal": "一",
                "title": "村务公开不及时",
                "summary": "村级财务未按季度公开。",
                "measures": ["建立村务公开台账，按季度公开财务收支。"],
                "results": ["已完成整改（2026年8月1日验收销号）。"],
            }
        ],
        "count": 1,
        "items_count": 1,
        "closed_count": 1,
    }


def _readable(user):
    return visible(RectificationPublicity, user)


def _frozen(publicity) -> str:
    if publicity.status == PublicityStatus.DRAFT:
        return ""
    return _("公开稿已经领导小组审定，不能再修改。")


def _of_round(round_id: int):
    return RectificationPublicity.objects.filter(assignment__round_id=round_id).order_by("pk")


PUBLICITY_DRAFT = document_kind(
    code="publicity_draft",
    name=_lazy("整改公开稿"),
    model=RectificationPublicity,
    template=DOCUMENTS / "publicity_draft.docx",
    context=publicity_context,
    sample=publicity_sample,
    generate_action="publicity_generate",
    read_action="publicity_read",
    readable=_readable,
    subjects_of_round=_of_round,
    frozen=_frozen,
    basis=draft_basis,
)
