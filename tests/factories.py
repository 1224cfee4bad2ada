"""Factories for every model, so that a test builds only what it is about."""

import datetime
from decimal import Decimal

import factory
from django.db.models import Max
from django.utils import timezone

from findings.catalogue import seed_catalogue
from findings.choices import (
    ClueStatus,
    ProblemNature,
    ProblemSource,
    ProblemStatus,
    SubjectPost,
    ThematicReportKind,
)
from findings.models import (
    Clue,
    ClueSubject,
    DepartmentMatter,
    Problem,
    ProblemAspect,
    ProblemBasis,
    ProblemClass,
    ProblemFocus,
    ThematicReport,
    TransferLetter,
)
from inspection.choices import AttentionClass, ReceivingBody, RosterBody, UserRole
from inspection.models import RosterEntry, Term, Town, User, Village
from rectification.choices import ItemStatus, OrderForm, RectificationMode, ResponsibleUnitKind
from rectification.models import Feedback, FeedbackBatch, ImmediateOrder, RectificationItem
from rounds.choices import (
    ActivityKind,
    IntervieweeCategory,
    PetitionChannel,
    RoundMode,
    TeamRole,
)
from rounds.mode_catalogue import seed_modes
from rounds.mode_rules import default_mode
from rounds.models import (
    Activity,
    Assignment,
    EntryNotice,
    EntryNoticeAssignment,
    InspectionMode,
    InspectionRound,
    Interview,
    Petition,
    SupervisionItem,
    Team,
    TeamMember,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    role = UserRole.OFFICE_STAFF
    password = factory.django.Password("correct-horse-battery")


def next_code(model, prefix: str) -> str:
    """The code after the highest ``prefix`` + three digits in the database: a test's codes
    rise in the order its records were made, so "the first by code" is the first made (a
    global sequence taken modulo 1000 wrapped inside a test, and broke that order)."""
    last = (
        model.objects.filter(code__regex=rf"^{prefix}[0-9]{{3}}$")
        .order_by("-code")
        .values_list("code", flat=True)
        .first()
    )
    return f"{prefix}{int(last[-3:]) + 1 if last else 1:03d}"


class TownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Town

    name = factory.Sequence(lambda n: f"测试{n}镇")
    code = factory.LazyFunction(lambda: next_code(Town, "320411"))


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    town = factory.SubFactory(TownFactory)
    name = factory.Sequence(lambda n: f"测试{n}村")
    code = factory.LazyAttribute(lambda o: next_code(Village, o.town.code))
    population = 2000
    households = 650
    party_members = 80
    collective_income = Decimal("1200000.00")
    attention_class = AttentionClass.GENERAL


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("name",)

    name = "2021—2026届"
    starts_on = datetime.date(2021, 10, 1)
    ends_on = datetime.date(2026, 12, 31)
    is_current = True


class SupervisionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionItem

    code = factory.Sequence(lambda n: f"T{n:03d}")
    focus_area = "corruption"
    title = factory.Sequence(lambda n: f"监督重点{n}")


class InspectionRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionRound

    term = factory.SubFactory(TermFactory)
    ordinal = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"县委第{o.ordinal}轮巡察")
    mode = RoundMode.REGULAR


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    round = factory.SubFactory(InspectionRoundFactory)

    @factory.lazy_attribute
    def number(self):
        """The round's next free 组别: a sequence wrapped at 90 met a round's own teams
        (第一组, 第二组) whenever the process had made a multiple of 90 teams before."""
        if self.round.pk is None:
            return 1
        taken = Team.objects.filter(round=self.round).aggregate(top=Max("number"))["top"]
        return (taken or 0) + 1


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory, role=UserRole.INSPECTOR)
    role = TeamRole.MEMBER


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    round = factory.SubFactory(InspectionRoundFactory)
    team = factory.SubFactory(TeamFactory, round=factory.SelfAttribute("..round"))
    village = factory.SubFactory(VillageFactory)
    town = factory.SelfAttribute("village.town")
    # The round's default mode (the county's of its kind), as assignment_create gives.
    mode = factory.LazyAttribute(lambda assignment: default_mode(assignment.round))


def mode_of(kind: str) -> InspectionMode:
    """The county's first mode of ``kind`` (the shipped ones seeded again after a flush)."""
    seed_modes(InspectionMode)
    return InspectionMode.objects.filter(kind=kind).order_by("order", "pk").first()


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    assignment = factory.SubFactory(AssignmentFactory)
    interviewee_name = "王建国"
    interviewee_category = IntervieweeCategory.VETERAN_PARTY_MEMBER
    recorded_by = factory.SubFactory(UserFactory, role=UserRole.INSPECTOR)
    recorder = factory.SelfAttribute("recorded_by")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    assignment = factory.SubFactory(AssignmentFactory)
    kind = ActivityKind.SYMPOSIUM
    people_reached = 12
    recorded_by = factory.SubFactory(UserFactory, role=UserRole.INSPECTOR)


class PetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Petition

    assignment = factory.SubFactory(AssignmentFactory)
    round = factory.SelfAttribute("assignment.round")
    channel = PetitionChannel.VISIT
    reporter_name = "李秀英"
    content = "反映村里低保评定不公开。"
    recorded_by = factory.SubFactory(UserFactory, role=UserRole.INSPECTOR)


class EntryNoticeFactory(factory.django.DjangoModelFactory):
    """A 进驻公告, open until ten days from today, covering ``targets`` (assignments; one new
    assignment of its round by default)."""

    class Meta:
        model = EntryNotice
        skip_postgeneration_save = True

    round = factory.LazyFunction(lambda: AssignmentFactory().round)
    duty_phone = "0519-86001234"
    mailbox = "xcz1@example.gov.cn"
    letterbox = "村党群服务中心门口"
    accepted_scope = "主要受理反映村党组织领导班子及其成员的问题。"
    period_from = factory.LazyFunction(timezone.localdate)
    period_until = factory.LazyAttribute(lambda o: o.period_from + datetime.timedelta(days=10))
    cutoff_on = factory.SelfAttribute("period_until")
    created_by = factory.SubFactory(UserFactory, role=UserRole.OFFICE_STAFF)

    @factory.post_generation
    def targets(obj, create, extracted, **kwargs):
        if not create:
            return
        assignments = extracted or [obj.round.assignments.order_by("pk").first()]
        for assignment in assignments:
            EntryNoticeAssignment.objects.create(notice=obj, assignment=assignment)


def catalogue_class(code: str = "collective_assets") -> ProblemClass:
    """A class of the shipped taxonomy (findings.catalogue), seeded if a flush removed it."""
    seed_catalogue(ProblemFocus, ProblemAspect, ProblemClass)
    return ProblemClass.objects.get(code=code)


class ProblemFocusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProblemFocus

    code = factory.Sequence(lambda n: f"focus-{n}")
    name = factory.Sequence(lambda n: f"测试聚焦{n}")


class ProblemAspectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProblemAspect

    focus = factory.SubFactory(ProblemFocusFactory)
    name = factory.Sequence(lambda n: f"测试方面{n}")


class ProblemClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProblemClass

    aspect = factory.SubFactory(ProblemAspectFactory)
    name = factory.Sequence(lambda n: f"测试类{n}")


class ProblemBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProblemBasis

    title = "中华人民共和国村民委员会组织法"
    article = factory.Sequence(lambda n: f"第{n + 1}条")
    text = "涉及村民利益的事项，经村民会议讨论决定方可办理。"


# The signatures each status carries (the model's check constraints).
_SIGNATURES = (
    ("submitted", ProblemStatus.SUBMITTED),
    ("reviewed", ProblemStatus.REVIEWED),
    ("confirmed", ProblemStatus.CONFIRMED),
)


class ProblemFactory(factory.django.DjangoModelFactory):
    """A paper; one past draft carries the signatures its status needs (by its recorder,
    unless given), as the services would have written them."""

    class Meta:
        model = Problem

    assignment = factory.SubFactory(AssignmentFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: f"一组-测试村-{o.sequence:03d}")
    title = "村集体资产租赁未经民主程序"
    problem_class = factory.LazyFunction(catalogue_class)
    nature = ProblemNature.VIOLATION
    facts = "村集体资产租赁合同未经民主程序。"
    source = ProblemSource.DOCUMENTS
    status = ProblemStatus.DRAFT
    recorded_by = factory.SubFactory(UserFactory, role=UserRole.INSPECTOR)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        order = list(ProblemStatus.values)
        reached = order.index(kwargs.get("status", ProblemStatus.DRAFT))
        for prefix, status in _SIGNATURES:
            if reached >= order.index(status):
                kwargs.setdefault(f"{prefix}_by", kwargs["recorded_by"])
                kwargs.setdefault(f"{prefix}_at", timezone.now())
        return super()._create(model_class, *args, **kwargs)


class ClueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clue

    assignment = factory.SubFactory(AssignmentFactory)
    round = factory.SelfAttribute("assignment.round")
    summary = "村会计涉嫌虚报冒领补贴资金。"
    status = ClueStatus.PROPOSED
    proposed_by = factory.SubFactory(UserFactory, role=UserRole.INSPECTOR)


class ClueSubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClueSubject

    clue = factory.SubFactory(ClueFactory)
    name = "赵德明"
    post = SubjectPost.ACCOUNTANT


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    assignment = factory.SubFactory(AssignmentFactory)
    fed_back_on = factory.LazyFunction(timezone.localdate)
    plan_due_on = factory.LazyAttribute(lambda o: o.fed_back_on + datetime.timedelta(days=15))
    report_due_on = factory.LazyAttribute(lambda o: o.fed_back_on + datetime.timedelta(days=60))
    given_by = factory.SubFactory(UserFactory)
    batch = factory.SubFactory(
        "tests.factories.FeedbackBatchFactory",
        round=factory.SelfAttribute("..assignment.round"),
        fed_back_on=factory.SelfAttribute("..fed_back_on"),
        given_by=factory.SelfAttribute("..given_by"),
    )


class ImmediateOrderFactory(factory.django.DjangoModelFactory):
    """A written order; its items are made apart (``order_item``)."""

    class Meta:
        model = ImmediateOrder

    assignment = factory.SubFactory(AssignmentFactory)
    team = factory.SelfAttribute("assignment.team")
    team_number = factory.SelfAttribute("team.number")
    form = OrderForm.WRITTEN
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    sequence = factory.Sequence(lambda n: n + 1)
    issued_by = factory.SubFactory(UserFactory, role=UserRole.INSPECTOR)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))


def issue_of_fed_back_problem(feedback, problem):
    """A fed-back item's 反馈问题: its problem's, else a new one numbered after the last
    of the assignment (as feedback gives a paper put in no issue); none before feedback."""
    from django.db.models import Max

    from rectification.models import FeedbackIssue, FeedbackIssueProblem

    if feedback is None:
        return None
    placement = FeedbackIssueProblem.objects.filter(problem=problem).first()
    if placement is not None and placement.issue_id:
        return placement.issue
    last = FeedbackIssue.objects.filter(assignment_id=problem.assignment_id).aggregate(
        n=Max("number")
    )["n"]
    issue = FeedbackIssue.objects.create(
        assignment_id=problem.assignment_id,
        number=(last or 0) + 1,
        title=problem.title or "问题",
        aspect_id=problem.problem_class.aspect_id if problem.problem_class_id else None,
    )
    FeedbackIssueProblem.objects.update_or_create(problem=problem, defaults={"issue": issue})
    return issue


class RectificationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationItem

    feedback = factory.SubFactory(FeedbackFactory)
    problem = factory.SubFactory(
        ProblemFactory,
        assignment=factory.SelfAttribute("..feedback.assignment"),
        status=ProblemStatus.FED_BACK,
        confirmed_by=factory.SelfAttribute("recorded_by"),
        confirmed_at=factory.LazyFunction(timezone.now),
    )
    issue = factory.LazyAttribute(lambda o: issue_of_fed_back_problem(o.feedback, o.problem))
    mode = RectificationMode.TIME_LIMITED
    responsible_unit_kind = ResponsibleUnitKind.VILLAGE_PARTY
    responsible_unit = "村党总支"
    responsible_person = "张卫东"
    measures = "重新履行民主程序，规范合同管理。"
    deadline = factory.LazyAttribute(lambda o: o.feedback.fed_back_on + datetime.timedelta(days=60))
    status = ItemStatus.PENDING


class FeedbackBatchFactory(factory.django.DjangoModelFactory):
    """A 反馈会 of a round; its feedbacks are made apart (``FeedbackFactory(batch=…)``)."""

    class Meta:
        model = FeedbackBatch

    round = factory.SubFactory(InspectionRoundFactory)
    fed_back_on = factory.LazyFunction(timezone.localdate)
    place = "镇政府会议室"
    given_by = factory.SubFactory(UserFactory)


class DepartmentMatterFactory(factory.django.DjangoModelFactory):
    """交办事项 handed on today, its reply due in 30 days."""

    class Meta:
        model = DepartmentMatter

    assignment = factory.SubFactory(AssignmentFactory)
    round = factory.SelfAttribute("assignment.round")
    department = "县民政局"
    summary = "低保对象动态管理不及时，请核查整改。"
    handed_on = factory.LazyFunction(timezone.localdate)
    reply_due_on = factory.LazyAttribute(lambda o: o.handed_on + datetime.timedelta(days=30))
    created_by = factory.SubFactory(UserFactory, role=UserRole.OFFICE_STAFF)


class ThematicReportFactory(factory.django.DjangoModelFactory):
    """A 专题报告 (pass kind=RECOMMENDATION with addressee and reply_due_on for a 建议书)."""

    class Meta:
        model = ThematicReport

    round = factory.SubFactory(InspectionRoundFactory)
    kind = ThematicReportKind.THEMATIC_REPORT
    title = "关于村级集体“三资”管理共性问题的专题报告"
    issued_on = factory.LazyFunction(timezone.localdate)
    created_by = factory.SubFactory(UserFactory, role=UserRole.OFFICE_STAFF)


class FeedbackIssueFactory(factory.django.DjangoModelFactory):
    """反馈问题 of an assignment (rectification.models.issues)."""

    class Meta:
        model = "rectification.FeedbackIssue"

    assignment = factory.SubFactory(AssignmentFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "村集体“三资”管理不规范"


class TransferLetterFactory(factory.django.DjangoModelFactory):
    """移交函 (clue transfer letters): numbered 巡察移〔YYYY〕N号 in the factory's own run."""

    class Meta:
        model = TransferLetter

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    sequence = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: f"巡察移〔{o.year}〕{o.sequence}号")
    sent_on = factory.LazyFunction(timezone.localdate)
    body = ReceivingBody.COMMISSION
    unit = "县纪委监委第一纪检监察室"
    material = "问题线索移交审批表\n谈话记录复印件"
    created_by = factory.SubFactory(UserFactory, role=UserRole.OFFICE_STAFF)


class RosterEntryFactory(factory.django.DjangoModelFactory):
    """A person in office on a village's roster (两委及村务监督委员会名册)."""

    class Meta:
        model = RosterEntry

    village = factory.SubFactory(VillageFactory)
    name = factory.Sequence(lambda n: f"名册人员{n}")
    body = RosterBody.PARTY
    post = "书记"
    started_on = datetime.date(2021, 1, 5)
    ended_on = None
    is_party_member = True


def usual_request_body(name: str = "县信访局"):
    """One of the bodies the migration seeds (rounds.request_bodies), seeded again if a
    flush removed them."""
    from rounds.models import RequestBody
    from rounds.request_bodies import seed_usual_bodies

    seed_usual_bodies(RequestBody)
    return RequestBody.objects.get(name=name)
