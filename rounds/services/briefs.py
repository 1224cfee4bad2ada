"""个性监督清单 and 谈话提纲: the team drafts them (``rounds.brief_drafting``) and edits them
until it leaves the village (``UNTIL_ON_SITE_ENDS``); each save is one history row."""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.permissions import authorize, visible
from inspection.services.checks import clean_choice
from inspection.workflow import StatusWindow, lock_visible, require, save_with_history
from rounds.brief_drafting import LINE_MAX, draft_sections
from rounds.choices import UNTIL_ON_SITE_ENDS
from rounds.models import Assignment, AssignmentBrief
from rounds.request_choices import BriefKind

BRIEF_WINDOW = StatusWindow(UNTIL_ON_SITE_ENDS, _lazy("修改个性监督清单和谈话提纲"))
TITLE_MAX = 100
SECTIONS_MAX = 30
LINES_MAX = 200


@transaction.atomic
def assignment_brief_draft(
    *, actor, assignment_id: int, kind: str, redraft: bool = False, note: str = ""
) -> AssignmentBrief:
    """Draft the assignment's brief of ``kind`` from the round's checklist, the village's
    profile and the 函调 replies. An existing brief is kept unless ``redraft`` (then the
    team's edits are replaced; the history keeps them)."""
    assignment = lock_visible(
        visible(Assignment, actor).select_related("round", "village"), assignment_id
    )
    authorize(actor, "assignment_brief_draft", assignment)
    BRIEF_WINDOW.check(assignment.round)
    kind = clean_choice(kind, BriefKind, field="kind", label=_("类型"))
    require(
        assignment.village_id is not None,
        _("个性监督清单和谈话提纲按村(社区)起草，乡镇党委不适用。"),
    )
    brief = (
        AssignmentBrief.objects.select_for_update().filter(assignment=assignment, kind=kind).first()
    )
    if brief is not None and not redraft:
        return brief
    brief = brief or AssignmentBrief(assignment=assignment, kind=kind)
    brief.sections = draft_sections(assignment, kind)
    brief.drafted_at = timezone.now()
    brief.updated_by = actor
    save_with_history(brief, actor=actor, note=note or _("起草"))
    return brief


def clean_sections(sections: Sequence) -> list[dict]:
    """``[{"title", "lines"}]`` as the team sent it: titles and lines stripped, blank lines
    dropped, a section without lines dropped; each title named, nothing too long."""
    require(isinstance(sections, list | tuple), _("内容格式有误。"), field="sections")
    require(
        len(sections) <= SECTIONS_MAX,
        _("最多%(n)s个部分。") % {"n": SECTIONS_MAX},
        field="sections",
    )
    cleaned, total = [], 0
    for index, section in enumerate(sections, start=1):
        require(isinstance(section, dict), _("内容格式有误。"), field="sections")
        title = " ".join(str(section.get("title") or "").split())
        raw = section.get("lines") or []
        require(isinstance(raw, list | tuple), _("内容格式有误。"), field="sections")
        lines = [" ".join(str(line).split()) for line in raw]
        lines = [line for line in lines if line]
        if not lines:
            continue
        require(bool(title), _("第%(n)s部分缺少标题。") % {"n": index}, field="sections")
        require(
            len(title) <= TITLE_MAX,
            _("第%(n)s部分的标题不能超过%(limit)s个字。") % {"n": index, "limit": TITLE_MAX},
            field="sections",
        )
        for line in lines:
            require(
                len(line) <= LINE_MAX,
                _("「%(title)s」中有一条超过%(limit)s个字，请拆分。")
                % {"title": title, "limit": LINE_MAX},
                field="sections",
            )
        total += len(lines)
        cleaned.append({"title": title, "lines": lines})
    require(total <= LINES_MAX, _("最多%(n)s条。") % {"n": LINES_MAX}, field="sections")
    require(bool(cleaned), _("内容不能为空。"), field="sections")
    return cleaned


@transaction.atomic
def assignment_brief_save(
    *, actor, brief_id: int, sections: Sequence, note: str = ""
) -> AssignmentBrief:
    """The team's edit: the whole brief as it now reads (lines edited, added, removed or
    reordered), saved as one history row."""
    brief = lock_visible(
        visible(AssignmentBrief, actor).select_related("assignment__round"), brief_id
    )
    authorize(actor, "assignment_brief_save", brief.assignment)
    BRIEF_WINDOW.check(brief.assignment.round)
    brief.sections = clean_sections(sections)
    brief.updated_by = actor
    save_with_history(brief, actor=actor, note=note or _("修改"))
    return brief
