"""The forms of the round-planning screens: they parse input; the services judge it.

Every rule of the domain (dates in order, a theme for a thematic round, recusal, who may
override) stays in ``rounds.services``; its ``ApplicationError`` lands on the field it
names through ``inspection.web.perform``. The forms only check what a service cannot
receive at all (a date that is not a date, a number too big for the column) and what
only the screen knows (the same person chosen twice on one team form).
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspection.choices import UserRole
from inspection.forms import DayField
from inspection.models import Term, Town, User
from inspection.permissions import visible
from rounds.choices import FocusArea, RoundMode, RoundStatus, TeamRole
from rounds.models import InspectionMode, InspectionRound, SupervisionItem, Team, TeamMember

SMALL_MAX = 2**15 - 1  # PositiveSmallIntegerField
REVISITABLE = (RoundStatus.FEEDBACK, RoundStatus.RECTIFICATION, RoundStatus.CLOSED)


def note_field():
    return forms.CharField(
        label=_("备注"),
        required=False,
        max_length=200,
        help_text=_("写入变更记录，可不填。"),
        widget=forms.TextInput,
    )


def override_field():
    return forms.CharField(
        label=_("放行回避冲突的理由"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("仅在存在回避情形且确需安排时填写；由巡察办主任放行。"),
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} · {obj.organisation}" if obj.organisation else str(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} · {obj.organisation}" if obj.organisation else str(obj)


class ItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.title}"


def free_inspectors(inspection_round, actor):
    """Active inspectors not yet serving on a team of ``inspection_round``."""
    serving = TeamMember.objects.filter(team__round=inspection_round).values("user_id")
    return (
        visible(User, actor)
        .filter(role=UserRole.INSPECTOR, is_active=True)
        .exclude(pk__in=serving)
        .order_by("full_name", "username")
    )


# ------------------------------------------------------------------------------ rounds


class RoundForm(forms.Form):
    """A round's own fields and the supervision items it checks (create and edit)."""

    title = forms.CharField(
        label=_("轮次名称"),
        max_length=100,
        help_text=_("如：十四届县委第五轮巡察"),
        error_messages={"required": _("请填写轮次名称。")},
    )
    term = forms.ModelChoiceField(
        label=_("届次"),
        queryset=Term.objects.none(),
        empty_label=None,
        error_messages={"required": _("请选择届次。"), "invalid_choice": _("所选届次不存在。")},
    )
    mode = forms.ChoiceField(
        label=_("巡察方式"),
        choices=[("", "---------"), *RoundMode.choices],
        error_messages={"required": _("请选择巡察方式。"), "invalid_choice": _("请选择巡察方式。")},
    )
    theme = forms.CharField(
        label=_("专项主题"),
        required=False,
        max_length=200,
        help_text=_("专项巡察必填。"),
    )
    revisits = forms.ModelChoiceField(
        label=_("回头看所针对的轮次"),
        required=False,
        queryset=InspectionRound.objects.none(),
        help_text=_("回头看必填：已反馈的轮次。"),
        error_messages={"invalid_choice": _("所选轮次不存在或尚未反馈。")},
    )
    mobilised_on = DayField(_("动员部署日期"), required=False)
    on_site_from = DayField(_("进驻日期"), required=False)
    on_site_until = DayField(_("撤离日期"), required=False)
    feedback_on = DayField(_("反馈日期"), required=False)
    supervision_items = ItemChoiceField(
        label=_("监督重点"),
        required=False,
        queryset=SupervisionItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("所选监督重点不存在或已停用。")},
    )
    note = note_field()

    def __init__(self, *args, actor, instance=None, **kwargs):
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": instance.title,
                "term": instance.term_id,
                "mode": instance.mode,
                "theme": instance.theme,
                "revisits": instance.revisits_id,
                "mobilised_on": instance.mobilised_on,
                "on_site_from": instance.on_site_from,
                "on_site_until": instance.on_site_until,
                "feedback_on": instance.feedback_on,
                "supervision_items": [item.pk for item in instance.supervision_items.all()],
            }
        super().__init__(*args, **kwargs)
        terms = visible(Term, actor).order_by("-starts_on")
        self.fields["term"].queryset = terms
        if instance is None:
            current = terms.filter(is_current=True).first()
            self.fields["term"].initial = current.pk if current else None
        else:
            del self.fields["term"]  # a round stays in its term
        revisitable = visible(InspectionRound, actor).filter(status__in=REVISITABLE)
        if instance is not None:
            revisitable = revisitable.exclude(pk=instance.pk)
        self.fields["revisits"].queryset = revisitable.select_related("term")
        wanted = Q(is_active=True)
        if instance is not None:  # an item retired since it was chosen stays in sight
            wanted |= Q(pk__in=instance.supervision_items.values("pk"))
        items = visible(SupervisionItem, actor).filter(wanted)
        self.fields["supervision_items"].queryset = items.order_by("focus_area", "code")

    def item_groups(self):
        """The checklist's boxes grouped by focus area (四个聚焦), for the template."""
        labels = dict(FocusArea.choices)
        focus_of = {
            str(item.pk): item.focus_area for item in self.fields["supervision_items"].queryset
        }
        groups: dict[str, list] = {}
        for box in self["supervision_items"]:
            area = focus_of.get(str(box.data["value"]), "")
            groups.setdefault(area, []).append(box)
        order = [area for area, _label in FocusArea.choices]
        return [
            {"area": labels.get(area, area), "boxes": boxes}
            for area, boxes in sorted(
                groups.items(), key=lambda pair: order.index(pair[0]) if pair[0] in order else 99
            )
        ]

    def round_data(self) -> dict:
        """The fields the round services take, by their keyword names."""
        data = self.cleaned_data
        revisits = data.get("revisits")
        return {
            "title": data["title"],
            "mode": data["mode"],
            "theme": data["theme"],
            "revisits_id": revisits.pk if revisits else None,
            "mobilised_on": data["mobilised_on"],
            "on_site_from": data["on_site_from"],
            "on_site_until": data["on_site_until"],
            "feedback_on": data["feedback_on"],
        }

    def item_ids(self) -> list[int]:
        return [item.pk for item in self.cleaned_data["supervision_items"]]


class MoveForm(forms.Form):
    """A life-cycle move: only a note for the history."""

    note = note_field()


# ------------------------------------------------------------------------------- teams


class TeamForm(forms.Form):
    """A new team: its number, leader, deputy and members, chosen from free inspectors."""

    number = forms.IntegerField(
        label=_("组号"),
        required=False,
        min_value=1,
        max_value=SMALL_MAX,
        help_text=_("留空则取最小空号。"),
        error_messages={
            "invalid": _("组号必须是正整数。"),
            "min_value": _("组号必须是正整数。"),
            "max_value": _("组号过大。"),
        },
    )
    leader = PersonChoiceField(
        label=_("组长"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("暂不指定"),
        help_text=_("进驻前每个巡察组都须有组长。"),
        error_messages={"invalid_choice": _("所选人员不可选（可能已在本轮次其他巡察组）。")},
    )
    deputy = PersonChoiceField(
        label=_("副组长"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("暂不指定"),
        error_messages={"invalid_choice": _("所选人员不可选（可能已在本轮次其他巡察组）。")},
    )
    members = PeopleChoiceField(
        label=_("组员"),
        required=False,
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("所选人员不可选（可能已在本轮次其他巡察组）。")},
    )
    note = note_field()

    def __init__(self, *args, inspection_round, actor, **kwargs):
        super().__init__(*args, **kwargs)
        people = free_inspectors(inspection_round, actor)
        for name in ("leader", "deputy", "members"):
            self.fields[name].queryset = people

    def clean(self):
        data = super().clean()
        leader, deputy = data.get("leader"), data.get("deputy")
        if leader and deputy and leader == deputy:
            self.add_error("deputy", _("组长和副组长不能是同一人。"))
        chosen = {person.pk for person in (leader, deputy) if person}
        if any(person.pk in chosen for person in data.get("members") or ()):
            self.add_error("members", _("组员不能再选组长或副组长本人。"))
        return data

    def people(self) -> list[dict]:
        """Everyone to put on the new team ({"user_id", "role"}), leader first."""
        data = self.cleaned_data
        chosen = [(data.get("leader"), TeamRole.LEADER), (data.get("deputy"), TeamRole.DEPUTY)]
        chosen += [(person, TeamRole.MEMBER) for person in data.get("members") or ()]
        return [{"user_id": person.pk, "role": role} for person, role in chosen if person]


class TeamMemberAddForm(forms.Form):
    user = PersonChoiceField(
        label=_("人员"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("请选择人员。"),
            "invalid_choice": _("所选人员不可选（可能已在本轮次其他巡察组）。"),
        },
    )
    role = forms.ChoiceField(
        label=_("组内职务"),
        choices=TeamRole.choices,
        initial=TeamRole.MEMBER,
        error_messages={"invalid_choice": _("请选择组内职务。")},
    )
    post = forms.CharField(
        label=_("原单位职务"),
        required=False,
        max_length=100,
        help_text=_("如：县纪委监委第三纪检监察室主任"),
    )
    recusal_override_reason = override_field()
    note = note_field()

    def __init__(self, *args, team: Team, actor, may_override: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = free_inspectors(team.round, actor)
        if not may_override:
            del self.fields["recusal_override_reason"]


class TeamMemberRemoveForm(MoveForm):
    pass


# ------------------------------------------------------------------------- assignments


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TownPickForm(forms.Form):
    """Step one of assigning by town: which towns, and which team (GET)."""

    towns = forms.ModelMultipleChoiceField(
        label=_("乡镇(街道)"),
        queryset=Town.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("请至少选择一个乡镇(街道)。"),
            "invalid_choice": _("所选乡镇不存在。"),
            "invalid_pk_value": _("所选乡镇不存在。"),
        },
    )
    team = TeamChoiceField(
        label=_("巡察组"),
        required=False,
        queryset=Team.objects.none(),
        empty_label=_("暂不指定"),
        error_messages={"invalid_choice": _("所选巡察组不属于本轮次。")},
    )

    mode = forms.ModelChoiceField(
        label=_("巡察方式"),
        required=False,
        queryset=InspectionMode.objects.none(),
        error_messages={"invalid_choice": _("所选巡察方式不存在或已停用。")},
    )

    def __init__(self, *args, inspection_round, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["towns"].queryset = visible(Town, actor).order_by("code")
        self.fields["team"].queryset = visible(Team, actor).filter(round=inspection_round)
        # A look-back round's objects are all 回头看; no other round takes one.
        modes = InspectionMode.objects.filter(is_active=True)
        if inspection_round.mode == RoundMode.LOOK_BACK:
            modes = modes.filter(kind=RoundMode.LOOK_BACK)
        else:
            modes = modes.exclude(kind=RoundMode.LOOK_BACK)
        self.fields["mode"].queryset = modes
        self.fields["mode"].empty_label = _("按轮次的巡察方式（%(mode)s）") % {
            "mode": inspection_round.get_mode_display()
        }


class AssignVillagesForm(forms.Form):
    """Step two: the villages (and town committees) ticked, for the team of step one
    (POST)."""

    villages = forms.TypedMultipleChoiceField(
        label=_("村(社区)"),
        required=False,
        coerce=int,
        choices=(),
        error_messages={"invalid_choice": _("所选村(社区)不在可安排之列（可能已安排）。")},
    )
    committees = forms.TypedMultipleChoiceField(
        label=_("乡镇党委"),
        required=False,
        coerce=int,
        choices=(),
        error_messages={
            "invalid_choice": _("只有巡乡带村(镇村一体/乡村一体)可以把乡镇党委作为巡察对象。")
        },
    )
    recusal_override_reason = override_field()
    note = note_field()

    def __init__(self, *args, villages, committee_towns, may_override, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].choices = [(village.pk, village.name) for village in villages]
        self.fields["committees"].choices = [(town.pk, town.name) for town in committee_towns]
        if not may_override:
            del self.fields["recusal_override_reason"]

    def clean(self):
        data = super().clean()
        if not data.get("villages") and not data.get("committees") and not self.errors:
            raise forms.ValidationError(_("请至少勾选一个巡察对象。"))
        return data


class AssignmentTeamForm(forms.Form):
    team = TeamChoiceField(
        label=_("巡察组"),
        queryset=Team.objects.none(),
        error_messages={
            "required": _("请选择巡察组。"),
            "invalid_choice": _("所选巡察组不属于本轮次。"),
        },
    )
    recusal_override_reason = override_field()
    note = note_field()

    def __init__(self, *args, assignment, actor, may_override: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = visible(Team, actor).filter(round_id=assignment.round_id)
        if not may_override:
            del self.fields["recusal_override_reason"]
