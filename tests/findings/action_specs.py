"""The findings actions in the permission matrix (tests/permission_matrix.py).

Every target is a record of scope A: team A's assignment (甲一村), a problem team A
recorded there, a clue team A's leader proposed there (transferred to the commission
once past approval), a petition received there. The world's round is on site.
"""

import datetime
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from findings import services
from findings.choices import ClueStatus, DecisionOutcome, ProblemStatus, ReportStage
from findings.models import InspectionReport
from findings.services.matters import (
    department_matter_create,
    department_matter_reply,
    thematic_report_create,
    thematic_report_reply,
)
from inspection.choices import ReceivingBody
from inspection.documents.downloads import document_download
from inspection.documents.services import document_generate
from rounds.choices import PetitionDisposition, TeamRole
from rounds.models import TeamMember
from tests import factories as f
from tests.findings.reports_kit import report_through
from tests.permission_matrix import ActionSpec

SUBJECTS = [{"name": "赵德明", "post": "accountant", "unit": "甲一村"}]


def _record(actor, target, world):
    services.problem_record(
        actor=actor,
        assignment_id=target.pk,
        facts="村集体资产租赁合同未经民主程序。",
        source="documents",
    )


def _complete_draft(world):
    return world.problem(
        title="村集体资产租赁未经民主程序",
        occurred_period="2025年3月",
        responsible_post="村党支部书记",
        basis_text="《中华人民共和国村民委员会组织法》第二十四条",
    )


def _with_deputy(world, problem):
    """Team A's member made its deputy (副组长): the deputy reviews, the leader signs."""
    TeamMember.objects.filter(team=world.team_a, user=world.member_a).update(role=TeamRole.DEPUTY)
    return problem


def _submitted(world):
    """A paper another member of team A drafted and submitted (its deputy reviews it)."""
    drafter = f.UserFactory(role="inspector")
    f.TeamMemberFactory(team=world.team_a, user=drafter, role=TeamRole.MEMBER)
    return _with_deputy(
        world,
        world.problem(status=ProblemStatus.SUBMITTED, recorded_by=drafter, submitted_by=drafter),
    )


def _propose_target(world):
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    return SimpleNamespace(assignment=world.assignment_a, problem=problem)


def _propose(actor, target, world):
    services.clue_propose(
        actor=actor,
        assignment_id=target.assignment.pk,
        problem_ids=[target.problem.pk],
        summary="村会计涉嫌虚报冒领补贴资金。",
        subjects=SUBJECTS,
    )


def _petition(world):
    return f.PetitionFactory(
        assignment=world.assignment_a, round=world.round, recorded_by=world.member_a
    )


def _signed_paper_document(world, kind: str, subject) -> object:
    return document_generate(actor=world.office, kind=kind, subject_id=subject.pk)


# The 巡察报告 of 甲一村: its decisions up to the stage before the one recorded, written
# straight to the database (tests/findings/reports_kit.py).
def _report_before(stage):
    def build(world):
        if stage is None:
            return InspectionReport.objects.create(
                assignment=world.assignment_a, created_by=world.office
            )
        return report_through(world.assignment_a, actor=world.office, stage=stage)

    return build


def _decide(stage, outcome=DecisionOutcome.AGREED):
    def perform(actor, report, world):
        services.report_record_decision(
            actor=actor,
            report_id=report.pk,
            stage=stage,
            held_on=timezone.localdate(),
            outcome=outcome,
            opinion="原则同意。",
            minutes=SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes"),
        )

    return perform


def _report_document(kind):
    def build(world):
        report = _report_before(None)(world)
        return document_generate(actor=world.office, kind=kind, subject_id=report.pk)

    return build


def _recommendation(world):
    return f.ThematicReportFactory(
        round=world.round,
        kind="recommendation",
        title="关于加强农村集体资产管理的巡察建议书",
        addressee="县农业农村局",
        reply_due_on=timezone.localdate() + datetime.timedelta(days=30),
    )


def _letter(w):
    """A 移交函 to the commission with one signed-off clue."""
    return services.transfer_letter_send(
        actor=w.office,
        clue_ids=[w.clue(status=ClueStatus.APPROVED).pk],
        receiving_body=ReceivingBody.COMMISSION,
        sent_on=timezone.localdate(),
    )


SPECS = {
    "problem_record": ActionSpec(build=lambda w: w.assignment_a, perform=_record),
    "problem_update": ActionSpec(
        build=lambda w: w.problem(),
        perform=lambda a, t, w: services.problem_update(
            actor=a, problem_id=t.pk, facts="补充：涉及合同3份。"
        ),
    ),
    "problem_submit": ActionSpec(
        build=_complete_draft,
        perform=lambda a, t, w: services.problem_submit(actor=a, problem_id=t.pk),
    ),
    "problem_review": ActionSpec(
        build=_submitted,
        perform=lambda a, t, w: services.problem_review(actor=a, problem_id=t.pk),
    ),
    "problem_sign": ActionSpec(
        build=lambda w: _with_deputy(
            w, w.problem(status=ProblemStatus.REVIEWED, reviewed_by=w.member_a)
        ),
        perform=lambda a, t, w: services.problem_sign(actor=a, problem_id=t.pk),
    ),
    "problem_return": ActionSpec(
        build=_submitted,
        perform=lambda a, t, w: services.problem_return(
            actor=a, problem_id=t.pk, reason="定性依据引用的条款不对。"
        ),
    ),
    "clue_propose": ActionSpec(build=_propose_target, perform=_propose),
    "clue_review": ActionSpec(
        build=lambda w: w.clue(),
        perform=lambda a, t, w: services.clue_review(
            actor=a, clue_id=t.pk, receiving_body=ReceivingBody.COMMISSION
        ),
    ),
    "clue_decline": ActionSpec(
        build=lambda w: w.clue(),
        perform=lambda a, t, w: services.clue_decline(actor=a, clue_id=t.pk, reason="证据不足"),
    ),
    # 领导小组签批: leadership signs itself; the office records it with the signed form.
    "clue_sign_off": ActionSpec(
        build=lambda w: w.clue(status=ClueStatus.REVIEWED),
        perform=lambda a, t, w: services.clue_sign_off(
            actor=a,
            clue_id=t.pk,
            signed_off_on=timezone.localdate(),
            sign_off_form=SimpleUploadedFile("移交审批表.pdf", b"%PDF-1.4 signed"),
        ),
    ),
    # The bulk moves are refused before any clue is looked up: 403 for every other role.
    "clues_review_bulk": ActionSpec(
        build=lambda w: [w.clue(), w.clue()],
        perform=lambda a, t, w: services.clues_review_bulk(
            actor=a, clue_ids=[clue.pk for clue in t], receiving_body=ReceivingBody.COMMISSION
        ),
    ),
    "transfer_letter_send": ActionSpec(
        build=lambda w: [w.clue(status=ClueStatus.APPROVED) for _ in range(2)],
        perform=lambda a, t, w: services.transfer_letter_send(
            actor=a,
            clue_ids=[clue.pk for clue in t],
            receiving_body=ReceivingBody.COMMISSION,
            sent_on=timezone.localdate(),
        ),
    ),
    "clue_receive": ActionSpec(
        build=lambda w: w.clue(status=ClueStatus.TRANSFERRED),
        perform=lambda a, t, w: services.clue_receive(actor=a, clue_id=t.pk),
    ),
    "clue_dispose": ActionSpec(
        build=lambda w: w.clue(status=ClueStatus.RECEIVED),
        perform=lambda a, t, w: services.clue_dispose(
            actor=a, clue_id=t.pk, method="preliminary_check", disposed_on=timezone.localdate()
        ),
    ),
    "clue_conclude": ActionSpec(
        build=lambda w: w.clue(status=ClueStatus.DISPOSING),
        perform=lambda a, t, w: services.clue_conclude(
            actor=a,
            clue_id=t.pk,
            outcome="no_issue",
            concluded_on=timezone.localdate(),
        ),
    ),
    "problem_document_generate": ActionSpec(
        build=lambda w: w.problem(status=ProblemStatus.CONFIRMED),
        perform=lambda a, t, w: document_generate(actor=a, kind="problem_paper", subject_id=t.pk),
    ),
    # Reading is the download: the working papers stay with the office, leadership and
    # the team (the unit and a clue's liaison find none).
    "problem_document_read": ActionSpec(
        build=lambda w: _signed_paper_document(
            w, "problem_paper", w.problem(status=ProblemStatus.CONFIRMED)
        ),
        perform=lambda a, t, w: document_download(user=a, pk=t.pk),
    ),
    "paper_compilation_generate": ActionSpec(
        build=lambda w: w.problem(status=ProblemStatus.CONFIRMED).assignment,
        perform=lambda a, t, w: document_generate(
            actor=a, kind="paper_compilation", subject_id=t.pk
        ),
    ),
    "paper_compilation_read": ActionSpec(
        build=lambda w: _signed_paper_document(
            w, "paper_compilation", w.problem(status=ProblemStatus.CONFIRMED).assignment
        ),
        perform=lambda a, t, w: document_download(user=a, pk=t.pk),
    ),
    "petition_dispose": ActionSpec(
        build=_petition,
        perform=lambda a, t, w: services.petition_dispose(
            actor=a,
            petition_id=t.pk,
            disposition=PetitionDisposition.REFERRED,
            referred_to="县民政局",
        ),
    ),
    "report_draft": ActionSpec(
        build=lambda w: w.assignment_a,
        perform=lambda a, t, w: services.report_draft(actor=a, assignment_id=t.pk),
    ),
    "report_group_discussion": ActionSpec(
        build=_report_before(None), perform=_decide(ReportStage.GROUP_DISCUSSION)
    ),
    "report_office_consultation": ActionSpec(
        build=_report_before(ReportStage.GROUP_DISCUSSION),
        perform=_decide(ReportStage.OFFICE_CONSULTATION),
    ),
    "report_leading_group": ActionSpec(
        build=_report_before(ReportStage.OFFICE_CONSULTATION),
        perform=_decide(ReportStage.LEADING_GROUP),
    ),
    "report_secretary_meeting": ActionSpec(
        build=_report_before(ReportStage.LEADING_GROUP),
        perform=_decide(ReportStage.SECRETARY_MEETING, DecisionOutcome.HEARD),
    ),
    "inspection_report_generate": ActionSpec(
        build=_report_before(None),
        perform=lambda a, t, w: document_generate(
            actor=a, kind="inspection_report", subject_id=t.pk
        ),
    ),
    "inspection_report_read": ActionSpec(
        build=_report_document("inspection_report"),
        perform=lambda a, t, w: document_download(user=a, pk=t.pk),
    ),
    "inspection_report_annex_generate": ActionSpec(
        build=_report_before(None),
        perform=lambda a, t, w: document_generate(
            actor=a, kind="inspection_report_annex", subject_id=t.pk
        ),
    ),
    "inspection_report_annex_read": ActionSpec(
        build=_report_document("inspection_report_annex"),
        perform=lambda a, t, w: document_download(user=a, pk=t.pk),
    ),
    # 交办事项 and 专题报告 / 巡察建议书 (findings.matter_permissions): the office writes,
    # leadership reads; a department's liaison (no persona here) replies to matters.
    "department_matter_create": ActionSpec(
        build=lambda w: w.round,
        perform=lambda a, t, w: department_matter_create(
            actor=a,
            round_id=t.pk,
            department="县民政局",
            summary="低保动态管理不及时。",
            handed_on=timezone.localdate(),
        ),
    ),
    "department_matter_reply": ActionSpec(
        build=lambda w: f.DepartmentMatterFactory(assignment=w.assignment_a),
        perform=lambda a, t, w: department_matter_reply(
            actor=a, matter_id=t.pk, replied_on=timezone.localdate(), reply="已整改。"
        ),
    ),
    "thematic_report_create": ActionSpec(
        build=lambda w: w.round,
        perform=lambda a, t, w: thematic_report_create(
            actor=a,
            round_id=t.pk,
            kind="thematic_report",
            title="关于村级财务管理的专题报告",
            issued_on=timezone.localdate(),
        ),
    ),
    "thematic_report_reply": ActionSpec(
        build=lambda w: _recommendation(w),
        perform=lambda a, t, w: thematic_report_reply(
            actor=a, report_id=t.pk, replied_on=timezone.localdate(), reply="已采纳。"
        ),
    ),
    "thematic_report_generate": ActionSpec(
        build=lambda w: f.ThematicReportFactory(round=w.round),
        perform=lambda a, t, w: document_generate(actor=a, kind="thematic_report", subject_id=t.pk),
    ),
    "thematic_report_read": ActionSpec(
        build=lambda w: _signed_paper_document(
            w, "thematic_report", f.ThematicReportFactory(round=w.round)
        ),
        perform=lambda a, t, w: document_download(user=a, pk=t.pk),
    ),
    "recommendation_letter_generate": ActionSpec(
        build=lambda w: _recommendation(w),
        perform=lambda a, t, w: document_generate(
            actor=a, kind="recommendation_letter", subject_id=t.pk
        ),
    ),
    "recommendation_letter_read": ActionSpec(
        build=lambda w: _signed_paper_document(w, "recommendation_letter", _recommendation(w)),
        perform=lambda a, t, w: document_download(user=a, pk=t.pk),
    ),
    # 移交审批表 and 移交函: generated by the office; read by the office and the receiving
    # body's liaison (they name the persons concerned), absent to everyone else.
    "clue_approval_form_generate": ActionSpec(
        build=lambda w: w.clue(status=ClueStatus.APPROVED),
        perform=lambda a, t, w: document_generate(
            actor=a, kind="clue_approval_form", subject_id=t.pk
        ),
    ),
    "clue_approval_form_read": ActionSpec(
        build=lambda w: document_generate(
            actor=w.office,
            kind="clue_approval_form",
            subject_id=w.clue(status=ClueStatus.TRANSFERRED).pk,
        ),
        perform=lambda a, t, w: document_download(user=a, pk=t.pk),
    ),
    "transfer_letter_generate": ActionSpec(
        build=_letter,
        perform=lambda a, t, w: document_generate(actor=a, kind="transfer_letter", subject_id=t.pk),
    ),
    "transfer_letter_read": ActionSpec(
        build=lambda w: document_generate(
            actor=w.office, kind="transfer_letter", subject_id=_letter(w).pk
        ),
        perform=lambda a, t, w: document_download(user=a, pk=t.pk),
    ),
}

MATRIX = """
# Columns, in the order of tests/world.PERSONAS: office lead leader_a member_a leader_b rev_a rev_b sup_a sup_b
# liaison liaison_org officer_a officer_b leadership stats (abbreviated below).
#                 office lead  ldr_a mbr_a ldr_b liais l_org off_a off_b lship stats
problem_record    403   403   ok    ok    404   404   404   403   404   403   404  403   404   403   404
problem_update    403   403   ok    ok    404   404   404   404   404   403   404  404   404   404   404
# The signatures: a member of team A submits; with member_a made team A's deputy, the
# deputy reviews (and returns what awaits review), the leader signs.
problem_submit    403   403   ok    ok    404   404   404   404   404   403   404  404   404   404   404
problem_review    403   403   403   ok    404   404   404   404   404   403   404  404   404   404   404
problem_sign      403   403   ok    403   404   404   404   404   404   403   404  404   404   404   404
problem_return    403   403   403   ok    404   404   404   404   404   403   404  404   404   404   404
clue_propose      403   403   ok    403   404   404   404   403   404   403   404  403   404   403   404
clue_review       ok    ok    403   403   404   404   404   404   404   403   404  404   404   404   404
clue_decline      ok    ok    403   403   404   404   404   404   404   403   404  404   404   404   404
# The leading group's sign-off: the only write leadership has on a clue.
clue_sign_off     ok    ok    403   403   404   404   404   404   404   ok    404  404   404   404   404
clues_review_bulk    ok    ok    403   403   403   403   403   403   403   403   403  403   403   403   403
transfer_letter_send ok    ok    403   403   403   403   403   403   403   403   403  403   403   403   403
clue_receive      403   403   403   403   404   ok    404   404   404   403   404  404   404   404   404
clue_dispose      403   403   403   403   404   ok    404   404   404   403   404  404   404   404   404
clue_conclude     403   403   403   403   404   ok    404   404   404   403   404  404   404   404   404
petition_dispose  ok    ok    ok    403   404   404   404   404   404   403   404  404   404   404   404
problem_document_generate   ok ok ok ok 404   404   404   404   404   403   404  404   404   404   404
problem_document_read       ok ok ok ok 404   404   404   404   404   ok    404  404   404   404   404
paper_compilation_generate  ok ok ok ok 404   404   404   403   404   403   404  403   404   403   404
paper_compilation_read      ok ok ok ok 404   404   404   404   404   ok    404  404   404   404   404
clue_approval_form_generate ok ok 403 403 404   404   404   404   404   403   404  404   404   404   404
clue_approval_form_read     ok ok 404 404 404   ok    404   404   404   404   404  404   404   404   404
transfer_letter_generate    ok ok 404 404 404   403   404   404   404   403   404  404   404   404   404
transfer_letter_read        ok ok 404 404 404   ok    404   404   404   404   404  404   404   404   404
# 巡察报告 (issue 18): the team's leader drafts and holds the 组内讨论, the office the 组办会商;
# the leading group's and the 书记专题会's decisions are recorded by the office (with the
# minutes) or signed by leadership: its only writes. The sealed annex (the clues, named)
# is read by the office and the team's leader only: not leadership, which reads clues masked.
report_draft                ok ok ok 403 404  404   404   403   404   403   404  403   404   403   404
report_group_discussion     403 403 ok 403 404 404  404   404   404   403   404  404   404   404   404
report_office_consultation  ok ok 403 403 404 404   404   404   404   403   404  404   404   404   404
report_leading_group        ok ok 403 403 404 404   404   404   404   ok    404  404   404   404   404
report_secretary_meeting    ok ok 403 403 404 404   404   404   404   ok    404  404   404   404   404
inspection_report_generate  ok ok ok ok 404   404   404   404   404   403   404  404   404   404   404
inspection_report_read      ok ok ok ok 404   404   404   404   404   ok    404  404   404   404   404
inspection_report_annex_generate ok ok ok 403 404 404 404  404   404   403   404  404   404   404   404
inspection_report_annex_read     ok ok ok 404 404 404 404  404   404   404   404  404   404   404   404
# 交办事项, 专题报告 and 巡察建议书: the round is the target of a create (every persona
# but the liaisons sees it); the records themselves only the office and leadership.
department_matter_create     ok ok 403 403 403   404   404   403   403   403   403  403   403   403   403
department_matter_reply      ok ok 404 404 404   404   404   404   404   403   404  404   404   404   404
thematic_report_create       ok ok 403 403 403   404   404   403   403   403   403  403   403   403   403
thematic_report_reply        ok ok 404 404 404   404   404   404   404   403   404  404   404   404   404
thematic_report_generate     ok ok 404 404 404   404   404   404   404   403   404  404   404   404   404
thematic_report_read         ok ok 404 404 404   404   404   404   404   ok    404  404   404   404   404
recommendation_letter_generate  ok ok 404 404 404 404 404   404   404   403   404  404   404   404   404
recommendation_letter_read      ok ok 404 404 404 404 404   404   404   ok    404  404   404   404   404
"""
