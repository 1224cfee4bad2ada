"""The rounds screens: the round list, a round's page, planning (teams, assignments)
and the life-cycle moves of the office."""

from django.urls import path

from rounds.views import (
    assignments,
    briefs,
    interviews,
    moves,
    must,
    notices,
    plans,
    requests,
    rounds,
    teams,
)

app_name = "rounds"


def move(slug: str, name: str):
    return path(f"rounds/<int:pk>/{slug}/", moves.round_move, {"move": name}, name=f"round_{name}")


urlpatterns = [
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_new, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_update"),
    path("rounds/<int:pk>/plan/", plans.round_plan, name="round_plan"),
    path("rounds/<int:pk>/must-lists/", must.round_must_lists, name="round_must_lists"),
    path("rounds/<int:pk>/plan/decide/", plans.round_plan_decide_view, name="round_plan_decide"),
    path("rounds/<int:pk>/teams/new/", teams.team_new, name="team_create"),
    path("rounds/<int:pk>/assign/", assignments.assign_villages, name="assign_villages"),
    move("prepare", "prepare"),
    move("go-on-site", "go_on_site"),
    move("end-on-site", "end_on_site"),
    path("rounds/teams/<int:pk>/", teams.team_detail, name="team_detail"),
    path("rounds/members/<int:pk>/remove/", teams.member_remove, name="member_remove"),
    path("rounds/interviews/<int:pk>/", interviews.interview_detail, name="interview_detail"),
    path("rounds/<int:pk>/notices/new/", notices.notice_new, name="notice_create"),
    path("rounds/notices/<int:pk>/", notices.notice_detail, name="notice_detail"),
    path("rounds/notices/<int:pk>/edit/", notices.notice_edit, name="notice_update"),
    path("rounds/assignments/<int:pk>/team/", assignments.assignment_team, name="assignment_team"),
    # 函调 / 巡前通报 and the per-village 个性监督清单 / 谈话提纲 (issue 20).
    path("rounds/<int:pk>/requests/", requests.round_requests, name="round_requests"),
    path("rounds/requests/<int:pk>/", requests.data_request_detail, name="data_request_detail"),
    path(
        "rounds/requests/<int:pk>/edit/",
        requests.data_request_edit_view,
        name="data_request_edit",
    ),
    path(
        "rounds/requests/<int:pk>/send/",
        requests.data_request_send_view,
        name="data_request_send",
    ),
    path(
        "rounds/requests/<int:pk>/reply/",
        requests.data_request_reply_view,
        name="data_request_reply",
    ),
    path("rounds/request-bodies/", requests.request_bodies, name="request_bodies"),
    path(
        "rounds/assignments/<int:pk>/checklist/",
        briefs.assignment_brief,
        {"kind": "checklist"},
        name="assignment_checklist",
    ),
    path(
        "rounds/assignments/<int:pk>/checklist/draft/",
        briefs.assignment_brief_draft_view,
        {"kind": "checklist"},
        name="assignment_checklist_draft",
    ),
    path(
        "rounds/assignments/<int:pk>/outline/",
        briefs.assignment_brief,
        {"kind": "outline"},
        name="assignment_outline",
    ),
    path(
        "rounds/assignments/<int:pk>/outline/draft/",
        briefs.assignment_brief_draft_view,
        {"kind": "outline"},
        name="assignment_outline_draft",
    ),
]
