"""The input of each action on problems and clues.

They only parse types (ids, choices, dates, sums and counts within what the columns
hold); every business rule stays in the services. Their ``source`` names are the
service's keyword arguments, so a view passes ``validated_data`` through unchanged.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from findings.choices import (
    ADMONITION_CHOICES,
    CLUE_RECEIVING_BODY_CHOICES,
    ClueOutcome,
    DispositionMethod,
    GovernmentSanction,
    OrganisationalMeasure,
    PartySanction,
    ProblemNature,
    ProblemSource,
    Severity,
    SubjectPost,
)
from findings.services.clues_bulk import BULK_MAX
from findings.services.problems import LINKS
from inspection.api.errors import labelled
from inspection.api.fields import (
    ChoiceField,
    IdField,
    optional_id,
    optional_text,
    plain_text,
)
from rounds.choices import PetitionDisposition


def _messages(detail, path=()):
    """The messages of a nested error ``detail``, each led by where it belongs."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from _messages(value, (*path, key))
        return
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        for index, value in enumerate(detail):
            yield from _messages(value, (*path, index))
        return
    where = " ".join(
        _("第%(number)s项") % {"number": step + 1} if isinstance(step, int) else str(step)
        for step in path
    )
    for message in detail if isinstance(detail, list) else [detail]:
        yield labelled(where, message) if where else str(message)


# The base of every input below. Errors of nested input (a list of persons, of ids) are
# flattened into messages under the top-level field, so that every 400 has the one
# documented shape {"detail", "errors": {field: [message, …]}}. (A comment, not a
# docstring: the schema would show a docstring on every input that inherits it.)
class InputSerializer(serializers.Serializer):
    def run_validation(self, data=serializers.empty):
        try:
            return super().run_validation(data)
        except ValidationError as error:
            if not isinstance(error.detail, dict):
                raise
            raise ValidationError(
                {field: list(_messages(detail)) for field, detail in error.detail.items()}
            ) from None


def amount_field(**kwargs) -> serializers.DecimalField:
    """A sum in yuan as the column holds it; the service decides what is acceptable."""
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


def note_field() -> serializers.CharField:
    return serializers.CharField(
        required=False, allow_blank=True, help_text="办理说明，记入变更历史（前100字）"
    )


class FindingNoteInputSerializer(InputSerializer):
    note = note_field()


def _ids_field(label: str) -> serializers.ListField:
    return serializers.ListField(child=IdField(), required=False, help_text=label)


class ProblemFieldsInput(InputSerializer):
    """The 底稿's own fields (every one optional: a draft may be saved incomplete;
    submitting asks for the title, the class and nature, the time, the responsible subject
    and the 定性依据)."""

    title = serializers.CharField(required=False, allow_blank=True, help_text="标题")
    problem_class = IdField(
        source="problem_class_id",
        required=False,
        allow_null=True,
        help_text="问题类别（四个聚焦 → 方面 → 类的第三级）；提交复核前必填",
    )
    nature = ChoiceField(
        choices=ProblemNature.choices,
        required=False,
        allow_blank=True,
        help_text="问题性质；提交复核前必填",
    )
    supervision_item = IdField(source="supervision_item_id", required=False, allow_null=True)
    amount = amount_field(required=False, help_text="涉及金额(元)，默认0")
    severity = ChoiceField(choices=Severity.choices, required=False)
    is_common = serializers.BooleanField(required=False, help_text="共性问题")
    fix_immediately = serializers.BooleanField(required=False, help_text="立行立改")
    interviews = _ids_field("来源谈话（本巡察对象的谈话）")
    activities = _ids_field("来源活动（本巡察对象的走访、座谈等）")
    petitions = _ids_field("来源信访件（本轮次、涉及本巡察对象或尚未指明对象）；已关联的不能取消")
    occurred_period = serializers.CharField(
        required=False, allow_blank=True, help_text="问题发生时间，如：2024年3月至2025年6月"
    )
    occurred_place = serializers.CharField(required=False, allow_blank=True, help_text="地点")
    responsible_post = serializers.CharField(
        required=False, allow_blank=True, help_text="责任主体（单位或职务）"
    )
    responsible_name = serializers.CharField(
        required=False, allow_blank=True, help_text="责任人姓名"
    )
    basis = IdField(source="basis_id", required=False, allow_null=True, help_text="定性依据")
    basis_text = serializers.CharField(
        required=False, allow_blank=True, help_text="定性依据（清单以外，写明制度和条款）"
    )
    note = note_field()

    def validate(self, attrs):
        for name, argument in LINKS.items():
            if name in attrs:
                attrs[argument] = attrs.pop(name)
        return attrs


class ProblemRecordInputSerializer(ProblemFieldsInput):
    assignment = IdField(source="assignment_id", help_text="巡察对象")
    facts = serializers.CharField(allow_blank=True, help_text="问题描述")
    source = ChoiceField(choices=ProblemSource.choices)


class ProblemUpdateInputSerializer(ProblemFieldsInput):
    """只修改提交的字段（仅草稿）；可选关联传 null 表示清除。"""

    facts = serializers.CharField(allow_blank=True, required=False)
    source = ChoiceField(choices=ProblemSource.choices, required=False)


class ProblemReturnInputSerializer(InputSerializer):
    reason = serializers.CharField(allow_blank=True, help_text="退回理由（起草人可见）")


class ClueSubjectInputSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, help_text="姓名")
    post = ChoiceField(choices=SubjectPost.choices, help_text="职务")
    unit = serializers.CharField(required=False, allow_blank=True, help_text="单位")
    note = serializers.CharField(required=False, allow_blank=True, help_text="备注")


class ClueProposeInputSerializer(InputSerializer):
    assignment = IdField(source="assignment_id", help_text="巡察对象（由其巡察组组长提出）")
    summary = serializers.CharField(allow_blank=True, help_text="线索摘要")
    subjects = ClueSubjectInputSerializer(many=True, help_text="被反映人，至少一名")
    problem_ids = serializers.ListField(child=IdField(), required=False, help_text="来源问题")
    petition_ids = serializers.ListField(child=IdField(), required=False, help_text="来源信访件")
    amount = amount_field(required=False, help_text="涉及金额(元)，默认0")
    note = note_field()


class ClueDeclineInputSerializer(InputSerializer):
    reason = serializers.CharField(allow_blank=True, help_text="不予移交理由")
    note = note_field()


class ClueReviewInputSerializer(InputSerializer):
    receiving_body = ChoiceField(
        choices=CLUE_RECEIVING_BODY_CHOICES, help_text="拟移交的受理机关（干部管理权限）"
    )
    opinion = serializers.CharField(required=False, allow_blank=True, help_text="审核意见")
    note = note_field()


class ClueSignOffInputSerializer(InputSerializer):
    signed_off_on = serializers.DateField(help_text="签批日期")
    opinion = serializers.CharField(required=False, allow_blank=True, help_text="领导小组意见")
    sign_off_form = serializers.FileField(
        required=False,
        allow_null=True,
        help_text="签批的移交审批表扫描件（multipart）；巡察办登记时必填，领导小组成员本人签批可不填",
    )
    note = note_field()


def clue_ids_field() -> serializers.ListField:
    return serializers.ListField(
        child=IdField(),
        max_length=BULK_MAX,
        help_text=f"线索编号，一次最多{BULK_MAX}条；全部办理或全部不办理",
    )


class ClueReviewBulkInputSerializer(ClueReviewInputSerializer):
    clue_ids = clue_ids_field()


class TransferLetterSendInputSerializer(InputSerializer):
    """一函多件: one letter to one body for every clue listed (each signed off for it)."""

    clue_ids = clue_ids_field()
    receiving_body = ChoiceField(choices=CLUE_RECEIVING_BODY_CHOICES, help_text="受理机关")
    receiving_unit = serializers.CharField(
        required=False, allow_blank=True, help_text="受理单位名称"
    )
    sent_on = serializers.DateField(help_text="移交日期")
    material = serializers.CharField(
        required=False, allow_blank=True, help_text="移交材料，每行一项"
    )
    note = note_field()


class ClueDisposeInputSerializer(InputSerializer):
    disposition_method = ChoiceField(
        source="method", choices=DispositionMethod.choices, help_text="处置方式（四种方式之一）"
    )
    disposed_on = serializers.DateField(help_text="处置日期")
    note = note_field()


def outcome_form_field(choices, label: str) -> ChoiceField:
    return ChoiceField(choices=choices, required=False, allow_blank=True, help_text=label)


class PersonOutcomeInputSerializer(serializers.Serializer):
    """One person concerned's outcome; what is left out is none (未立案, 无处分 …)."""

    subject = IdField(help_text="被反映人编号（线索 subjects 中的 id）")
    case_filed = serializers.BooleanField(required=False, default=False, help_text="立案")
    party_sanction = outcome_form_field(PartySanction.choices, "党纪处分（须先立案）")
    government_sanction = outcome_form_field(GovernmentSanction.choices, "政务处分（须先立案）")
    organisational = outcome_form_field(OrganisationalMeasure.choices, "组织处理")
    admonition = outcome_form_field(ADMONITION_CHOICES, "诫勉/批评教育")
    to_judiciary = serializers.BooleanField(
        required=False, default=False, help_text="移送司法（须先立案）"
    )


# The clue-level counts a client sent before the persons' outcomes: derived now.
FORMER_COUNTS = (
    "persons_case_filed",
    "persons_sanctioned",
    "persons_admonished",
    "persons_to_judiciary",
)


class ClueConcludeInputSerializer(InputSerializer):
    outcome = ChoiceField(choices=ClueOutcome.choices, help_text="办结结果")
    concluded_on = serializers.DateField(help_text="办结日期")
    persons = PersonOutcomeInputSerializer(
        many=True,
        required=False,
        help_text="各被反映人的办结结果；未列出的被反映人视为无处理。立案、处分等人数由此得出",
    )
    funds_recovered = amount_field(required=False, help_text="追回资金(元)；了结时不能填写")
    outcome_note = serializers.CharField(required=False, allow_blank=True, help_text="办结情况")
    note = note_field()

    def validate(self, attrs):
        sent = [name for name in FORMER_COUNTS if name in self.initial_data]
        if sent:
            message = _("立案、处分等人数由各被反映人的办结结果得出，请填写 persons。")
            raise ValidationError({name: [message] for name in sent})
        return attrs


# ------------------------------------------------------------------ petition disposal
# The petition is rounds' record; what it is disposed into (a problem, a clue) is
# findings', so the disposal's input and endpoint live here.

SUBJECT_KEYS = {
    "name": _lazy("姓名"),
    "post": _lazy("职务"),
    "unit": _lazy("单位"),
    "note": _lazy("备注"),
}


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "description": "姓名"},
                "post": {"type": "string", "enum": SubjectPost.values, "description": "职务"},
                "unit": {"type": "string", "description": "单位"},
                "note": {"type": "string", "description": "备注"},
            },
            "required": ["name", "post"],
        },
    }
)
class SubjectsField(serializers.Field):
    """The persons concerned (被反映人) of a clue: [{name, post, unit?, note?}, …].

    Only their shape is checked here (objects of strings); the service checks the rest.
    """

    default_error_messages = {"not_a_list": _lazy("请以列表形式填写被反映人。")}

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list")
        subjects = []
        for number, subject in enumerate(data, start=1):
            if not isinstance(subject, dict):
                raise serializers.ValidationError(
                    _("第%(number)s名被反映人的格式不正确。") % {"number": number}
                )
            for key, label in SUBJECT_KEYS.items():
                value = subject.get(key, "")
                if not plain_text(value):
                    raise serializers.ValidationError(
                        _("第%(number)s名被反映人的%(field)s必须是文字。")
                        % {"number": number, "field": label}
                    )
            subjects.append({key: subject.get(key, "") for key in SUBJECT_KEYS})
        return subjects

    def to_representation(self, value):
        return value


# How a petition is disposed of (转为问题, 转为线索, 转交, 不予处理); the service checks
# that what the chosen way needs is there.
class PetitionDisposeInputSerializer(InputSerializer):
    disposition = ChoiceField(PetitionDisposition.choices)
    note = optional_text(help_text="处置说明；不予处理时必填")
    referred_to = optional_text(help_text="转交职能部门时的转交单位")
    assignment = optional_id(source="assignment_id", help_text="信访件尚未涉及巡察对象时指明")
    problem_class = optional_id(source="problem_class_id", help_text="转为问题时的问题类别")
    nature = ChoiceField(
        ProblemNature.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="转为问题时的问题性质",
    )
    facts = optional_text(
        help_text=(
            "转为问题时的问题描述：组长确认的草稿（见 problem-draft），不得含反映人姓名和联系方式"
        )
    )
    summary = optional_text(help_text="转为线索时的线索摘要")
    subjects = SubjectsField(required=False, default=list, help_text="转为线索时的被反映人")
    amount = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=Decimal("0"),
        help_text="涉及金额（元）",
    )
