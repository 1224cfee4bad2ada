"""A village's page for the team: its profile, the must-lists tracker (必谈 / 必访 / 必查 /
必看) and 入户走访率, the team's totals, the latest records and the buttons that log the
day's work."""

from django.shortcuts import render

from findings.choices import ROUND_STATUSES_OPEN_FOR_FINDINGS
from findings.models import Problem
from findings.team_selectors import assignment_totals, recent_records
from findings.views.team.common import team_assignment_or_404, team_screen
from inspection.attachments import evidence_url
from inspection.audit import access_log_list
from inspection.permissions import can
from rounds.choices import MustListKind, PetitionStatus
from rounds.figures import household_visit_rate
from rounds.models import Activity, DataRequestReply, Interview, Petition
from rounds.must_lists import must_progress_for
from rounds.request_selectors import data_request_replies_for_village
from rounds.selectors import interviewee_name_for, reporter_for, testimony_for
from rounds.services.must import MUST_CHECK_WINDOW
from rounds.services.onsite import ACTIVITY_WINDOW, INTERVIEW_WINDOW, PETITION_WINDOW


def must_tracker(user, assignment) -> list[dict]:
    """The round's must-lists at this village (必谈, 必访, 必查, 必看), each item met or not,
    the lists with no item left out; none owed by a town committee. A 必谈 of an
    interviewee category offers to record the interview; another item, to record it met."""
    progress = must_progress_for([assignment])[assignment.pk]
    may_check = MUST_CHECK_WINDOW.allows(assignment.round) and can(
        user, "must_item_check", assignment
    )
    lists = []
    for kind in MustListKind:
        rows = progress.get(kind, [])
        if not rows:
            continue
        done = sum(row.done for row in rows)
        lists.append(
            {
                "kind": kind.value,
                "label": kind.label,
                "rows": rows,
                "done": done,
                "total": len(rows),
                "missing": len(rows) - done,
                "may_check": may_check,
            }
        )
    return lists


def open_actions(user, assignment) -> dict[str, bool]:
    """Which log buttons the page offers: the rule allows it and the round is at work."""
    inspection_round = assignment.round
    findings_open = inspection_round.status in ROUND_STATUSES_OPEN_FOR_FINDINGS
    return {
        "interview": INTERVIEW_WINDOW.allows(inspection_round)
        and can(user, "interview_record", assignment),
        "activity": ACTIVITY_WINDOW.allows(inspection_round)
        and can(user, "activity_record", assignment),
        "petition": PETITION_WINDOW.allows(inspection_round)
        and can(user, "petition_record", inspection_round),
        "problem": findings_open and can(user, "problem_record", assignment),
        "clue": findings_open and can(user, "clue_propose", assignment),
    }


def request_replies(request, assignment) -> list:
    """The 函调 replies about the village the team reads (sensitive: the list is logged)."""
    if not assignment.village_id:
        return []
    replies = list(data_request_replies_for_village(request.user, assignment.village))
    for reply in replies:
        reply.url = evidence_url(reply)
    _log_list_read(request, DataRequestReply, replies)
    return replies


def _log_list_read(request, model, rows: list) -> None:
    """Names of interviewees and reporters are confidential: a list shown is logged."""
    if rows:
        access_log_list(
            user=request.user, model=model, shown=len(rows), where="巡察组村页面", request=request
        )


@team_screen
def team_assignment(request, pk: int):
    assignment = team_assignment_or_404(request.user, pk)
    user = request.user
    recent = recent_records(user, assignment)
    if recent["interviews"]:
        _log_list_read(request, recent["interviews"][0]._meta.model, recent["interviews"])
    if recent["petitions"]:
        _log_list_read(request, recent["petitions"][0]._meta.model, recent["petitions"])
    # Names and testimony as the confidentiality policy lets the user read them (the team
    # reads its own in full; the page never shows another team's records anyway).
    interviews = [
        {
            "interview": interview,
            "name": interviewee_name_for(user, interview),
            "problems_raised": testimony_for(user, interview, "problems_raised"),
        }
        for interview in recent["interviews"]
    ]
    actions = open_actions(user, assignment)
    findings_open = assignment.round.status in ROUND_STATUSES_OPEN_FOR_FINDINGS
    petitions = [
        {
            "petition": petition,
            "reporter": reporter_for(user, petition)[0],
            "to_problem": findings_open
            and petition.status == PetitionStatus.RECEIVED
            and can(user, "petition_dispose", petition),
            "content": testimony_for(user, petition, "content"),
        }
        for petition in recent["petitions"]
    ]
    return render(
        request,
        "team/assignment.html",
        {
            "title": assignment.target_name,
            # The day's records it lists (clues only as counts).
            "classified": [Interview, Activity, Petition, Problem],
            "assignment": assignment,
            "village": assignment.village,
            "must_lists": must_tracker(user, assignment),
            "visit_rate": household_visit_rate(assignment),
            "totals": assignment_totals(user, assignment),
            "interviews": interviews,
            "activities": recent["activities"],
            "petitions": petitions,
            "problems": recent["problems"],
            "actions": actions,
            "is_leader": can(user, "clue_propose", assignment),
            "request_replies": request_replies(request, assignment),
        },
    )
