"""Factories for every model, so that a test builds only what it is about."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from findings.catalogue import seed_catalogue
from findings.choices import ClueStatus, ProblemNature, ProblemSource, ProblemStatus, SubjectPost
from findings.models import (
    Clue,
    ClueSubject,
    Problem,
    ProblemAspect,
    ProblemBasis,
    ProblemClass,
    ProblemFocus,
    TransferLetter,
)
from inspection.choices import AttentionClass, ReceivingBody, UserRole
from inspection.models import Term, Town, User, Village
from rectification.choices import ItemStatus, OrderForm, RectificationMode, ResponsibleUnitKind
from rectification.models import Feedback, ImmediateOrder, RectificationItem
from rounds.choices import (
    ActivityKind,
    IntervieweeCategory,
    PetitionChannel,
    RoundMode,
    TeamRole,
)
from rounds.models import (
    Activity,
    Assignment,
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


class TownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Town

    name = factory.Sequence(lambda n: f"测试{n}镇")
    code = factory.Sequence(lambda n: f"320411{n % 1000:03d}")


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    town = factory.SubFactory(TownFactory)
    name = factory.Sequence(lambda n: f"测试{n}村")
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.town.code}{n % 1000:03d}")
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
    number = factory.Sequence(lambda n: n % 90 + 1)


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
    mode = RectificationMode.TIME_LIMITED
    responsible_unit_kind = ResponsibleUnitKind.VILLAGE_PARTY
    responsible_unit = "村党总支"
    responsible_person = "张卫东"
    measures = "重新履行民主程序，规范合同管理。"
    deadline = factory.LazyAttribute(lambda o: o.feedback.fed_back_on + datetime.timedelta(days=60))
    status = ItemStatus.PENDING


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
