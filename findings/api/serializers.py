"""Serializers of problems and clues: what a row reads like (the inputs are in ``inputs``).

They take rows the viewset fetched with their joins and prefetches, so a page costs a
fixed number of queries. A clue's persons concerned and its texts (summary, outcome
note, decline reason) are never serialized raw: they pass through the confidentiality
policy for the requesting user (``findings.selectors.ClueText``, ``sees_clue_subjects``).
A problem's linked interviews, activities and petitions are listed only as far as the
reader may open them (the viewset prefetches them through ``visible``).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from findings.choices import (
    Admonition,
    ClueOutcome,
    DispositionMethod,
    GovernmentSanction,
    OrganisationalMeasure,
    PartySanction,
    SubjectPost,
)
from findings.models import Clue, Problem, TransferLetter
from findings.permissions import reads_letter_material, sees_clue_subjects
from findings.selectors import ClueText, clue_is_late, clue_subjects_seen_by
from inspection.api.evidence import EvidenceDownloadField
from inspection.api.fields import ChoiceField
from inspection.api.lean import LeanRepresentation
from inspection.choices import ReceivingBody


class FindingEvidenceSerializer(LeanRepresentation, serializers.Serializer):
    """An evidence file as listed with its record; the file is at ``download_url``."""

    id = serializers.IntegerField(read_only=True)
    original_name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    uploaded_by = serializers.IntegerField(source="uploaded_by_id", read_only=True)
    uploaded_by_name = serializers.StringRelatedField(source="uploaded_by", read_only=True)
    uploaded_at = serializers.DateTimeField(read_only=True)
    download_url = EvidenceDownloadField(help_text="下载地址（须有权查看该记录；记入访问日志）")


class ProblemSerializer(LeanRepresentation, serializers.ModelSerializer):
    round = serializers.IntegerField(source="assignment.round_id", read_only=True)
    round_title = serializers.CharField(source="assignment.round.title", read_only=True)
    town = serializers.IntegerField(source="assignment.town_id", read_only=True)
    town_name = serializers.CharField(source="assignment.town.name", read_only=True)
    village = serializers.IntegerField(
        source="assignment.village_id", read_only=True, allow_null=True
    )
    village_name = serializers.CharField(
        source="assignment.village.name", read_only=True, allow_null=True
    )
    team = serializers.IntegerField(source="assignment.team_id", read_only=True, allow_null=True)
    team_name = serializers.CharField(
        source="assignment.team.name", read_only=True, allow_null=True
    )
    problem_class_name = serializers.CharField(
        source="problem_class.name", read_only=True, allow_null=True, help_text="问题类别（类）"
    )
    aspect = serializers.IntegerField(
        source="problem_class.aspect_id", read_only=True, allow_null=True
    )
    aspect_name = serializers.CharField(
        source="problem_class.aspect.name", read_only=True, allow_null=True, help_text="方面"
    )
    focus = serializers.IntegerField(
        source="problem_class.aspect.focus_id", read_only=True, allow_null=True
    )
    focus_name = serializers.CharField(
        source="problem_class.aspect.focus.name", read_only=True, allow_null=True, help_text="聚焦"
    )
    nature_display = serializers.CharField(source="get_nature_display", read_only=True)
    supervision_item_title = serializers.StringRelatedField(
        source="supervision_item", read_only=True, allow_null=True
    )
    source_display = serializers.CharField(source="get_source_display", read_only=True)
    severity_display = serializers.CharField(source="get_severity_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    recorded_by_name = serializers.StringRelatedField(source="recorded_by", read_only=True)
    submitted_by_name = serializers.StringRelatedField(
        source="submitted_by", read_only=True, allow_null=True
    )
    reviewed_by_name = serializers.StringRelatedField(
        source="reviewed_by", read_only=True, allow_null=True
    )
    confirmed_by_name = serializers.StringRelatedField(
        source="confirmed_by", read_only=True, allow_null=True, help_text="审签人"
    )
    basis_title = serializers.StringRelatedField(source="basis", read_only=True, allow_null=True)
    evidence = FindingEvidenceSerializer(many=True, read_only=True, help_text="佐证材料（只读）")
    interviews = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="来源谈话；只列出读者有权查看的"
    )
    activities = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="来源活动；只列出读者有权查看的"
    )
    petitions = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="来源信访件；只列出读者有权查看的（被巡察单位看不到）"
    )

    class Meta:
        model = Problem
        fields = (
            "id",
            "number",
            "title",
            "assignment",
            "round",
            "round_title",
            "town",
            "town_name",
            "village",
            "village_name",
            "team",
            "team_name",
            "focus",
            "focus_name",
            "aspect",
            "aspect_name",
            "problem_class",
            "problem_class_name",
            "nature",
            "nature_display",
            "supervision_item",
            "supervision_item_title",
            "facts",
            "source",
            "source_display",
            "interviews",
            "activities",
            "petitions",
            "occurred_period",
            "occurred_place",
            "responsible_post",
            "responsible_name",
            "basis",
            "basis_title",
            "basis_text",
            "amount",
            "severity",
            "severity_display",
            "is_common",
            "fix_immediately",
            "status",
            "status_display",
            "recorded_by",
            "recorded_by_name",
            "submitted_by",
            "submitted_by_name",
            "submitted_at",
            "reviewed_by",
            "reviewed_by_name",
            "reviewed_at",
            "confirmed_by",
            "confirmed_by_name",
            "confirmed_at",
            "return_reason",
            "created_at",
            "evidence",
        )
        read_only_fields = fields


class PersonOutcomeSerializer(serializers.Serializer):
    """A person's outcome, once the clue is concluded ("" where none)."""

    case_filed = serializers.BooleanField(read_only=True, help_text="立案")
    party_sanction = ChoiceField(
        choices=PartySanction.choices, allow_blank=True, read_only=True, help_text="党纪处分"
    )
    party_sanction_display = serializers.CharField(source="party_sanction_label", read_only=True)
    government_sanction = ChoiceField(
        choices=GovernmentSanction.choices, allow_blank=True, read_only=True, help_text="政务处分"
    )
    government_sanction_display = serializers.CharField(
        source="government_sanction_label", read_only=True
    )
    sanction_unsplit = serializers.BooleanField(
        read_only=True,
        help_text="党纪政务处分（原登记未区分党纪、政务：由原来的处分人数迁移而来）",
    )
    organisational = ChoiceField(
        choices=OrganisationalMeasure.choices,
        allow_blank=True,
        read_only=True,
        help_text="组织处理",
    )
    organisational_display = serializers.CharField(source="organisational_label", read_only=True)
    admonition = ChoiceField(
        choices=Admonition.choices, allow_blank=True, read_only=True, help_text="诫勉/批评教育"
    )
    admonition_display = serializers.CharField(source="admonition_label", read_only=True)
    to_judiciary = serializers.BooleanField(read_only=True, help_text="移送司法")


class ClueSubjectSerializer(LeanRepresentation, serializers.Serializer):
    """A person concerned (被反映人) as the requesting user may read it."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True, help_text="无权查看时只显示姓氏，如“张**”")
    post = ChoiceField(choices=SubjectPost.choices, read_only=True)
    post_display = serializers.CharField(source="post_label", read_only=True)
    unit = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True, help_text="无权查看时为空")
    masked = serializers.BooleanField(read_only=True)
    outcome = PersonOutcomeSerializer(
        read_only=True, allow_null=True, help_text="办结后该被反映人的办结结果；未办结时为空"
    )


class ClueSerializer(LeanRepresentation, serializers.ModelSerializer):
    round_title = serializers.CharField(source="round.title", read_only=True)
    town = serializers.IntegerField(source="assignment.town_id", read_only=True, allow_null=True)
    town_name = serializers.CharField(
        source="assignment.town.name", read_only=True, allow_null=True
    )
    village = serializers.IntegerField(
        source="assignment.village_id", read_only=True, allow_null=True
    )
    village_name = serializers.CharField(
        source="assignment.village.name", read_only=True, allow_null=True
    )
    team = serializers.IntegerField(source="assignment.team_id", read_only=True, allow_null=True)
    team_name = serializers.CharField(
        source="assignment.team.name", read_only=True, allow_null=True
    )
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    # Empty until the step that sets them: declared so that the schema allows "".
    receiving_body = ChoiceField(choices=ReceivingBody.choices, allow_blank=True, read_only=True)
    disposition_method = ChoiceField(
        choices=DispositionMethod.choices, allow_blank=True, read_only=True
    )
    outcome = ChoiceField(choices=ClueOutcome.choices, allow_blank=True, read_only=True)
    proposed_by_name = serializers.StringRelatedField(source="proposed_by", read_only=True)
    approved_by_name = serializers.StringRelatedField(
        source="approved_by", read_only=True, allow_null=True
    )
    receiving_body_display = serializers.CharField(
        source="get_receiving_body_display", read_only=True
    )
    received_by_name = serializers.StringRelatedField(
        source="received_by", read_only=True, allow_null=True
    )
    disposition_method_display = serializers.CharField(
        source="get_disposition_method_display", read_only=True
    )
    outcome_display = serializers.CharField(source="get_outcome_display", read_only=True)
    summary = serializers.SerializerMethodField(
        help_text="线索摘要；看不到被反映人姓名的角色，摘要中的姓名同样只见姓氏（张**），"
        "电话、身份证号以 *** 代替"
    )
    decline_reason = serializers.SerializerMethodField(help_text="不予移交理由；遮蔽同线索摘要")
    review_opinion = serializers.SerializerMethodField(help_text="巡察办审核意见；遮蔽同线索摘要")
    sign_off_opinion = serializers.SerializerMethodField(help_text="领导小组意见；遮蔽同线索摘要")
    signed_off_by_name = serializers.StringRelatedField(
        source="signed_off_by", read_only=True, allow_null=True
    )
    has_sign_off_form = serializers.SerializerMethodField(
        help_text="是否附有签批的移交审批表（巡察办登记的签批）"
    )
    outcome_note = serializers.SerializerMethodField(help_text="办结情况；遮蔽同线索摘要")
    is_late = serializers.SerializerMethodField(
        help_text="逾期未反馈结果：已移交、已接收或处置中，且反馈结果期限早于今天"
    )
    subjects = serializers.SerializerMethodField(
        help_text="被反映人；无权查看的角色只见姓氏（张**），不见备注"
    )
    evidence = serializers.SerializerMethodField(
        help_text="佐证材料（只读）；看不到被反映人姓名的角色不见材料清单"
    )

    class Meta:
        model = Clue
        fields = (
            "id",
            "round",
            "round_title",
            "assignment",
            "town",
            "town_name",
            "village",
            "village_name",
            "team",
            "team_name",
            "problems",
            "petitions",
            "summary",
            "amount",
            "status",
            "status_display",
            "subjects",
            "proposed_by",
            "proposed_by_name",
            "proposed_at",
            "approved_by",
            "approved_by_name",
            "approved_at",
            "review_opinion",
            "signed_off_on",
            "signed_off_by",
            "signed_off_by_name",
            "sign_off_opinion",
            "has_sign_off_form",
            "decline_reason",
            "receiving_body",
            "receiving_body_display",
            "receiving_unit",
            "letter",
            "letter_number",
            "transferred_on",
            "transferred_on_site",
            "result_due_on",
            "is_late",
            "received_by",
            "received_by_name",
            "received_at",
            "disposition_method",
            "disposition_method_display",
            "disposed_on",
            "concluded_on",
            "outcome",
            "outcome_display",
            "persons_case_filed",
            "persons_sanctioned",
            "persons_admonished",
            "persons_to_judiciary",
            "funds_recovered",
            "outcome_note",
            "evidence",
        )
        read_only_fields = fields

    def _user(self):
        return self.context["request"].user

    def _sees_subjects(self, clue: Clue) -> bool:
        """``sees_clue_subjects`` once per row (three fields ask it)."""
        seen = self.__dict__.get("_seen")
        if seen is None or seen[0] is not clue:
            seen = self.__dict__["_seen"] = (clue, sees_clue_subjects(self._user(), clue))
        return seen[1]

    def _many(self, serializer_class):
        """One list serializer of ``serializer_class`` for every row (made once)."""
        key = f"_many_{serializer_class.__name__}"
        if key not in self.__dict__:
            self.__dict__[key] = serializer_class(many=True, context=self.context)
        return self.__dict__[key]

    def _text(self, clue: Clue) -> ClueText:
        """The clue's texts as the user reads them, once per row (three fields ask)."""
        text = self.__dict__.get("_texts")
        if text is None or text[0] is not clue:
            text = self.__dict__["_texts"] = (clue, ClueText.of(self._user(), clue))
        return text[1]

    def get_summary(self, clue: Clue) -> str:
        return self._text(clue).summary

    def get_decline_reason(self, clue: Clue) -> str:
        return self._text(clue).decline_reason

    def get_review_opinion(self, clue: Clue) -> str:
        return self._text(clue).review_opinion

    def get_sign_off_opinion(self, clue: Clue) -> str:
        return self._text(clue).sign_off_opinion

    def get_has_sign_off_form(self, clue: Clue) -> bool:
        return bool(clue.sign_off_form)

    def get_outcome_note(self, clue: Clue) -> str:
        return self._text(clue).outcome_note

    def get_is_late(self, clue: Clue) -> bool:
        return clue_is_late(clue)

    @extend_schema_field(ClueSubjectSerializer(many=True))
    def get_subjects(self, clue: Clue) -> list[dict]:
        subjects = clue_subjects_seen_by(self._user(), clue, sees=self._sees_subjects(clue))
        return self._many(ClueSubjectSerializer).to_representation(subjects)

    @extend_schema_field(FindingEvidenceSerializer(many=True))
    def get_evidence(self, clue: Clue) -> list[dict]:
        if not self._sees_subjects(clue):
            return []
        return self._many(FindingEvidenceSerializer).to_representation(clue.evidence.all())


class RemovedTraceSerializer(serializers.Serializer):
    kind = serializers.CharField(
        read_only=True, help_text="name / phone / email / id_card / contact"
    )
    label = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)


class ProblemDraftSerializer(serializers.Serializer):
    """转为问题's draft: the petition's content with its reporter masked out, to be checked
    and sent back as ``facts`` of the dispose action."""

    petition = serializers.IntegerField(source="petition.pk", read_only=True)
    facts = serializers.CharField(
        read_only=True, help_text="隐去反映人姓名、联系方式、身份证号后的问题描述草稿"
    )
    removed = RemovedTraceSerializer(many=True, read_only=True, help_text="已隐去的内容")


class TransferLetterSerializer(LeanRepresentation, serializers.ModelSerializer):
    """移交函: number, date, body and unit, the material listed, the clues it sent (those
    the user sees)."""

    body_display = serializers.CharField(source="get_body_display", read_only=True)
    material_items = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="移交材料，每项一行"
    )
    clues = serializers.SerializerMethodField(help_text="本函移交的线索编号（可见的）")
    created_by_name = serializers.StringRelatedField(source="created_by", read_only=True)

    class Meta:
        model = TransferLetter
        fields = (
            "id",
            "number",
            "sent_on",
            "body",
            "body_display",
            "unit",
            "material",
            "material_items",
            "clues",
            "created_by",
            "created_by_name",
        )
        read_only_fields = fields

    def get_clues(self, letter: TransferLetter) -> list[int]:
        return [clue.pk for clue in letter.clues.all()]

    def to_representation(self, letter):
        data = super().to_representation(letter)
        if not reads_letter_material(self.context["request"].user):
            data["material"], data["material_items"] = "", []
        return data
