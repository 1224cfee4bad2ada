"""The small county of tests/world.py with confidential names planted through the services,
and the policy saying who may read each of them (README "Who may see what", docs/DOMAIN.md).

Every planted name uses rare characters so that finding it in an answer can only mean the
planted record leaked; each is also written into the free text of its record, as a team
writes it. The records are made by the services, as the product makes them:

- a named petition to team A's village (reporter REPORTER, phone PHONE), disposed of
  转为问题 (the leader confirms the masked draft of its content as the problem's facts),
  confirmed, fed back into the ledger of officer_a's town, where it raises an alert digest;
  and a second one from the same reporter, not yet disposed of;
- an interview of team A (interviewee INTERVIEWEE) and a problem drawn from it, fed back;
- a clue of team A (person concerned SUBJECT) drawn from the petition's problem,
  transferred to the commission, received, disposed of and concluded by ``liaison`` with
  an outcome note naming the person;
- an anonymous round-level petition turned by leader_a into a round-level clue (person
  concerned ROUND_SUBJECT), only proposed: the proposer reads it, the other inspectors of
  the round (who see a round-level clue) and leadership read it masked.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from findings.choices import (
    ClueOutcome,
    DispositionMethod,
    PartySanction,
    ProblemNature,
    ProblemSource,
    SubjectPost,
)
from findings.models import Problem
from findings.selectors import petition_problem_draft
from findings.services.clue_disposal import clue_conclude, clue_dispose, clue_receive
from findings.services.clues import clue_propose
from findings.services.matters import department_matter_create
from findings.services.petitions import petition_dispose
from findings.services.problems import problem_record, problem_update
from findings.services.reports import report_draft
from findings.services.signatures import problem_review, problem_sign, problem_submit
from inspection.choices import ReceivingBody
from inspection.documents.services import document_generate
from rectification.choices import OrderForm
from rectification.models import RectificationItem
from rectification.services.feedback import round_give_feedback
from rectification.services.items import item_post_progress, item_update_plan
from rectification.services.orders import immediate_order_issue
from rounds.choices import IntervieweeCategory, PetitionChannel, PetitionDisposition
from rounds.services.onsite import interview_record, petition_record
from rounds.services.rounds import round_end_on_site
from tests.factories import ThematicReportFactory, catalogue_class
from tests.findings.clue_chain import transfer
from tests.findings.helpers import PAPER
from tests.findings.reports_kit import clear_for_feedback
from tests.world import build_world

REPORTER = "柏永康甲"
PHONE = "13907310042"
INTERVIEWEE = "谷雨澄乙"
SUBJECT = "储文杰丙"
ROUND_SUBJECT = "蔺若溪丁"
# Words of the interview's record and of the pending petition's content (no name in them).
TESTIMONY = "账目三年没有公开"
PETITION_WORDS = "村道硬化工程偷工减料"
# Words of the first petition: its problem's facts, the ledger row and the clue's summary.
LEDGER_ROW = "虚报冒领低保资金"

# A 函调 reply's summary about 甲一村 (信访 and 线索 material): the office, leadership and
# team A read it (on the 函调 page, the team's village page and 甲一村's 个性监督清单).
REPLY_WORDS = "窦氏砖窑占用集体林地"
# A string no record holds: what searching for a name must look like to whoever may not
# read it.
ABSENT = "鬯龘靐齉"

OFFICE = {"office", "lead"}
TEAM_A = {"leader_a", "member_a"}


@dataclass(frozen=True)
class Secret:
    """A planted string, who reads it in full and who reads it masked (the surname and
    ``**``); everyone else must not read it, nor its masked form."""

    key: str
    text: str
    full: frozenset
    masked: frozenset = frozenset({"leadership"})
    # The list endpoints where a full reader's search must find its record (API paths
    # and screens): proof that searching works for those who may.
    found_on: tuple = ()
    # Who of ``full`` reads it on some screen (None: all of them); the others read it
    # through the API (the office reads interviews and petitions there, and in the admin).
    on_screens: frozenset | None = None

    # A name has a masked form (柏**); a number or withheld testimony has none.
    maskable: bool = True
    # Whether the API serves its record (the 函调 replies are read on screens only).
    in_api: bool = True

    @property
    def masked_text(self) -> str | None:
        return f"{self.text[0]}**" if self.maskable and len(self.text) > 1 else None

    def level(self, persona: str) -> str:
        if persona in self.full:
            return "full"
        if persona in self.masked:
            return "masked"
        return "none"


SECRETS = (
    # The liaison reads the clue made from the petition: a reporter quoted in its texts
    # reads masked there, as for leadership (inspection.confidentiality).
    Secret(
        "reporter",
        REPORTER,
        frozenset(OFFICE | TEAM_A),
        masked=frozenset({"leadership", "liaison"}),
        found_on=("/api/v1/petitions/",),
    ),
    # The reporter's contact: readable with the name, masked as *** otherwise.
    Secret(
        "phone",
        PHONE,
        frozenset(OFFICE | TEAM_A),
        found_on=("/api/v1/petitions/",),
        on_screens=frozenset(TEAM_A),
        maskable=False,
    ),
    # Testimony is withheld from whoever may not read who gave it: words of it (no name
    # in them) are read by the name's readers only, and searched only by them.
    Secret(
        "testimony",
        TESTIMONY,
        frozenset(OFFICE | TEAM_A),
        masked=frozenset(),
        found_on=("/api/v1/interviews/",),
        on_screens=frozenset(),  # the team's pages list interviews, not their records
        maskable=False,
    ),
    Secret(
        "petition_content",
        PETITION_WORDS,
        frozenset(OFFICE | TEAM_A),
        masked=frozenset(),
        found_on=("/api/v1/petitions/",),
        on_screens=frozenset(TEAM_A),
        maskable=False,
    ),
    Secret(
        "interviewee",
        INTERVIEWEE,
        frozenset(OFFICE | TEAM_A),
        found_on=("/api/v1/interviews/",),
        on_screens=frozenset(TEAM_A),
    ),
    # Not a name but a scope: the words of the petition's problem (its facts, masked of the
    # reporter; the clue's summary quotes them) are read by who sees the problem, the clue
    # or the ledger item, and by nobody outside that scope — not through a browsable filter
    # dropdown either.
    Secret(
        "facts",
        LEDGER_ROW,
        frozenset(
            OFFICE | TEAM_A | {"officer_a", "reviewer_a", "supervisor_a", "leadership", "liaison"}
        ),
        masked=frozenset(),
        found_on=("/api/v1/problems/", "/api/v1/rectification-items/"),
        maskable=False,
    ),
    Secret(
        "subject",
        SUBJECT,
        frozenset(OFFICE | TEAM_A | {"liaison"}),
        found_on=("/api/v1/clues/", "/clues/"),
    ),
    # A round-level clue (no assignment) is visible to every inspector of the round
    # (findings.permissions.visible_clues); only its proposer reads its persons, the
    # others of the round read them masked, as leadership does.
    Secret(
        "round_subject",
        ROUND_SUBJECT,
        frozenset(OFFICE | {"leader_a"}),
        masked=frozenset({"leadership", "member_a", "leader_b"}),
        found_on=("/api/v1/clues/", "/clues/"),
    ),
    # Not a name but a scope: a 函调 reply about 甲一村 is read by the office, leadership
    # and the team inspecting 甲一村; not by team B of the same round, nor anyone else.
    Secret(
        "data_request_reply",
        REPLY_WORDS,
        frozenset(OFFICE | TEAM_A | {"leadership"}),
        masked=frozenset(),
        maskable=False,
        in_api=False,
    ),
)


@dataclass
class PlantedWorld:
    world: object
    document: object = None
    petition: object = None
    round_petition: object = None
    pending_petition: object = None
    interview: object = None
    petition_problem: object = None
    interview_problem: object = None
    clue: object = None
    round_clue: object = None
    letter: object = None
    items: list = field(default_factory=list)
    orders: list = field(default_factory=list)
    supervision_letters: list = field(default_factory=list)
    joint_inspections: list = field(default_factory=list)
    report: object = None
    report_documents: list = field(default_factory=list)
    data_request: object = None

    def report_documents_of(self, *kinds: str) -> list:
        from inspection.documents.models import Document

        return list(Document.objects.filter(kind__in=kinds, object_id=self.report.pk))

    matters: list = field(default_factory=list)
    thematic_reports: list = field(default_factory=list)

    @property
    def users(self) -> dict:
        return self.world.users

    def __getattr__(self, name):
        return getattr(self.__dict__["world"], name)


def build_planted_world() -> PlantedWorld:
    world = build_world()
    planted = PlantedWorld(world=world)
    office, leader_a, member_a = world.office, world.leader_a, world.member_a
    round_id, assignment_id = world.round.pk, world.assignment_a.pk
    _request_data(planted)

    planted.interview = interview_record(
        actor=member_a,
        assignment_id=assignment_id,
        interviewee_category=IntervieweeCategory.VETERAN_PARTY_MEMBER,
        interviewee_name=INTERVIEWEE,
        interviewee_post="老党员",
        place="村部会议室",
        outline=f"向{INTERVIEWEE}了解村务公开情况",
        record=f"{INTERVIEWEE}说：村里的{TESTIMONY}。",
        problems_raised=f"{INTERVIEWEE}反映村务不公开",
        interviewer_ids=[member_a.pk, leader_a.pk],
    )
    # Its 谈话记录, generated by the team: the name and the testimony in a .docx.
    planted.document = document_generate(
        actor=member_a, kind="interview_record", subject_id=planted.interview.pk
    )
    planted.petition = petition_record(
        actor=member_a,
        round_id=round_id,
        assignment_id=assignment_id,
        channel=PetitionChannel.VISIT,
        reporter_name=REPORTER,
        reporter_contact=PHONE,
        # The matter first: a row's label (a filter dropdown's option) shows its start.
        content=f"村委会{LEDGER_ROW}。本人{REPORTER}（村民，电话{PHONE}）实名反映。",
    )
    # Not yet disposed of: the 转为问题 draft screen shows its masked draft to the team.
    planted.pending_petition = petition_record(
        actor=member_a,
        round_id=round_id,
        assignment_id=assignment_id,
        channel=PetitionChannel.PHONE,
        reporter_name=REPORTER,
        reporter_contact=PHONE,
        content=f"{REPORTER}来电反映：{PETITION_WORDS}。回电{PHONE}。",
    )
    planted.round_petition = petition_record(
        actor=office,
        round_id=round_id,
        channel=PetitionChannel.LETTER,
        is_anonymous=True,
        content="匿名来信反映某村干部插手工程项目。",
    )

    # 转为问题, as the team does it: the leader confirms the masked draft as the facts.
    draft = petition_problem_draft(user=leader_a, petition_id=planted.petition.pk)
    petition_dispose(
        actor=leader_a,
        petition_id=planted.petition.pk,
        disposition=PetitionDisposition.TO_PROBLEM,
        problem_class_id=catalogue_class("welfare_funds").pk,
        nature=ProblemNature.VIOLATION,
        facts=draft.facts,
    )
    planted.petition_problem = Problem.objects.get(petitions=planted.petition)
    planted.interview_problem = problem_record(
        actor=member_a,
        assignment_id=assignment_id,
        problem_class_id=catalogue_class("openness").pk,
        nature=ProblemNature.GENERAL,
        facts="村务公开不及时，三年未公开集体账目。",
        source=ProblemSource.INTERVIEW,
        interview_ids=[planted.interview.pk],
        **PAPER,
    )
    for problem in (planted.petition_problem, planted.interview_problem):
        # Team A has no deputy: its leader reviews and signs.
        problem_update(actor=leader_a, problem_id=problem.pk, **PAPER)
        problem_submit(actor=member_a, problem_id=problem.pk)
        problem_review(actor=leader_a, problem_id=problem.pk)
        problem_sign(actor=leader_a, problem_id=problem.pk)
    # 巡中立行立改: the interview's problem is ordered on site; feedback carries its item.
    planted.orders = [
        immediate_order_issue(
            actor=leader_a,
            assignment_id=assignment_id,
            problem_ids=[planted.interview_problem.pk],
            form=OrderForm.WRITTEN,
        )
    ]
    # The working papers printed (the petition's paper is the clue's, below) and the
    # order's notice: read by the team, the office and leadership (the notice by the
    # unit too), never by a clue's liaison.
    planted.paper_documents = [
        document_generate(actor=member_a, kind=kind, subject_id=subject.pk)
        for kind, subject in (
            ("problem_paper", planted.petition_problem),
            ("problem_paper", planted.interview_problem),
            ("paper_compilation", world.assignment_a),
            ("immediate_order", planted.orders[0]),
        )
    ]

    planted.clue = clue_propose(
        actor=leader_a,
        assignment_id=assignment_id,
        summary=f"{SUBJECT}涉嫌{LEDGER_ROW}。",
        # The team's note on the person quotes who reported them, as notes do.
        subjects=[
            {
                "name": SUBJECT,
                "post": SubjectPost.DIRECTOR,
                "note": f"{SUBJECT}系村主任，{REPORTER}反映其虚报冒领",
            }
        ],
        problem_ids=[planted.petition_problem.pk],
        petition_ids=[planted.petition.pk],
        amount="12000",
    )
    today = timezone.localdate()
    planted.letter = transfer(
        office=office,
        leadership=world.leadership,
        clue_ids=[planted.clue.pk],
        body=ReceivingBody.COMMISSION,
        on=today,
    )
    clue_receive(actor=world.liaison, clue_id=planted.clue.pk)
    clue_dispose(
        actor=world.liaison,
        clue_id=planted.clue.pk,
        method=DispositionMethod.PRELIMINARY_CHECK,
        disposed_on=today,
    )
    planted.clue = clue_conclude(
        actor=world.liaison,
        clue_id=planted.clue.pk,
        outcome=ClueOutcome.CASE_FILED,
        concluded_on=today,
        persons=[
            {
                "subject": subject.pk,
                "case_filed": True,
                "party_sanction": PartySanction.SERIOUS_WARNING,
            }
            for subject in planted.clue.subjects.all()
        ],
        outcome_note=f"给予{SUBJECT}党纪政务处分。",
    )

    # A round-level clue: from an anonymous petition naming no village.
    petition_dispose(
        actor=leader_a,
        petition_id=planted.round_petition.pk,
        disposition=PetitionDisposition.TO_CLUE,
        summary=f"{ROUND_SUBJECT}插手村级工程项目。",
        subjects=[{"name": ROUND_SUBJECT, "post": SubjectPost.TOWN_CADRE}],
    )
    planted.round_clue = planted.round_petition.clues.get()

    # 巡察报告 (issue 18): 甲一村's report counts the clue (read by leadership and the team)
    # and its sealed annex names the person (the office and the team's leader only).
    planted.report = report_draft(actor=leader_a, assignment_id=assignment_id)
    planted.report_documents = planted.report_documents_of(
        "inspection_report", "inspection_report_annex"
    )

    # Feedback puts both problems in the ledger of town A (officer_a's unit).
    round_end_on_site(actor=office, round_id=round_id)
    clear_for_feedback(world.round, actor=office)
    round_give_feedback(actor=office, round_id=round_id, fed_back_on=today, letter="反馈意见")
    planted.items = list(
        RectificationItem.objects.filter(problem__assignment=world.assignment_a).order_by("pk")
    )
    for item in planted.items:
        item_update_plan(
            actor=world.officer_a,
            item_id=item.pk,
            measures="重新公开账目",
            target="账目按季公开",
            responsible_person="李四",
        )
        item_post_progress(
            actor=world.officer_a, item_id=item.pk, text="已公开一季度账目。", percent=30
        )
    _supervise(planted, today)
    # 交办事项 and a 巡察建议书 on the interview's problem: the office and leadership read
    # them (and the problem's facts on their pages), never the unit or a clue's liaison.
    planted.matters = [
        department_matter_create(
            actor=office,
            round_id=round_id,
            assignment_id=world.assignment_a.pk,
            department="县民政局",
            summary="低保动态管理不及时，请核查。",
            handed_on=today,
            problem_ids=[planted.interview_problem.pk],
        )
    ]
    letter = ThematicReportFactory(
        round=world.round,
        kind="recommendation",
        addressee="县农业农村局",
        reply_due_on=today + datetime.timedelta(days=30),
    )
    letter.problems.add(planted.interview_problem)
    planted.thematic_reports = [letter]
    _raise_alerts(planted)
    return planted


def _request_data(planted) -> None:
    """函调 (issue 20): a letter to the petitions bureau about both villages, its reply
    about 甲一村 only (its file kept apart), and 甲一村's checklist drafted by team A from
    it."""
    import tempfile

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    from rounds.services.briefs import assignment_brief_draft
    from rounds.services.requests import (
        data_request_create,
        data_request_reply_record,
        data_request_send,
    )
    from tests.factories import usual_request_body

    world = planted.world
    draft = data_request_create(
        actor=world.office, round_id=world.round.pk, body_id=usual_request_body().pk
    )
    planted.data_request = data_request_send(actor=world.office, request_id=draft.pk)
    with override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="planted-media-")):
        data_request_reply_record(
            actor=world.office,
            request_id=draft.pk,
            file=SimpleUploadedFile("回复.pdf", b"%PDF-1.4 reply"),
            summary=f"群众反映{REPLY_WORDS}。",
            village_ids=[world.assignment_a.village_id],
        )
    assignment_brief_draft(
        actor=world.member_a, assignment_id=world.assignment_a.pk, kind="checklist"
    )


def _supervise(planted, today) -> None:
    """整改监督 (issue 19): a 督办函 on town A's items (made directly: they are not overdue
    yet) and a joint inspection of 甲一村 with a finding on the first item; read by
    whoever reads those items."""
    from rectification.models import SupervisionLetter
    from rectification.services import joint_inspection_record

    world = planted.world
    letter = SupervisionLetter.objects.create(
        kind="supervise",
        year=today.year,
        sequence=1,
        assignment=world.assignment_a,
        issued_by=world.office,
        issued_on=today,
        reply_due_on=today + datetime.timedelta(days=10),
    )
    letter.items.set(planted.items)
    planted.supervision_letters = [letter]
    planted.joint_inspections = [
        joint_inspection_record(
            actor=world.office,
            inspected_on=today,
            village_ids=[world.assignment_a.village_id],
            office_members="巡察办王",
            findings=[{"text": "账目公开不及时。", "item_id": planted.items[0].pk}],
        )
    ]


def _raise_alerts(planted: PlantedWorld) -> None:
    """The alert scan on the day the items fall due: digests (notifications) to the
    officer and the office, titled with the start of each problem's facts."""
    from rectification.alerts.scan import run_alert_scan

    due = max(item.deadline for item in planted.items)
    run_alert_scan(on=due + datetime.timedelta(days=1))
