"""Who sees which rounds, teams, assignments and on-site records; who may read names; who
may take which action on them (the rules at the end).

Scopes (docs/DOMAIN.md): office staff, the office lead and leadership read everything; an
inspector reads the rounds they serve in and their own team's assignments and what was
recorded there; a rectification officer reads the assignments of their unit; the
commission liaison and the statistics client read none of it.
"""

import rules
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _lazy

from inspection.attachments import evidence_kind
from inspection.choices import UserRole
from inspection.confidentiality import NOTHING, WITHHELD, Hidden, confidential
from inspection.permissions import (
    action,
    is_inspector,
    is_leadership,
    is_office,
    is_office_lead,
    reach_condition,
    reads_all,
    reads_unit_ledger,
    role_of,
    scope_of,
)
from rounds.membership import membership_exists, served_round_ids_of, team_ids_of
from rounds.models import (
    Activity,
    Assignment,
    EntryNotice,
    EntryNoticeAssignment,
    InspectionMode,
    InspectionRound,
    Interview,
    MustItem,
    MustItemCheck,
    Petition,
    PetitionPhoto,
    SupervisionItem,
    Team,
    TeamMember,
    WorkPlanDecision,
)


def _serves_in_round(user, round_field: str) -> Exists:
    return Exists(TeamMember.objects.filter(team__round_id=OuterRef(round_field), user_id=user.pk))


@scope_of(SupervisionItem)
def visible_supervision_items(user):
    if role_of(user) is None or not (reads_all(user) or is_inspector(user)):
        return SupervisionItem.objects.none()
    return SupervisionItem.objects.all()


@scope_of(InspectionMode)
def visible_inspection_modes(user):
    """The county's modes: reference data for whoever reads rounds."""
    if role_of(user) is None:
        return InspectionMode.objects.none()
    return InspectionMode.objects.all()


@scope_of(MustItem)
def visible_must_items(user):
    """The must-lists: county data, read by whoever works on rounds."""
    if role_of(user) is None or not (reads_all(user) or is_inspector(user)):
        return MustItem.objects.none()
    return MustItem.objects.all()


@scope_of(MustItemCheck)
def visible_must_checks(user):
    """What a team recorded as met: read with the assignment it belongs to."""
    return MustItemCheck.objects.filter(assignment__in=visible_assignments(user))


@scope_of(InspectionRound)
def visible_rounds(user):
    rounds = InspectionRound.objects.all()
    if reads_all(user) or role_of(user) == UserRole.STATISTICS_CLIENT:
        # Statistics clients name rounds in their questions; a round's row names nobody.
        return rounds
    if is_inspector(user):
        return rounds.filter(_serves_in_round(user, "pk"))
    if reads_unit_ledger(user):
        in_unit = Assignment.objects.filter(reach_condition(user), round_id=OuterRef("pk"))
        return rounds.filter(Exists(in_unit))
    return rounds.none()


@scope_of(Team)
def visible_teams(user):
    """An inspector sees every team of the rounds they serve in (names, not records)."""
    teams = Team.objects.all()
    if reads_all(user):
        return teams
    if is_inspector(user):
        return teams.filter(_serves_in_round(user, "round_id"))
    return teams.none()


@scope_of(TeamMember)
def visible_team_members(user):
    members = TeamMember.objects.all()
    if reads_all(user):
        return members
    if is_inspector(user):
        return members.filter(_serves_in_round(user, "team__round_id"))
    return members.none()


@scope_of(Assignment)
def visible_assignments(user):
    assignments = Assignment.objects.all()
    if reads_all(user):
        return assignments
    if is_inspector(user):
        return assignments.filter(membership_exists(user, "team_id"))
    if reads_unit_ledger(user):
        return assignments.filter(reach_condition(user))
    return assignments.none()


def _on_my_team(user, queryset):
    if reads_all(user):
        return queryset
    if is_inspector(user):
        return queryset.filter(membership_exists(user, "assignment__team_id"))
    return queryset.none()


@scope_of(Interview)
def visible_interviews(user):
    return _on_my_team(user, Interview.objects.all())


@scope_of(Activity)
def visible_activities(user):
    return _on_my_team(user, Activity.objects.all())


@scope_of(Petition)
def visible_petitions(user):
    """Petitions of the inspector's assignments, and those of their rounds not yet tied
    to a village."""
    petitions = Petition.objects.all()
    if reads_all(user):
        return petitions
    if is_inspector(user):
        return petitions.filter(
            membership_exists(user, "assignment__team_id")
            | (Q(assignment__isnull=True) & _serves_in_round(user, "round_id"))
        )
    return petitions.none()


@scope_of(EntryNotice)
def visible_entry_notices(user):
    """A notice is posted in the village: who sees the round's planning sees it, and an
    inspector the notices of its own team's villages."""
    notices = EntryNotice.objects.all()
    if reads_all(user):
        return notices
    if is_inspector(user):
        mine = EntryNoticeAssignment.objects.filter(
            membership_exists(user, "assignment__team_id"), notice_id=OuterRef("pk")
        )
        return notices.filter(Exists(mine))
    return notices.none()


@scope_of(EntryNoticeAssignment)
def visible_entry_notice_targets(user):
    targets = EntryNoticeAssignment.objects.all()
    if reads_all(user):
        return targets
    if is_inspector(user):
        return targets.filter(membership_exists(user, "assignment__team_id"))
    return targets.none()


@scope_of(PetitionPhoto)
def visible_petition_photos(user):
    """A photo sent with a petition may show who took it: read where the reporter is."""
    return PetitionPhoto.objects.filter(
        petition__in=visible_petitions(user).filter(reporter_readers(user))
    )


# A photo sent through 码上巡, read by who reads the petition's reporter, each download and
# each refusal logged.
evidence_kind("petition-photo", PetitionPhoto, confidential=True)


# ------------------------------------------------------------------ who reads names
# The confidentiality policy (inspection.confidentiality): each predicate has its SQL
# twin, so that search and ordering never reach a name the viewer reads masked.


def sees_interviewee(user, interview: Interview) -> bool:
    """The office and the team that held the interview; leadership reads it masked."""
    if is_office(user):
        return True
    return is_inspector(user) and interview.assignment.team_id in team_ids_of(user)


def interviewee_readers(user) -> Q:
    """The SQL twin of ``sees_interviewee``: the interviews whose interviewee ``user`` reads."""
    if is_office(user):
        return Q()
    if is_inspector(user):
        return Q(membership_exists(user, "assignment__team_id"))
    return NOTHING


def sees_reporter(user, petition: Petition) -> bool:
    """The office and the team the petition came to (any team of the round if it names
    no village yet)."""
    if is_office(user):
        return True
    if not is_inspector(user):
        return False
    if petition.assignment_id:
        return petition.assignment.team_id in team_ids_of(user)
    return petition.round_id in served_round_ids_of(user)


def reporter_readers(user, prefix: str = "") -> Q:
    """The SQL twin of ``sees_reporter``: the petitions (at ``prefix``) whose reporter
    ``user`` reads."""
    if is_office(user):
        return Q()
    if is_inspector(user):
        return Q(membership_exists(user, f"{prefix}assignment__team_id")) | (
            Q(**{f"{prefix}assignment__isnull": True}) & _serves_in_round(user, f"{prefix}round_id")
        )
    return NOTHING


def _interviewee_hidden(user, interview: Interview) -> Hidden:
    return Hidden(names=(interview.interviewee_name,))


def _reporter_hidden(user, petition: Petition) -> Hidden:
    return Hidden(names=(petition.reporter_name,), contacts=(petition.reporter_contact,))


# Testimony is withheld, not masked (why: inspection.confidentiality's docstring).
confidential(
    Interview,
    reads=sees_interviewee,
    named_rows=interviewee_readers,
    hidden=_interviewee_hidden,
    names=("interviewee_name",),
    withheld=("outline", "record", "problems_raised"),
    searchable=("interviewee_name", "outline", "record", "problems_raised"),
    marker=WITHHELD["interviewee"],
)
confidential(
    Petition,
    reads=sees_reporter,
    named_rows=reporter_readers,
    hidden=_reporter_hidden,
    names=("reporter_name",),
    contacts=("reporter_contact",),
    withheld=("content", "disposition_note"),
    searchable=("reporter_name", "reporter_contact", "content", "disposition_note"),
    marker=WITHHELD["reporter"],
)


@scope_of(WorkPlanDecision)
def visible_plan_decisions(user):
    """The leading group's decisions on a plan: read with the plan (the round's teams too)."""
    decisions = WorkPlanDecision.objects.all()
    if reads_all(user):
        return decisions
    if is_inspector(user):
        return decisions.filter(_serves_in_round(user, "round_id"))
    return decisions.none()


def plan_minutes_readers(user):
    """The leading group's minutes cover more than the plan (clue transfers …): the office,
    its lead and the leading group download them; the teams read the decision only."""
    if reads_all(user):
        return WorkPlanDecision.objects.all()
    return WorkPlanDecision.objects.none()


evidence_kind(
    "plan_minutes",
    WorkPlanDecision,
    field="minutes",
    confidential=True,
    readable=plan_minutes_readers,
)


# ------------------------------------------------------------------ who may act


@rules.predicate
def serves_on_assignment_team(user, assignment) -> bool:
    """``user`` is on the team that inspects ``assignment``."""
    return (
        assignment is not None
        and assignment.team_id is not None
        and assignment.team_id in team_ids_of(user)
    )


@rules.predicate
def serves_in_round(user, inspection_round) -> bool:
    """``user`` is on one of the teams of ``inspection_round``."""
    return (
        inspection_round is not None
        and TeamMember.objects.filter(team__round_id=inspection_round.pk, user_id=user.pk).exists()
    )


@rules.predicate
def held_by_my_team(user, interview) -> bool:
    return interview is not None and serves_on_assignment_team(user, interview.assignment)


@rules.predicate
def reads_interviewee(user, interview) -> bool:
    return interview is not None and sees_interviewee(user, interview)


@rules.predicate
def is_self(user, person) -> bool:
    return person is not None and person.pk == user.pk


action("round_create", _lazy("新建巡察轮次"), is_office)
action("round_update", _lazy("修改巡察轮次"), is_office)
action("round_set_supervision_items", _lazy("选定监督重点"), is_office)
# A screen's whole form as one action; each part is checked again as its own action.
action("round_create_with_items", _lazy("新建巡察轮次并选定监督重点"), is_office)
action("round_update_with_items", _lazy("修改巡察轮次及监督重点"), is_office)
action("round_prepare", _lazy("转入巡前准备"), is_office)
action("round_go_on_site", _lazy("进驻"), is_office)
# 工作方案 (rounds.plan_document): the office generates it; the leading group decides on it
# (a leadership account signs, or the office records the body's minutes); the teams of the
# round read it, as the office and the leading group do.
action("work_plan_document_generate", _lazy("生成巡察工作方案"), is_office)
action(
    "work_plan_document_read",
    _lazy("查阅巡察工作方案"),
    reads_all | (is_inspector & serves_in_round),
)
action("round_plan_decide", _lazy("记录领导小组审议工作方案"), is_office | is_leadership)
action("round_end_on_site", _lazy("撤离"), is_office)
action("round_close", _lazy("归档巡察轮次"), is_office_lead)
action("team_create", _lazy("组建巡察组"), is_office)
action("team_member_add", _lazy("添加巡察组成员"), is_office)
action("team_member_remove", _lazy("移除巡察组成员"), is_office)
action("team_create_with_members", _lazy("组建巡察组并配备成员"), is_office)
action("assignment_create", _lazy("安排巡察对象"), is_office)
action("assignment_set_team", _lazy("调整巡察对象的巡察组"), is_office)
action("assignments_create_bulk", _lazy("批量安排巡察对象"), is_office)
action("assignments_set_mode", _lazy("确定巡察对象的巡察方式"), is_office)
# Overriding a recusal conflict (回避) is the office lead's call, with a reason.
action("recusal_override", _lazy("放行回避冲突"), is_office_lead)
action("recusal_declare", _lazy("登记回避申报"), is_office | (is_inspector & is_self))
action("interview_record", _lazy("登记个别谈话"), is_inspector & serves_on_assignment_team)
# 谈话记录 (rounds.document_kinds): generated, and edited copies uploaded, by the office or
# the team that held the interview; read by whoever reads the interviewee.
action(
    "interview_document_generate",
    _lazy("生成谈话记录文书"),
    is_office | (is_inspector & held_by_my_team),
)
action("interview_document_read", _lazy("查阅谈话记录文书"), reads_interviewee)
action("activity_record", _lazy("登记巡察活动"), is_inspector & serves_on_assignment_team)
action("round_must_list_set", _lazy("设置轮次的必谈必访清单"), is_office)
action("must_item_check", _lazy("登记清单完成情况"), is_inspector & serves_on_assignment_team)
action("petition_record", _lazy("登记信访举报"), is_office | (is_inspector & serves_in_round))
# 进驻公告 (rounds.services.notices, rounds.document_kinds): the office writes and prints it;
# whoever sees the notice reads its document (it is posted in the village).
action("entry_notice_create", _lazy("编写进驻公告"), is_office)
action("entry_notice_update", _lazy("修改进驻公告"), is_office)
action("entry_notice_document_generate", _lazy("生成进驻公告文书"), is_office)
action("entry_notice_document_read", _lazy("查阅进驻公告文书"), rules.always_allow)
