"""The rounds screens: the round list, a round's page, planning (teams, assignments)
and the life-cycle moves of the office."""

from django.urls import path

from rounds.views import assignments, interviews, moves, must, notices, plans, rounds, teams

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
    move("close", "close"),
    path("rounds/teams/<int:pk>/", teams.team_detail, name="team_detail"),
    path("rounds/members/<int:pk>/remove/", teams.member_remove, name="member_remove"),
    path("rounds/interviews/<int:pk>/", interviews.interview_detail, name="interview_detail"),
    path("rounds/<int:pk>/notices/new/", notices.notice_new, name="notice_create"),
    path("rounds/notices/<int:pk>/", notices.notice_detail, name="notice_detail"),
    path("rounds/notices/<int:pk>/edit/", notices.notice_edit, name="notice_update"),
    path("rounds/assignments/<int:pk>/team/", assignments.assignment_team, name="assignment_team"),
]
