"""One fresh row of each model registered in the admin, with the rows its pages show
around it: the admin's tests build their records here."""

import itertools
import uuid

from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from findings.choices import ProblemStatus
from findings.models import (
    Clue,
    ClueEvidence,
    ClueSubject,
    DepartmentMatter,
    InspectionReport,
    Problem,
    ProblemAspect,
    ProblemBasis,
    ProblemClass,
    ProblemEvidence,
    ProblemFocus,
    ReportDecision,
    ThematicReport,
    TransferLetter,
)
from inspection.choices import AlertStage, RecusalKind, UserRole
from inspection.documents.services import document_generate, document_template_upload
from inspection.models import (
    AccessLog,
    ApiToken,
    DeliveryChannel,
    DeliveryStatus,
    Document,
    DocumentCounter,
    DocumentTemplate,
    Notification,
    NotificationDelivery,
    RecusalDeclaration,
    RosterEntry,
    Term,
    Town,
    User,
    Village,
    VillageFinance,
    VillagePartyOrganisation,
    VillageProject,
)
from rectification.choices import (
    AccountabilityForm,
    AccountabilityTarget,
    DecidingBody,
    EvaluationBatch,
    FirstFormKind,
    RectificationMode,
    VerificationMethod,
    VerificationResult,
)
from rectification.models import (
    AccountabilityDecision,
    AccountabilityProposal,
    Alert,
    ArchivePageCount,
    ArchivePieceKind,
    Evaluation,
    Feedback,
    FeedbackBatch,
    FeedbackIssue,
    FeedbackIssueProblem,
    FirstFormMeasure,
    ImmediateOrder,
    ImmediateOrderCounter,
    ImportedLedgerRow,
    JointInspection,
    JointInspectionFinding,
    LedgerImport,
    LookBackCheck,
    Milestone,
    ProgressEvidence,
    ProgressUpdate,
    PublicityExemption,
    RectificationItem,
    RectificationPublicity,
    SupervisionLetter,
    TeamPackage,
    UnitSubmission,
    Verification,
    VerificationEvidence,
)
from rounds.choices import TeamRole
from rounds.document_kinds import INTERVIEW_RECORD
from rounds.mode_catalogue import seed_modes
from rounds.models import (
    Activity,
    Assignment,
    AssignmentBrief,
    DataRequest,
    DataRequestReply,
    EntryNotice,
    EntryNoticeAssignment,
    InspectionMode,
    InspectionRound,
    Interview,
    MustItem,
    MustItemCheck,
    Petition,
    PetitionPhoto,
    RequestBody,
    SupervisionItem,
    Team,
    TeamMember,
    VillagePortrait,
    WorkPlanDecision,
)
from rounds.must_catalogue import seed_must_lists
from tests import factories

_numbers = itertools.count(1)


def _proposal():
    return AccountabilityProposal.objects.create(
        assignment=factories.AssignmentFactory(),
        target_kind=AccountabilityTarget.PERSON,
        person_name="张卫东",
        facts="整改不力。",
        suggested_form=AccountabilityForm.ADMONISHMENT,
        deciding_body=DecidingBody.COMMISSION,
        proposed_by=factories.UserFactory(),
    )


def _evidence(model, **parent):
    return model.objects.create(
        file="evidence/2025/01/record.pdf",
        original_name="谈话记录.pdf",
        description="佐证",
        uploaded_by=factories.UserFactory(),
        **parent,
    )


def build_term():
    n = next(_numbers)
    return factories.TermFactory(name=f"测试届次{n}", is_current=False)


def build_problem():
    return _evidence(ProblemEvidence, problem=factories.ProblemFactory()).problem


def build_clue():
    clue = factories.ClueSubjectFactory().clue
    _evidence(ClueEvidence, clue=clue)
    return clue


def build_progress_update():
    return ProgressUpdate.objects.create(
        item=factories.RectificationItemFactory(),
        text="已召开村民代表会议。",
        percent=50,
        author=factories.UserFactory(),
    )


def build_verification():
    return Verification.objects.create(
        item=factories.RectificationItemFactory(),
        method=VerificationMethod.PUBLIC_ASSESSMENT,
        result=VerificationResult.PASSED,
        satisfaction=95,
        verifier=factories.UserFactory(),
    )


def build_item():
    item = build_progress_update().item
    Milestone.objects.create(item=item, title="完成合同清理", due_on=item.deadline)
    Verification.objects.create(
        item=item,
        method=VerificationMethod.ON_SITE,
        result=VerificationResult.FAILED,
        verifier=factories.UserFactory(),
    )
    return item


def build_order():
    """A written order with its one item, and the counter that numbered it."""
    order = factories.ImmediateOrderFactory()
    factories.RectificationItemFactory(
        feedback=None,
        order=order,
        problem=factories.ProblemFactory(
            assignment=order.assignment,
            status=ProblemStatus.CONFIRMED,
            confirmed_by=order.issued_by,
            confirmed_at=timezone.now(),
        ),
        mode=RectificationMode.IMMEDIATE,
        deadline=order.due_on,
    )
    ImmediateOrderCounter.objects.get_or_create(
        team_number=order.team_number, year=order.year, defaults={"last": order.sequence}
    )
    return order


def build_notification():
    notification = Notification.objects.create(
        recipient=factories.UserFactory(), title="【三色预警】黄色预警1条", body="…"
    )
    NotificationDelivery.objects.create(
        notification=notification,
        channel=DeliveryChannel.WEBHOOK,
        status=DeliveryStatus.FAILED,
        attempts=6,
        last_error="HTTP 503 Service Unavailable",
    )
    return notification


def build_report():
    from findings.choices import ReportStage
    from tests.findings.reports_kit import report_through

    return report_through(
        factories.AssignmentFactory(),
        actor=factories.UserFactory(role=UserRole.OFFICE_STAFF),
        stage=ReportStage.LEADING_GROUP,
    )


def build_document():
    office = factories.UserFactory(role=UserRole.OFFICE_STAFF)
    interview = factories.InterviewFactory()
    return document_generate(actor=office, kind="interview_record", subject_id=interview.pk)


def build_document_template():
    return document_template_upload(
        actor=factories.UserFactory(role=UserRole.OFFICE_STAFF),
        kind="interview_record",
        file=SimpleUploadedFile("本县模板.docx", INTERVIEW_RECORD.template.read_bytes()),
    )


def build_joint_finding():
    inspection = JointInspection.objects.create(
        inspected_on=timezone.localdate(),
        office_members="王巡",
        recorded_by=factories.UserFactory(role=UserRole.OFFICE_STAFF),
    )
    inspection.villages.add(factories.VillageFactory())
    return JointInspectionFinding.objects.create(
        inspection=inspection, text="台账不全。", item=build_item()
    )


def build_publicity_exemption():
    item = build_item()
    publicity = RectificationPublicity.objects.create(
        assignment=item.problem.assignment,
        created_by=factories.UserFactory(role=UserRole.OFFICE_STAFF),
    )
    return PublicityExemption.objects.create(publicity=publicity, item=item, reason="privacy")


def build_look_back_check():
    item = build_item()
    return LookBackCheck.objects.create(
        item=item,
        assignment=factories.AssignmentFactory(village=item.problem.assignment.village),
        verdict="genuine",
        checked_by=factories.UserFactory(role=UserRole.OFFICE_STAFF),
    )


def build_supervision_letter():
    item = build_item()
    letter = SupervisionLetter.objects.create(
        kind="supervise",
        year=2000 + next(_numbers) % 1000,
        sequence=1,
        assignment=item.problem.assignment,
        issued_by=factories.UserFactory(role=UserRole.OFFICE_STAFF),
        issued_on=timezone.localdate(),
        reply_due_on=timezone.localdate(),
    )
    letter.items.add(item)
    return letter


def build_data_request_reply():
    """A 函调 sent by the office, its reply filed (tagged to the village asked about)."""
    assignment = factories.AssignmentFactory()
    office = factories.UserFactory(role=UserRole.OFFICE_STAFF)
    request = DataRequest.objects.create(
        round=assignment.round,
        body=factories.usual_request_body(),
        asked="近三年信访情况。",
        status="replied",
        year=1000 + next(_numbers) % 1000,
        sequence=1,
        sent_on=timezone.localdate(),
        due_on=timezone.localdate(),
        created_by=office,
        sent_by=office,
    )
    request.villages.add(assignment.village)
    reply = DataRequestReply.objects.create(
        request=request,
        file="requests/replies/test/reply.pdf",
        original_name="信访局回复.pdf",
        received_on=timezone.localdate(),
        summary="信访2件。",
        uploaded_by=office,
    )
    reply.villages.add(assignment.village)
    return reply


BUILDERS = {
    Document: build_document,
    DocumentTemplate: build_document_template,
    DocumentCounter: lambda: DocumentCounter.objects.create(
        kind="interview_record", year=2000 + next(_numbers) % 1000, last=3
    ),
    Group: lambda: Group.objects.create(name=f"用户组{next(_numbers)}"),
    Notification: build_notification,
    NotificationDelivery: lambda: build_notification().deliveries.get(),
    User: factories.UserFactory,
    Town: factories.TownFactory,
    Village: factories.VillageFactory,
    Term: build_term,
    RecusalDeclaration: lambda: RecusalDeclaration.objects.create(
        user=factories.UserFactory(),
        kind=RecusalKind.HOME_VILLAGE,
        village=factories.VillageFactory(),
    ),
    SupervisionItem: factories.SupervisionItemFactory,
    ProblemFocus: factories.ProblemFocusFactory,
    ProblemAspect: factories.ProblemAspectFactory,
    ProblemClass: factories.ProblemClassFactory,
    ProblemBasis: factories.ProblemBasisFactory,
    InspectionRound: lambda: factories.AssignmentFactory().round,
    Team: lambda: factories.TeamMemberFactory(role=TeamRole.LEADER).team,
    TeamMember: factories.TeamMemberFactory,
    Assignment: factories.AssignmentFactory,
    Interview: factories.InterviewFactory,
    Activity: factories.ActivityFactory,
    Petition: factories.PetitionFactory,
    PetitionPhoto: lambda: PetitionPhoto.objects.create(
        petition=factories.PetitionFactory(), file="evidence/2025/01/photo.jpg"
    ),
    EntryNotice: factories.EntryNoticeFactory,
    EntryNoticeAssignment: lambda: factories.EntryNoticeFactory().targets.get(),
    Problem: build_problem,
    ProblemEvidence: lambda: _evidence(ProblemEvidence, problem=factories.ProblemFactory()),
    Clue: build_clue,
    ClueSubject: factories.ClueSubjectFactory,
    ClueEvidence: lambda: _evidence(ClueEvidence, clue=factories.ClueFactory()),
    TransferLetter: factories.TransferLetterFactory,
    Feedback: lambda: factories.RectificationItemFactory().feedback,
    FeedbackBatch: lambda: factories.RectificationItemFactory().feedback.batch,
    RectificationItem: build_item,
    FeedbackIssue: lambda: build_item().issue,
    FeedbackIssueProblem: lambda: build_item().issue.placements.get(),
    UnitSubmission: lambda: UnitSubmission.objects.create(
        feedback=build_item().feedback,
        kind="plan",
        version=1,
        file="submissions/test/plan.pdf",
        original_name="整改方案.pdf",
        uploaded_by=factories.UserFactory(),
    ),
    ImmediateOrder: build_order,
    ImmediateOrderCounter: lambda: ImmediateOrderCounter.objects.get(
        team_number=build_order().team_number
    ),
    Milestone: lambda: build_item().milestones.get(),
    ProgressUpdate: build_progress_update,
    ProgressEvidence: lambda: _evidence(ProgressEvidence, update=build_progress_update()),
    Verification: build_verification,
    VerificationEvidence: lambda: _evidence(
        VerificationEvidence, verification=build_verification()
    ),
    ApiToken: lambda: ApiToken.objects.create(
        user=factories.UserFactory(),
        name="统计平台",
        prefix="abcdefgh",
        digest=f"{next(_numbers):064d}",
        issued_by=factories.UserFactory(),
    ),
    AccessLog: lambda: AccessLog.objects.create(
        user=factories.UserFactory(), action=AccessLog.Action.VIEW, object_type="findings.clue"
    ),
    Alert: lambda: Alert.objects.create(
        item=factories.RectificationItemFactory(),
        stage=AlertStage.YELLOW,
        due_on=timezone.localdate(),
    ),
    AccountabilityProposal: lambda: _proposal(),
    AccountabilityDecision: lambda: AccountabilityDecision.objects.create(
        proposal=_proposal(),
        target_kind=AccountabilityTarget.PERSON,
        form=AccountabilityForm.ADMONISHMENT,
        decided_on=timezone.localdate(),
        recorded_by=factories.UserFactory(),
        signed_by=factories.UserFactory(),
    ),
    FirstFormMeasure: lambda: FirstFormMeasure.objects.create(
        assignment=factories.AssignmentFactory(),
        kind=FirstFormKind.TALK,
        person_name="张卫东",
        reason="整改不力。",
        conducted_on=timezone.localdate(),
        recorded_by=factories.UserFactory(),
    ),
    # 巡察报告 (issue 18): a report through the leading group, its decisions beside it.
    InspectionReport: lambda: build_report(),
    ReportDecision: lambda: build_report().decisions.last(),
    Evaluation: lambda: Evaluation.objects.create(
        assignment=factories.AssignmentFactory(),
        batch=EvaluationBatch.REMINDER,
        evaluator=factories.UserFactory(),
    ),
    DepartmentMatter: factories.DepartmentMatterFactory,
    ThematicReport: factories.ThematicReportFactory,
    # 整改监督 (issue 19): a joint inspection with a finding, a 督办函.
    JointInspection: lambda: build_joint_finding().inspection,
    JointInspectionFinding: lambda: build_joint_finding(),
    SupervisionLetter: lambda: build_supervision_letter(),
    RectificationPublicity: lambda: build_publicity_exemption().publicity,
    PublicityExemption: lambda: build_publicity_exemption(),
    LookBackCheck: lambda: build_look_back_check(),
    InspectionMode: lambda: _seeded(InspectionMode, seed_modes),
    WorkPlanDecision: lambda: _plan_decision(),
    MustItem: lambda: _seeded(MustItem, seed_must_lists),
    # The archive's table of pieces (立卷归档), seeded by its migration.
    ArchivePieceKind: lambda: _archive_piece_kind(),
    ArchivePageCount: lambda: ArchivePageCount.objects.create(
        key=f"documents/{uuid.uuid4().hex}.docx", pages=2
    ),
    MustItemCheck: lambda: _must_check(),
    # 村情画像 (issue 20): the roster, 三资, projects, party organisation, the portraits.
    RosterEntry: factories.RosterEntryFactory,
    VillagePartyOrganisation: lambda: VillagePartyOrganisation.objects.create(
        village=factories.VillageFactory(), name="测试村党支部", kind="branch"
    ),
    VillageFinance: lambda: VillageFinance.objects.create(
        village=factories.VillageFactory(), year=2025, assets=1, debts=0, operating_income=0
    ),
    VillageProject: lambda: VillageProject.objects.create(
        village=factories.VillageFactory(), name="村道硬化", year=2025, amount=100
    ),
    # Submitted: the office reads a portrait once it is handed in, not its draft.
    VillagePortrait: lambda: VillagePortrait.objects.create(
        assignment=factories.AssignmentFactory(),
        kind="self",
        status="submitted",
        submitted_at=timezone.now(),
        sections={"assets": "规范"},
        written_by=factories.UserFactory(),
    ),
    # 函调 and the per-village briefs (issue 20).
    RequestBody: lambda: RequestBody.objects.create(
        name=f"县档案馆{next(_numbers)}", kind="other", default_request="档案。"
    ),
    DataRequest: lambda: build_data_request_reply().request,
    DataRequestReply: lambda: build_data_request_reply(),
    AssignmentBrief: lambda: AssignmentBrief.objects.create(
        assignment=factories.AssignmentFactory(),
        kind="checklist",
        sections=[{"title": "村情重点", "lines": ["查账。"]}],
        drafted_at=timezone.now(),
        updated_by=factories.UserFactory(),
    ),
}


def _plan_decision():
    from tests.rounds.helpers import approve_work_plan

    return approve_work_plan(factories.InspectionRoundFactory())


def _must_check():
    assignment = factories.AssignmentFactory()
    item = MustItem.objects.create(list_kind="visit", label="信访户", round=assignment.round)
    return MustItemCheck.objects.create(
        assignment=assignment, item=item, recorded_by=factories.UserFactory()
    )


# 台账导入 (issue 21): a file imported, and the item one of its rows became.
def _ledger_import():
    return LedgerImport.objects.create(
        filename="测试台账.xlsx", checksum="0" * 64, imported_by=factories.UserFactory()
    )


def _imported_row():
    item = factories.RectificationItemFactory()
    assignment = item.problem.assignment
    return ImportedLedgerRow.objects.create(
        ledger_import=_ledger_import(),
        item=item,
        round=assignment.round,
        assignment=assignment,
        number=1,
        row_number=2,
        fingerprint="0" * 64,
        source={"序号": "1", "具体表现": "测试"},
    )


BUILDERS |= {LedgerImport: _ledger_import, ImportedLedgerRow: _imported_row}


# 单机版 (issue 22): a package made for a team's standalone copy.
def _team_package():
    return TeamPackage.objects.create(
        team=factories.TeamFactory(),
        made_by=factories.UserFactory(role=UserRole.OFFICE_STAFF),
        bundle_key="0" * 44,
    )


BUILDERS |= {TeamPackage: _team_package}


# django-axes registers its lock-out records (superusers unlock accounts there): not ours.
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label != "axes"),
    key=lambda model: model._meta.label,
)
# What the admin edits: reference data (the county's registry and catalogues) and, for a
# superuser, accounts; every other model is a workflow record, read-only there.
EDITABLE = {
    Town,
    Village,
    Term,
    SupervisionItem,
    InspectionMode,
    MustItem,
    ArchivePieceKind,
    RequestBody,
    ProblemFocus,
    ProblemAspect,
    ProblemClass,
    ProblemBasis,
    User,
    Group,
}


def _seeded(model, seeder):
    """The first of the rows migrate seeds, seeded again where a transactional test's flush
    emptied the table before this one (the modules that flush run first: tests/conftest.py)."""
    seeder(model)
    return model.objects.order_by("pk").first()


def _archive_piece_kind():
    from rectification.archive.catalogue import seed_archive_table

    seed_archive_table(ArchivePieceKind)  # bulk-created, no history: one edit gives it one
    kind = ArchivePieceKind.objects.order_by("order", "pk").first()
    kind.save()
    return kind


# 单机版 (issue 22): a team's bundle imported by the office (imports kept local: the
# package's builder, on LAPTOP's branch, edits the import block above).
def _team_bundle_import():
    from rectification.models import TeamBundleImport, TeamPackage

    office = factories.UserFactory(role=UserRole.OFFICE_STAFF)
    package = TeamPackage.objects.create(
        team=factories.TeamFactory(), made_by=office, bundle_key="0" * 44
    )
    return TeamBundleImport.objects.create(
        package=package,
        digest=uuid.uuid4().hex * 2,
        filename="第一组回传包.bin",
        imported_by=office,
        counts={"rounds.interview": 1},
    )


def _register_bundle_import_builder():
    from rectification.models import TeamBundleImport

    BUILDERS[TeamBundleImport] = _team_bundle_import


_register_bundle_import_builder()
