"""The rounds app's actions in the permission matrix (tests/permission_matrix.py).

Targets are in scope A: the world's round (every inspector persona serves in it, and
both officers' towns have an assignment in it), team A, member_a's membership, and
assignment A (which leader_b and officer_b do not see).
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inspection.choices import RecusalKind
from inspection.documents.downloads import document_download
from inspection.documents.services import document_generate
from rounds import services
from rounds.choices import (
    ActivityKind,
    IntervieweeCategory,
    PetitionChannel,
    PlanOutcome,
    PortraitKind,
    RoundMode,
)
from rounds.choices import RoundStatus as S
from rounds.models import MustItem
from rounds.services.must import must_item_check, round_must_list_set
from tests import factories as f
from tests.permission_matrix import ActionSpec
from tests.rounds import request_specs
from tests.rounds.helpers import approve_work_plan, declare, inspector, village


def _new_village(world):
    return world.round, village(world)


def _conflicting_village(world):
    """A village of town A that member_a (on team A) declared as home."""
    target = village(world)
    declare(world.member_a, village=target)
    return world.round, target


def _plan_approved(world):
    approve_work_plan(world.round, office=world.office, signer=world.leadership)
    return world.round


def _plan_generated(world):
    document_generate(actor=world.office, kind="work_plan", subject_id=world.round.pk)
    return world.round


def _plan_document(world):
    return document_generate(actor=world.office, kind="work_plan", subject_id=world.round.pk)


def _interview(world):
    interview = f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    interview.interviewers.set([world.leader_a, world.member_a])
    return interview


def _interview_record_document(world):
    return document_generate(
        actor=world.office, kind="interview_record", subject_id=_interview(world).pk
    )


def _notice(world):
    return f.EntryNoticeFactory(round=world.round, targets=[world.assignment_a])


def _notice_document(world):
    return document_generate(actor=world.office, kind="entry_notice", subject_id=_notice(world).pk)


def _create_notice(actor, inspection_round, world):
    today = timezone.localdate()
    return services.entry_notice_create(
        actor=actor,
        round_id=inspection_round.pk,
        assignment_ids=[world.assignment_a.pk],
        duty_phone="0519-86001234",
        period_from=today,
        period_until=today + datetime.timedelta(days=7),
    )


SPECS = {
    "round_create": ActionSpec(
        build=lambda w: None,
        perform=lambda actor, t, w: services.round_create(
            actor=actor, title="县委第九轮巡察", mode=RoundMode.REGULAR
        ),
        round_status=S.PLANNING,
    ),
    "round_update": ActionSpec(
        build=lambda w: w.round,
        perform=lambda actor, t, w: services.round_update(
            actor=actor, round_id=t.pk, data={"title": "县委第九轮巡察（调整）"}
        ),
        round_status=S.PLANNING,
    ),
    "round_set_supervision_items": ActionSpec(
        build=lambda w: (w.round, f.SupervisionItemFactory()),
        perform=lambda actor, t, w: services.round_set_supervision_items(
            actor=actor, round_id=t[0].pk, item_ids=[t[1].pk]
        ),
        round_status=S.PLANNING,
    ),
    "round_create_with_items": ActionSpec(
        build=lambda w: f.SupervisionItemFactory(),
        perform=lambda actor, t, w: services.round_create_with_items(
            actor=actor, title="县委第九轮巡察", mode=RoundMode.REGULAR, supervision_item_ids=[t.pk]
        ),
        round_status=S.PLANNING,
    ),
    "round_update_with_items": ActionSpec(
        build=lambda w: (w.round, f.SupervisionItemFactory()),
        perform=lambda actor, t, w: services.round_update_with_items(
            actor=actor,
            round_id=t[0].pk,
            data={"title": "县委第九轮巡察（调整）"},
            supervision_item_ids=[t[1].pk],
        ),
        round_status=S.PLANNING,
    ),
    "round_prepare": ActionSpec(
        build=lambda w: w.round,
        perform=lambda actor, t, w: services.round_prepare(actor=actor, round_id=t.pk),
        round_status=S.PLANNING,
    ),
    "round_go_on_site": ActionSpec(
        build=_plan_approved,
        perform=lambda actor, t, w: services.round_go_on_site(actor=actor, round_id=t.pk),
        round_status=S.PREPARATION,
    ),
    "work_plan_document_generate": ActionSpec(
        build=lambda w: w.round,
        perform=lambda actor, t, w: document_generate(
            actor=actor, kind="work_plan", subject_id=t.pk
        ),
        round_status=S.PREPARATION,
    ),
    # The teams of the round read the plan they work to; a unit, the liaison, the statistics
    # client find no document at all.
    "work_plan_document_read": ActionSpec(
        build=_plan_document,
        perform=lambda actor, t, w: document_download(user=actor, pk=t.pk),
        round_status=S.PREPARATION,
    ),
    # The leading group signs; the office records it with the minutes.
    "round_plan_decide": ActionSpec(
        build=_plan_generated,
        perform=lambda actor, t, w: services.round_plan_decide(
            actor=actor,
            round_id=t.pk,
            held_on=timezone.localdate(),
            outcome=PlanOutcome.APPROVED,
            minutes=SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes"),
        ),
        round_status=S.PREPARATION,
    ),
    "round_end_on_site": ActionSpec(
        build=lambda w: w.round,
        perform=lambda actor, t, w: services.round_end_on_site(actor=actor, round_id=t.pk),
        round_status=S.ON_SITE,
    ),
    "team_create": ActionSpec(
        build=lambda w: w.round,
        perform=lambda actor, t, w: services.team_create(actor=actor, round_id=t.pk),
        round_status=S.PLANNING,
    ),
    "team_create_with_members": ActionSpec(
        build=lambda w: (w.round, inspector()),
        perform=lambda actor, t, w: services.team_create_with_members(
            actor=actor, round_id=t[0].pk, members=[{"user_id": t[1].pk, "role": "leader"}]
        ),
        round_status=S.PLANNING,
    ),
    "team_member_add": ActionSpec(
        build=lambda w: (w.team_a, inspector()),
        perform=lambda actor, t, w: services.team_member_add(
            actor=actor, team_id=t[0].pk, user_id=t[1].pk
        ),
        round_status=S.PLANNING,
    ),
    "team_member_remove": ActionSpec(
        build=lambda w: w.team_a.memberships.get(user=w.member_a),
        perform=lambda actor, t, w: services.team_member_remove(actor=actor, team_member_id=t.pk),
        round_status=S.PLANNING,
    ),
    "assignment_create": ActionSpec(
        build=_new_village,
        perform=lambda actor, t, w: services.assignment_create(
            actor=actor, round_id=t[0].pk, village_id=t[1].pk, team_id=w.team_a.pk
        ),
        round_status=S.PLANNING,
    ),
    "assignments_create_bulk": ActionSpec(
        build=lambda w: (w.round, village(w), village(w)),
        perform=lambda actor, t, w: services.assignments_create_bulk(
            actor=actor, round_id=t[0].pk, village_ids=[t[1].pk, t[2].pk], team_id=w.team_a.pk
        ),
        round_status=S.PLANNING,
    ),
    "assignments_set_mode": ActionSpec(
        build=lambda w: w.assignment_a,
        perform=lambda actor, t, w: services.assignments_set_mode(
            actor=actor,
            round_id=t.round_id,
            assignment_ids=[t.pk],
            mode_id=f.mode_of(RoundMode.CROSS).pk,
        ),
        round_status=S.PREPARATION,
    ),
    "assignment_set_team": ActionSpec(
        build=lambda w: w.assignment_a,
        perform=lambda actor, t, w: services.assignment_set_team(
            actor=actor, assignment_id=t.pk, team_id=w.team_b.pk
        ),
        round_status=S.PLANNING,
    ),
    "recusal_override": ActionSpec(
        build=_conflicting_village,
        perform=lambda actor, t, w: services.assignment_create(
            actor=actor,
            round_id=t[0].pk,
            village_id=t[1].pk,
            team_id=w.team_a.pk,
            recusal_override_reason="该同志离开原籍多年，经县委巡察工作领导小组同意。",
        ),
        round_status=S.PLANNING,
    ),
    "recusal_declare": ActionSpec(
        build=lambda w: w.member_a,
        perform=lambda actor, t, w: services.recusal_declare(
            actor=actor,
            user_id=t.pk,
            kind=RecusalKind.HOME_VILLAGE,
            village_id=w.assignment_b.village_id,
        ),
    ),
    # The village's 自画像: its own 整改联络员 (no persona is one: officer_a is the town's).
    "self_portrait_fill": ActionSpec(
        build=lambda w: w.assignment_a,
        perform=lambda actor, t, w: services.portrait_save(
            actor=actor, assignment_id=t.pk, kind=PortraitKind.SELF, sections={"assets": "规范"}
        ),
    ),
    "town_portrait_fill": ActionSpec(
        build=lambda w: w.assignment_a,
        perform=lambda actor, t, w: services.portrait_save(
            actor=actor, assignment_id=t.pk, kind=PortraitKind.TOWN, sections={"risks": "工程"}
        ),
    ),
    "interview_record": ActionSpec(
        build=lambda w: w.assignment_a,
        perform=lambda actor, t, w: services.interview_record(
            actor=actor,
            assignment_id=t.pk,
            interviewee_category=IntervieweeCategory.VETERAN_PARTY_MEMBER,
            interviewee_name="王建国",
            interviewer_ids=[w.leader_a.pk, w.member_a.pk],
        ),
    ),
    "interview_document_generate": ActionSpec(
        build=_interview,
        perform=lambda actor, t, w: document_generate(
            actor=actor, kind="interview_record", subject_id=t.pk
        ),
    ),
    # Reading is the download: leadership, who reads the interviewee masked, finds no
    # document at all (404), as for every role outside the interview's scope.
    "interview_document_read": ActionSpec(
        build=_interview_record_document,
        perform=lambda actor, t, w: document_download(user=actor, pk=t.pk),
    ),
    "round_must_list_set": ActionSpec(
        build=lambda w: w.round,
        perform=lambda actor, t, w: round_must_list_set(
            actor=actor, round_id=t.pk, kind="visit", labels=["信访户", "低保户"]
        ),
        round_status=S.PREPARATION,
    ),
    "must_item_check": ActionSpec(
        build=lambda w: (
            w.assignment_a,
            MustItem.objects.create(round=w.round, list_kind="visit", label="信访户"),
        ),
        perform=lambda actor, t, w: must_item_check(
            actor=actor, assignment_id=t[0].pk, item_id=t[1].pk
        ),
    ),
    "activity_record": ActionSpec(
        build=lambda w: w.assignment_a,
        perform=lambda actor, t, w: services.activity_record(
            actor=actor, assignment_id=t.pk, kind=ActivityKind.SYMPOSIUM, people_reached=12
        ),
    ),
    "petition_record": ActionSpec(
        build=lambda w: w.round,
        perform=lambda actor, t, w: services.petition_record(
            actor=actor,
            round_id=t.pk,
            channel=PetitionChannel.LETTER,
            content="反映村里低保评定不公开。",
            is_anonymous=True,
        ),
    ),
    "entry_notice_create": ActionSpec(build=lambda w: w.round, perform=_create_notice),
    "entry_notice_update": ActionSpec(
        build=_notice,
        perform=lambda actor, t, w: services.entry_notice_update(
            actor=actor, notice_id=t.pk, data={"duty_phone": "0519-86009999"}
        ),
    ),
    "entry_notice_document_generate": ActionSpec(
        build=_notice,
        perform=lambda actor, t, w: document_generate(
            actor=actor, kind="entry_notice", subject_id=t.pk
        ),
    ),
    # The notice is posted in the village: whoever sees it reads its document.
    "entry_notice_document_read": ActionSpec(
        build=_notice_document,
        perform=lambda actor, t, w: document_download(user=actor, pk=t.pk),
    ),
}

MATRIX = """
# Columns in the order of tests/world.PERSONAS:
#   office lead leader_a member_a leader_b liaison liaison_org officer_a officer_b leadership stats rev_a rev_b sup_a sup_b
# stats: it reads the round register (issue 15), so acting on a round is 403, not 404.
# action                     off   lead  ldr_a mem_a ldr_b liais l_org ofc_a ofc_b ldshp stats  rev_a rev_b sup_a sup_b
round_create                 ok    ok    403   403   403   403   403   403   403   403   403  403   403   403   403
round_update                 ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
round_set_supervision_items  ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
round_create_with_items      ok    ok    403   403   403   403   403   403   403   403   403  403   403   403   403
round_update_with_items      ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
round_prepare                ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
round_go_on_site             ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
work_plan_document_generate  ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
work_plan_document_read      ok    ok    ok    ok    ok    404   404   404   404   ok    404  404   404   404   404
round_plan_decide            ok    ok    403   403   403   404   404   403   403   ok    403  403   403   403   403
round_end_on_site            ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
team_create                  ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
team_create_with_members     ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
team_member_add              ok    ok    403   403   403   404   404   404   404   403   404  404   404   404   404
team_member_remove           ok    ok    403   403   403   404   404   404   404   403   404  404   404   404   404
assignment_create            ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
assignments_create_bulk      ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
assignments_set_mode         ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
assignment_set_team          ok    ok    403   403   404   404   404   403   404   403   404  403   404   403   404
recusal_override             403   ok    403   403   403   404   404   403   403   403   403  403   403   403   403
recusal_declare              ok    ok    404   ok    404   404   404   404   404   404   404  404   404   404   404
self_portrait_fill           403   403   403   403   404   404   404   403   404   403   404  403   404   403   404
town_portrait_fill           403   403   403   403   404   404   404   ok    404   403   404  ok    404   403   404
interview_record             403   403   ok    ok    404   404   404   403   404   403   404  403   404   403   404
interview_document_generate  ok    ok    ok    ok    404   404   404   404   404   403   404  404   404   404   404
interview_document_read      ok    ok    ok    ok    404   404   404   404   404   404   404  404   404   404   404
round_must_list_set          ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
must_item_check              403   403   ok    ok    404   404   404   403   404   403   404  403   404   403   404
activity_record              403   403   ok    ok    404   404   404   403   404   403   404  403   404   403   404
petition_record              ok    ok    ok    ok    ok    404   404   403   403   403   403  403   403   403   403
entry_notice_create          ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
entry_notice_update          ok    ok    403   403   404   404   404   404   404   403   404  404   404   404   404
entry_notice_document_generate ok  ok    403   403   404   404   404   404   404   403   404  404   404   404   404
entry_notice_document_read   ok    ok    ok    ok    404   404   404   404   404   ok    404  404   404   404   404
"""

# 函调 and the per-village 个性监督清单 / 谈话提纲 (issue 20): their own module, joined here.
SPECS |= request_specs.SPECS
MATRIX += request_specs.MATRIX
