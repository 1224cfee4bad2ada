"""Read serializers of the rectification ledger, and the round's feedback summary.

Every related label comes from ``select_related``/``prefetch_related`` declared on the
viewsets, so a page costs a fixed number of queries. Nothing here is confidential (the
names of clue subjects, interviewees and petitioners are never reached from the ledger).

Two choice fields are plain text in the schema (an item's ``mode``, a round's ``status``):
the same choice set under a field name other sets share ("mode", "status") in more than
one component is a naming collision drf-spectacular warns about. The lasting fix is an
``ENUM_NAME_OVERRIDES`` entry in the settings.
"""

from rest_framework import serializers

from findings.choices import ProblemNature, Severity
from inspection.api.evidence import EvidenceDownloadField
from inspection.api.fields import ChoiceField
from inspection.api.lean import LeanRepresentation
from rectification.choices import FeedbackDocument
from rectification.models import (
    Alert,
    Evaluation,
    Feedback,
    FeedbackBatch,
    Milestone,
    ProgressEvidence,
    ProgressUpdate,
    RectificationItem,
    Verification,
    VerificationEvidence,
)
from rounds.models import InspectionRound


def label(source: str, **kwargs) -> serializers.CharField:
    """A read-only text label reached through ``source`` (``None`` if a link is empty)."""
    return serializers.CharField(source=source, read_only=True, **kwargs)


def optional_label(source: str) -> serializers.CharField:
    return label(source, allow_null=True)


def display(field: str) -> serializers.CharField:
    return label(f"get_{field}_display")


class ReadSerializer(LeanRepresentation, serializers.ModelSerializer):
    """A record as read: every field read-only (the writes go through the services), each
    row written by the lean path (``inspection.api.lean``)."""

    def get_extra_kwargs(self):
        extra = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra[name] = {**extra.get(name, {}), "read_only": True}
        return extra


PLACE_FIELDS = (
    "round",
    "round_title",
    "town",
    "town_name",
    "village",
    "village_name",
    "team",
    "team_name",
)


def with_places(path: str):
    """A ModelSerializer base declaring the round, town, village and team (ids and names) of
    the assignment at the dotted ``path``."""
    declared = {
        "round": serializers.IntegerField(source=f"{path}.round_id", read_only=True),
        "round_title": label(f"{path}.round.title"),
        "town": serializers.IntegerField(source=f"{path}.town_id", read_only=True),
        "town_name": label(f"{path}.town.name"),
        "village": serializers.IntegerField(
            source=f"{path}.village_id", read_only=True, allow_null=True
        ),
        "village_name": optional_label(f"{path}.village.name"),
        "team": serializers.IntegerField(source=f"{path}.team_id", read_only=True, allow_null=True),
        "team_name": optional_label(f"{path}.team.name"),
    }
    return type("PlaceLabels", (ReadSerializer,), declared)


# ------------------------------------------------------------------------------ feedback


class FeedbackSerializer(with_places("assignment")):
    """巡察反馈 of one assignment: the letter, the plan and report due and handed in."""

    letter_file = EvidenceDownloadField(help_text="反馈意见书的下载地址（无则为 null）")
    given_by_name = label("given_by")
    items_count = serializers.IntegerField(read_only=True, help_text="本反馈建立的整改台账条目数")

    class Meta:
        model = Feedback
        fields = (
            "id",
            "assignment",
            *PLACE_FIELDS,
            "fed_back_on",
            "letter",
            "letter_file",
            "plan_due_on",
            "report_due_on",
            "plan_submitted_on",
            "report_submitted_on",
            "head_report_due_on",
            "head_report_submitted_on",
            "given_by",
            "given_by_name",
            "items_count",
        )


class FeedbackBatchSerializer(ReadSerializer):
    """反馈批次 (集中反馈) and its 反馈会: the date, place, chair, members present and the
    organisations fed back at it."""

    statement_file = EvidenceDownloadField(help_text="表态发言的下载地址（无则为 null）")
    given_by_name = label("given_by")
    assignments = serializers.SlugRelatedField(
        source="feedbacks",
        slug_field="assignment_id",
        many=True,
        read_only=True,
        help_text="本批反馈的巡察对象 id",
    )

    class Meta:
        model = FeedbackBatch
        fields = (
            "id",
            "round",
            "fed_back_on",
            "place",
            "chair",
            "members_present",
            "attendance",
            "statement_file",
            "note",
            "given_by",
            "given_by_name",
            "assignments",
        )


# ------------------------------------------------------------------------------ the ledger


class EvidenceSerializer(ReadSerializer):
    """An evidence file (佐证材料) of a progress update; ``file`` is the same download
    address as ``download_url`` (MEDIA_URL serves nothing)."""

    file = EvidenceDownloadField(help_text="同 download_url")
    download_url = EvidenceDownloadField(help_text="下载地址（须有权查看该记录；记入访问日志）")

    class Meta:
        model = ProgressEvidence
        fields = (
            "id",
            "file",
            "download_url",
            "original_name",
            "description",
            "uploaded_by",
            "uploaded_at",
        )


class VerificationEvidenceSerializer(EvidenceSerializer):
    """An evidence file of a verification (photos, minutes, the assessment sheet)."""

    class Meta(EvidenceSerializer.Meta):
        model = VerificationEvidence


class MilestoneSerializer(ReadSerializer):
    """A milestone (阶段目标) of a long-term item."""

    class Meta:
        model = Milestone
        fields = ("id", "item", "title", "due_on", "completed_on")


class ProgressUpdateSerializer(ReadSerializer):
    """整改进展 posted on an item, with its evidence files."""

    author_name = label("author")
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = (
            "id",
            "item",
            "text",
            "percent",
            "author",
            "author_name",
            "on_behalf",
            "created_at",
            "evidence",
        )


class VerificationSerializer(ReadSerializer):
    """核验 of an item that asked to be closed, with its evidence files."""

    method_display = display("method")
    result_display = display("result")
    verifier_name = label("verifier")
    evidence = VerificationEvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Verification
        fields = (
            "id",
            "item",
            "method",
            "method_display",
            "result",
            "result_display",
            "satisfaction",
            "note",
            "verifier",
            "verifier_name",
            "verified_at",
            "evidence",
        )


class RectificationItemSerializer(with_places("problem.assignment")):
    """A ledger item with its problem's facts, its plan, its milestones, progress and
    verifications; ``is_overdue`` is derived for today (never stored)."""

    assignment = serializers.IntegerField(source="problem.assignment_id", read_only=True)
    problem_class = serializers.IntegerField(
        source="problem.problem_class_id", read_only=True, allow_null=True
    )
    problem_class_name = optional_label("problem.problem_class.name")
    nature = ChoiceField(
        source="problem.nature", choices=ProblemNature.choices, read_only=True, allow_blank=True
    )
    nature_display = label("problem.get_nature_display")
    severity = ChoiceField(source="problem.severity", choices=Severity.choices, read_only=True)
    severity_display = label("problem.get_severity_display")
    problem_facts = label("problem.facts")
    fed_back_on = serializers.DateField(
        source="feedback.fed_back_on",
        read_only=True,
        allow_null=True,
        help_text="反馈日期；巡中立行立改的条目在反馈前为空",
    )
    order_number = serializers.CharField(
        source="order.number",
        read_only=True,
        allow_null=True,
        help_text="立行立改通知编号（巡X组立改〔年〕N号）；口头交办为空字符串，非巡中交办为空",
    )
    issue_number = serializers.IntegerField(
        source="issue.number",
        read_only=True,
        allow_null=True,
        help_text="反馈问题编号（整改方案和台账按此编号）；巡中立行立改的条目反馈前为空",
    )
    # Plain text in the schema: the enum of "mode" is described once, by the plan's input,
    # so that its name does not collide with the rounds' "mode" (see the module docstring).
    mode = serializers.CharField(
        read_only=True, help_text="整改方式：immediate / time_limited / long_term"
    )
    mode_display = display("mode")
    responsible_unit_kind_display = display("responsible_unit_kind")
    responsible_user_name = optional_label("responsible_user")
    status_display = display("status")
    is_overdue = serializers.BooleanField(
        read_only=True, help_text="今天是否逾期：整改时限已过，且既未申请销号也未销号"
    )
    milestones = MilestoneSerializer(many=True, read_only=True)
    progress_updates = ProgressUpdateSerializer(many=True, read_only=True)
    verifications = VerificationSerializer(many=True, read_only=True)

    class Meta:
        model = RectificationItem
        fields = (
            "id",
            "problem",
            "assignment",
            *PLACE_FIELDS,
            "problem_class",
            "problem_class_name",
            "nature",
            "nature_display",
            "severity",
            "severity_display",
            "problem_facts",
            "feedback",
            "fed_back_on",
            "order",
            "order_number",
            "issue",
            "issue_number",
            "mode",
            "mode_display",
            "responsible_unit_kind",
            "responsible_unit_kind_display",
            "responsible_unit",
            "responsible_person",
            "responsible_user",
            "responsible_user_name",
            "supervising_leader",
            "measures",
            "target",
            "deadline",
            "status",
            "status_display",
            "is_overdue",
            "submitted_at",
            "submitted_by",
            "submitted_on_behalf",
            "town_reviewed_at",
            "town_reviewed_by",
            "closed_at",
            "return_reason",
            "reopened_by_round",
            "reopened_at",
            "reopen_reason",
            "created_at",
            "milestones",
            "progress_updates",
            "verifications",
        )


class AlertSerializer(ReadSerializer):
    """三色预警 of a ledger item, a clue whose result is owed, or a feedback's plan or report
    (``document``) that falls due."""

    document = ChoiceField(
        choices=FeedbackDocument.choices,
        allow_blank=True,
        read_only=True,
        help_text="针对巡察反馈的预警：整改方案或整改报告；其他预警为空",
    )
    stage_display = display("stage")

    class Meta:
        model = Alert
        fields = (
            "id",
            "item",
            "clue",
            "feedback",
            "document",
            "stage",
            "stage_display",
            "due_on",
            "created_at",
        )


# ---------------------------------------------------------------------------- follow-up


class EvaluationSerializer(with_places("assignment")):
    """整改评估 of an assignment into one of the four batches (四个一批)."""

    batch_display = display("batch")
    evaluator_name = label("evaluator")

    class Meta:
        model = Evaluation
        fields = (
            "id",
            "assignment",
            *PLACE_FIELDS,
            "batch",
            "batch_display",
            "evaluated_on",
            "note",
            "evaluator",
            "evaluator_name",
        )


# ---------------------------------------------------------------------- the round's moves


class RoundFeedbackSerializer(ReadSerializer):
    """A round after its feedback moves: its status and the ledger items it now has."""

    # Plain text: the round's "status" enum is described by the rounds API's Round.
    status = serializers.CharField(read_only=True, help_text="轮次状态，取值同巡察轮次的 status")
    status_display = display("status")
    ledger_items = serializers.IntegerField(read_only=True, help_text="本轮次的整改台账条目数")

    class Meta:
        model = InspectionRound
        fields = ("id", "title", "status", "status_display", "ledger_items")
