"""Moving a round through its life cycle: a confirmation page that says what will happen
(GET), then the service (POST).

The moves reporting → feedback → rectification are the rectification app's
(``rectification/views/feedback.py``): feedback builds the ledger; so is closing
(``rectification/views/archive.py``): it checks the archive.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspection.permissions import can, is_office
from inspection.web import perform, screen
from inspection.workflow import Transition
from rounds.forms import MoveForm
from rounds.must_lists import must_talks_missing_for
from rounds.services import round_end_on_site, round_go_on_site, round_prepare
from rounds.services.rounds import ROUND_END_ON_SITE, ROUND_GO_ON_SITE, ROUND_PREPARE
from rounds.views.common import round_or_404, whole_message
from rounds.views.summaries import on_site_gaps, round_assignments, round_counts, teams_of


@dataclass(frozen=True)
class Move:
    action: str
    transition: Transition
    service: Callable
    title: str
    button: str
    success: str
    # (round, counts) → (what will happen, what stops it)
    describe: Callable


def _teams(counts) -> str:
    return _("%(teams)d 个巡察组（%(members)d 人）") % {
        "teams": counts.teams,
        "members": counts.members,
    }


def _objects(counts) -> str:
    text = _("%(villages)d 个村(社区)") % {"villages": counts.villages}
    if counts.committees:
        text += _("和 %(n)d 个乡镇党委") % {"n": counts.committees}
    return text + _("（分布在 %(towns)d 个乡镇）") % {"towns": counts.towns}


def _describe_prepare(inspection_round, counts):
    facts = [
        _("本轮次现有%(teams)s，巡察对象%(objects)s。")
        % {"teams": _teams(counts), "objects": _objects(counts)},
        _("已选定 %(n)d 项监督重点。") % {"n": inspection_round.supervision_items.count()},
        _("转入巡前准备后，仍可调整巡察组、成员和巡察对象，直到进驻。"),
    ]
    gaps = on_site_gaps(inspection_round, counts)
    if gaps:
        facts.append(_("进驻前还须补齐：%(gaps)s。") % {"gaps": "；".join(gaps)})
    return facts, []


def _describe_go_on_site(inspection_round, counts):
    today = timezone.localdate()
    planned = inspection_round.on_site_from
    blockers = on_site_gaps(inspection_round, counts)
    if planned and planned > today:
        blockers.append(
            _("计划进驻日期为%(date)s，尚未到达；如需提前进驻，请先修改进驻日期")
            % {"date": planned.isoformat()}
        )
    facts = [
        _("%(teams)s将进驻%(objects)s开展巡察。")
        % {"teams": _teams(counts), "objects": _objects(counts)},
        _("进驻日期将记为 %(date)s（%(source)s）。")
        % {
            "date": (planned or today).isoformat(),
            "source": _("计划进驻日期") if planned else _("今天"),
        },
        _("进驻后，巡察组可以登记谈话、走访和发现问题；不能再组建巡察组或安排巡察对象。"),
    ]
    return facts, blockers


def _describe_end_on_site(inspection_round, counts):
    leaving = inspection_round.on_site_until or timezone.localdate()
    assignments = list(round_assignments(inspection_round))
    missing = must_talks_missing_for(assignments)
    short = sum(1 for categories in missing.values() if categories)
    facts = [
        _("撤离日期将记为 %(date)s（%(source)s），本轮次转入报告阶段。")
        % {
            "date": leaving.isoformat(),
            "source": _("计划撤离日期") if inspection_round.on_site_until else _("今天"),
        },
        _("已发现问题 %(problems)d 个（其中已审签待反馈 %(confirmed)d 个）。")
        % {"problems": counts.problems, "confirmed": counts.confirmed},
    ]
    if short:
        facts.append(_("%(n)d 个村(社区)的必谈对象尚未谈全。") % {"n": short})
    if counts.unsigned:
        facts.append(
            _("还有 %(n)d 个问题底稿未审签：反馈前须完成提交、复核和审签。")
            % {"n": counts.unsigned}
        )
    return facts, []


MOVES = {
    "prepare": Move(
        "round_prepare",
        ROUND_PREPARE,
        round_prepare,
        gettext_lazy("转入巡前准备"),
        gettext_lazy("确认转入巡前准备"),
        gettext_lazy("巡察轮次已转入巡前准备。"),
        _describe_prepare,
    ),
    "go_on_site": Move(
        "round_go_on_site",
        ROUND_GO_ON_SITE,
        round_go_on_site,
        gettext_lazy("进驻"),
        gettext_lazy("确认进驻"),
        gettext_lazy("巡察组已进驻。"),
        _describe_go_on_site,
    ),
    "end_on_site": Move(
        "round_end_on_site",
        ROUND_END_ON_SITE,
        round_end_on_site,
        gettext_lazy("撤离"),
        gettext_lazy("确认撤离"),
        gettext_lazy("巡察组已撤离，本轮次转入报告阶段。"),
        _describe_end_on_site,
    ),
}


@screen(is_office)
def round_move(request, pk: int, move: str):
    step = MOVES[move]
    inspection_round = round_or_404(request.user, pk)
    if not can(request.user, step.action, inspection_round):
        raise PermissionDenied
    form = MoveForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        note = form.cleaned_data["note"]
        done = perform(
            request,
            form,
            whole_message(
                form,
                lambda: step.service(actor=request.user, round_id=inspection_round.pk, note=note),
            ),
            success=str(step.success),
        )
        if done:
            return redirect("rounds:round_detail", inspection_round.pk)
        inspection_round = round_or_404(request.user, pk)
    allowed = step.transition.allows(inspection_round)
    facts, blockers = [], []
    if allowed:
        counts = round_counts(inspection_round, teams_of(inspection_round))
        facts, blockers = step.describe(inspection_round, counts)
    return render(
        request,
        "rounds/round_move.html",
        {
            "round": inspection_round,
            "move": step,
            "allowed": allowed,
            "facts": facts,
            "blockers": blockers,
            "form": form,
        },
    )
