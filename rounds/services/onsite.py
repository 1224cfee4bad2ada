"""On-site work (巡中): interviews, activities and petitions recorded during a round.

Interviews and activities are recorded by the team inspecting the village while it is
on site or writing its report; petitions reach a round until it is closed, through its
teams or the office. Disposing of a petition belongs to the findings app.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.once import create_once, sent_before
from inspection.permissions import authorize, visible
from inspection.services.checks import (
    clean_choice,
    clean_column,
    clean_count,
    clean_date,
    clean_past_time,
    clean_text,
)
from inspection.workflow import StatusWindow, lock_visible, require, save_with_history
from rounds.choices import (
    NOT_CLOSED,
    ON_SITE_WORK,
    ActivityKind,
    IntervieweeCategory,
    PetitionChannel,
)
from rounds.models import Activity, Assignment, InspectionRound, Interview, Petition, TeamMember

INTERVIEW_WINDOW = StatusWindow(ON_SITE_WORK, _lazy("登记个别谈话"))
ACTIVITY_WINDOW = StatusWindow(ON_SITE_WORK, _lazy("登记巡察活动"))
PETITION_WINDOW = StatusWindow(NOT_CLOSED, _lazy("登记信访举报"))

# Activities that reach households (走访户数); the first two count nothing else.
HOUSEHOLD_KINDS = (
    ActivityKind.HOUSEHOLD_VISIT,
    ActivityKind.POOR_HOUSEHOLD_VISIT,
    ActivityKind.NIGHT_VISIT,
)
HOUSEHOLDS_REQUIRED = (ActivityKind.HOUSEHOLD_VISIT, ActivityKind.POOR_HOUSEHOLD_VISIT)


def _assignment_at_work(actor, assignment_id: int, action: str, window: StatusWindow):
    assignment = lock_visible(
        visible(Assignment, actor).select_related("round", "team", "town", "village"),
        assignment_id,
    )
    authorize(actor, action, assignment)
    window.check(assignment.round)
    return assignment


def _interviewers(assignment: Assignment, user_ids) -> list[int]:
    """At least two interviewers (谈话须两人以上), all of the assignment's team."""
    wanted = set(user_ids)
    require(
        len(wanted) >= 2,
        _("个别谈话须由两名以上谈话人进行，请选择至少两名谈话人。"),
        field="interviewers",
    )
    require(
        wanted <= _team_members(assignment, wanted),
        _("谈话人必须是%(team)s的成员。") % {"team": assignment.team.name},
        field="interviewers",
    )
    return sorted(wanted)


def _team_members(assignment: Assignment, user_ids) -> set[int]:
    return set(
        TeamMember.objects.filter(team_id=assignment.team_id, user_id__in=user_ids).values_list(
            "user_id", flat=True
        )
    )


def _recorder(assignment: Assignment, user_id: int) -> int:
    """The recorder (记录人): one of the interviewers or another member of the team."""
    require(
        user_id in _team_members(assignment, [user_id]),
        _("记录人必须是%(team)s的成员。") % {"team": assignment.team.name},
        field="recorder",
    )
    return user_id


@transaction.atomic
def interview_record(
    *,
    actor,
    assignment_id: int,
    interviewee_category: str,
    interviewee_name: str,
    held_at=None,
    interviewee_post: str = "",
    place: str = "",
    outline: str = "",
    record: str = "",
    problems_raised: str = "",
    interviewer_ids: list[int] | None = None,
    recorder_id: int | None = None,
    submission_token: str | None = None,
) -> Interview:
    """Record an individual interview (个别谈话) held by two or more members of the
    assignment's team, with its recorder (记录人: a member of the team, the actor by
    default), at ``held_at`` (now by default, never in the future).

    A ``submission_token`` already used by the actor answers the interview it recorded
    (``inspection.once``)."""
    earlier = sent_before(Interview, submission_token, actor=actor, by="recorded_by")
    if earlier is not None:
        return earlier
    assignment = _assignment_at_work(actor, assignment_id, "interview_record", INTERVIEW_WINDOW)
    clean_choice(
        interviewee_category,
        IntervieweeCategory,
        field="interviewee_category",
        label=_("谈话对象类别"),
    )
    interviewee_name = clean_column(Interview, "interviewee_name", interviewee_name, required=True)
    held_at = clean_past_time(held_at or timezone.now(), field="held_at", label=_("谈话时间"))
    interviewers = _interviewers(assignment, interviewer_ids or [])
    recorder = _recorder(assignment, recorder_id or actor.pk)

    def create() -> Interview:
        interview = Interview.objects.create(
            assignment=assignment,
            held_at=held_at,
            interviewee_name=interviewee_name,
            interviewee_category=interviewee_category,
            interviewee_post=clean_column(Interview, "interviewee_post", interviewee_post),
            place=clean_column(Interview, "place", place),
            outline=outline.strip(),
            record=record.strip(),
            problems_raised=problems_raised.strip(),
            recorder_id=recorder,
            recorded_by=actor,
            submission_token=submission_token or None,
        )
        interview.interviewers.set(interviewers)
        return interview

    return create_once(Interview, submission_token, actor=actor, by="recorded_by", create=create)


def _check_counts(
    kind: str, *, people_reached: int, households: int, distributed: int, returned: int
) -> None:
    clean_count(people_reached, field="people_reached", label=_("涉及人数"))
    clean_count(households, field="households", label=_("走访户数"))
    clean_count(distributed, field="questionnaires_distributed", label=_("问卷发放份数"))
    clean_count(returned, field="questionnaires_returned", label=_("问卷回收份数"))
    if kind == ActivityKind.QUESTIONNAIRE:
        require(distributed >= 1, _("请填写问卷发放份数。"), field="questionnaires_distributed")
        require(
            returned <= distributed,
            _("问卷回收份数（%(returned)s）不能多于发放份数（%(distributed)s）。")
            % {"returned": returned, "distributed": distributed},
            field="questionnaires_returned",
        )
    else:
        require(
            distributed == 0 and returned == 0,
            _("只有调查问卷活动可以填写问卷份数。"),
            field="questionnaires_distributed",
        )
    if kind in HOUSEHOLDS_REQUIRED:
        require(households >= 1, _("请填写走访户数。"), field="households")
    elif kind not in HOUSEHOLD_KINDS:
        require(households == 0, _("只有走访和驻村夜访可以填写走访户数。"), field="households")


@transaction.atomic
def activity_record(
    *,
    actor,
    assignment_id: int,
    kind: str,
    held_on=None,
    people_reached: int = 0,
    households: int = 0,
    questionnaires_distributed: int = 0,
    questionnaires_returned: int = 0,
    topic: str = "",
    note: str = "",
    submission_token: str | None = None,
) -> Activity:
    """Record a visit, symposium, research, document review, night visit or questionnaire
    batch (on ``held_on``, today by default). ``note`` is the activity's own record.
    A ``submission_token`` already used by the actor answers the activity it recorded."""
    earlier = sent_before(Activity, submission_token, actor=actor, by="recorded_by")
    if earlier is not None:
        return earlier
    assignment = _assignment_at_work(actor, assignment_id, "activity_record", ACTIVITY_WINDOW)
    clean_choice(kind, ActivityKind, field="kind", label=_("活动类型"))
    held_on = clean_date(held_on or timezone.localdate(), field="held_on", label=_("活动日期"))
    _check_counts(
        kind,
        people_reached=people_reached,
        households=households,
        distributed=questionnaires_distributed,
        returned=questionnaires_returned,
    )
    return create_once(
        Activity,
        submission_token,
        actor=actor,
        by="recorded_by",
        create=lambda: Activity.objects.create(
            assignment=assignment,
            kind=kind,
            held_on=held_on,
            topic=clean_column(Activity, "topic", topic),
            people_reached=people_reached,
            households=households,
            questionnaires_distributed=questionnaires_distributed,
            questionnaires_returned=questionnaires_returned,
            note=note.strip(),
            recorded_by=actor,
            submission_token=submission_token or None,
        ),
    )


@transaction.atomic
def petition_record(
    *,
    actor,
    round_id: int,
    channel: str,
    content: str,
    received_at=None,
    is_anonymous: bool = False,
    reporter_name: str = "",
    reporter_contact: str = "",
    assignment_id: int | None = None,
    note: str = "",
    submission_token: str | None = None,
) -> Petition:
    """Register a letter, visit, call or report (来信来访/举报) received by the round,
    tied to one of the actor's assignments if it concerns one. A ``submission_token``
    already used by the actor answers the petition it registered."""
    earlier = sent_before(Petition, submission_token, actor=actor, by="recorded_by")
    if earlier is not None:
        return earlier
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "petition_record", inspection_round)
    PETITION_WINDOW.check(inspection_round)
    assignment = None
    if assignment_id is not None:
        assignment = (
            visible(Assignment, actor).filter(pk=assignment_id, round=inspection_round).first()
        )
        require(
            assignment is not None,
            _("所选巡察对象不属于本轮次，或不在您的巡察范围内。"),
            field="assignment",
        )
    clean_choice(channel, PetitionChannel, field="channel", label=_("信访渠道"))
    content = clean_text(content, field="content", label=_("反映内容"))
    received_at = clean_past_time(
        received_at or timezone.now(), field="received_at", label=_("受理时间")
    )
    reporter_name = clean_column(Petition, "reporter_name", reporter_name)
    reporter_contact = clean_column(Petition, "reporter_contact", reporter_contact)
    if is_anonymous:
        require(
            not reporter_name and not reporter_contact,
            _("匿名举报不能登记反映人姓名或联系方式。"),
            field="reporter_name",
        )
    else:
        require(bool(reporter_name), _("请填写反映人姓名，或选择匿名。"), field="reporter_name")
    petition = Petition(
        round=inspection_round,
        assignment=assignment,
        channel=channel,
        received_at=received_at,
        is_anonymous=is_anonymous,
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
        content=content,
        recorded_by=actor,
        submission_token=submission_token or None,
    )

    def create() -> Petition:
        save_with_history(petition, actor=actor, note=note)
        return petition

    return create_once(Petition, submission_token, actor=actor, by="recorded_by", create=create)
