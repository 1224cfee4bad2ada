"""Inputs of the rectification writes: plain serializers that only parse types.

The services check the rules and name the field that broke one; these only turn JSON or
multipart into ids, dates, choices, texts and files. Text lengths follow the model columns
so that an over-long value is a 400, not a database error.
"""

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from inspection.api.errors import labelled
from inspection.api.fields import ChoiceField
from rectification.choices import (
    EvaluationBatch,
    RectificationMode,
    ResponsibleUnitKind,
    VerificationMethod,
    VerificationResult,
)


def parsed(serializer_class, request) -> dict:
    """The request body parsed by ``serializer_class`` (types only), or a 400 naming fields.

    Errors of list and nested fields (milestones, letters, evidence files) come from DRF
    keyed by position; they are flattened into the one error shape, a list of messages
    per field ("第2项 due_on：…").
    """
    serializer = serializer_class(data=request.data)
    if not serializer.is_valid():
        raise ValidationError(
            {field: messages(detail) for field, detail in serializer.errors.items()}
        )
    return dict(serializer.validated_data)


def messages(detail, where: str = "") -> list[str]:
    """The messages of one field's (possibly nested) errors, each saying where it belongs."""
    if isinstance(detail, dict):
        return [
            message
            for key, inner in detail.items()
            for message in messages(inner, _joined(where, _position(key)))
        ]
    if isinstance(detail, list):
        if all(isinstance(inner, str) for inner in detail):
            return [labelled(where, inner) if where else str(inner) for inner in detail]
        return [
            message
            for index, inner in enumerate(detail)
            for message in messages(inner, _joined(where, _position(index)))
        ]
    return [labelled(where, detail) if where else str(detail)]


def _position(key) -> str:
    return _("第%(number)s项") % {"number": int(key) + 1} if str(key).isdigit() else str(key)


def _joined(where: str, part: str) -> str:
    return f"{where} {part}" if where else part


class NoteInput(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="备注，写入变更历史"
    )


class RoundCloseInput(NoteInput):
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=80,
        help_text="档案不完整或线索未办结时，巡察办主任仍予归档的理由（记入变更历史）",
    )


def evidence_files() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.FileField(max_length=100, allow_empty_file=True),
        required=False,
        default=list,
        help_text="佐证材料文件，可多个（multipart/form-data）",
    )


class FeedbackLetterInput(serializers.Serializer):
    assignment = serializers.IntegerField(help_text="本轮次巡察对象的ID")
    letter = serializers.CharField(allow_blank=True, help_text="该巡察对象的反馈意见")


class RoundGiveFeedbackInput(NoteInput):
    fed_back_on = serializers.DateField(help_text="反馈日期，不晚于今天，不早于撤离日期")
    letter = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="每个巡察对象的反馈意见"
    )
    letters = FeedbackLetterInput(
        many=True, required=False, help_text="逐个巡察对象的反馈意见，覆盖 letter"
    )

    def validate_letters(self, rows):
        assignments = [row["assignment"] for row in rows]
        if len(set(assignments)) != len(assignments):
            raise serializers.ValidationError(_("同一巡察对象的反馈意见只能填写一次。"))
        return rows


class FeedbackBatchInput(RoundGiveFeedbackInput):
    round = serializers.IntegerField(help_text="巡察轮次 id")
    assignments = serializers.ListField(
        child=serializers.IntegerField(), help_text="本批反馈的巡察对象 id（均属于该轮次）"
    )
    place = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default="", help_text="反馈地点"
    )
    chair = serializers.CharField(
        max_length=50, required=False, allow_blank=True, default="", help_text="反馈会主持人"
    )
    members_present = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="出席的领导小组成员"
    )
    attendance = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="参会人员"
    )


class MilestoneInput(serializers.Serializer):
    title = serializers.CharField(max_length=200, allow_blank=True, help_text="阶段目标")
    due_on = serializers.DateField(help_text="完成时限")


class ItemPlanInput(NoteInput):
    """整改方案: only the fields given change; ``milestones`` replaces a long-term item's."""

    mode = ChoiceField(choices=RectificationMode.choices, required=False)
    measures = serializers.CharField(required=False, allow_blank=True)
    target = serializers.CharField(required=False, allow_blank=True)
    responsible_unit_kind = ChoiceField(choices=ResponsibleUnitKind.choices, required=False)
    responsible_unit = serializers.CharField(max_length=100, required=False, allow_blank=True)
    responsible_person = serializers.CharField(max_length=50, required=False, allow_blank=True)
    supervising_leader = serializers.CharField(max_length=50, required=False, allow_blank=True)
    deadline = serializers.DateField(
        required=False, help_text="整改时限（长期整改由最后一个阶段目标决定）"
    )
    milestones = MilestoneInput(many=True, required=False, help_text="长期整改的阶段目标")


class ProgressInput(NoteInput):
    text = serializers.CharField(allow_blank=True, help_text="进展情况")
    percent = serializers.IntegerField(help_text="完成进度，0–100")
    evidence = evidence_files()


class VerifyInput(NoteInput):
    method = ChoiceField(choices=VerificationMethod.choices)
    result = ChoiceField(choices=VerificationResult.choices)
    satisfaction = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="群众满意度，0–100（群众评议必填）"
    )
    evidence = evidence_files()


class ReturnInput(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text="退回理由")


class TownReviewInput(serializers.Serializer):
    passed = serializers.BooleanField(
        help_text="初审结论：true 通过、报巡察办核验；false 退回村(社区)"
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="退回理由（退回时必填）"
    )


class ReopenInput(serializers.Serializer):
    look_back_round = serializers.IntegerField(help_text="发现反弹回潮的回头看轮次ID")
    reason = serializers.CharField(allow_blank=True, help_text="反弹回潮的情况")
    deadline = serializers.DateField(required=False, help_text="新的整改时限（今天或以后）")


class EvaluationInput(serializers.Serializer):
    assignment = serializers.IntegerField(help_text="巡察对象ID")
    batch = ChoiceField(choices=EvaluationBatch.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    evaluated_on = serializers.DateField(required=False, help_text="评估日期，默认今天")
