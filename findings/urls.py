"""The findings screens: problems and clues for the office, the liaison's desk."""

from django.urls import path

from findings.views import actions, clues, desk, letters, matters, problems
from findings.views import reports as report_views
from findings.views.team import home as team_home
from findings.views.team import must as team_must
from findings.views.team import papers as team_papers
from findings.views.team import petitions as team_petitions
from findings.views.team import problems as team_problems
from findings.views.team import records as team_records
from findings.views.team import village as team_village

app_name = "findings"

urlpatterns = [
    path("problems/", problems.problem_list, name="problem_list"),
    path("problems/<int:pk>/", problems.problem_detail, name="problem_detail"),
    path("clues/", clues.clue_list, name="clue_list"),
    path("clues/<int:pk>/", clues.clue_detail, name="clue_detail"),
    *(
        path(
            f"clues/<int:pk>/{action.slug}/",
            actions.clue_act,
            {"slug": action.slug},
            name=f"clue_{action.slug}",
        )
        for action in actions.ACTIONS
    ),
    path("letters/", letters.letter_list, name="letter_list"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter_detail"),
    path("desk/", desk.desk, name="desk"),
    # 巡察报告 and the decisions before feedback.
    path("rounds/<int:pk>/reports/", report_views.round_reports, name="round_reports"),
    path("inspection-reports/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("inspection-reports/<int:pk>/decide/", report_views.report_decide, name="report_decide"),
    path("assignments/<int:pk>/report/", report_views.report_draft_view, name="report_draft"),
    # 交办事项 to departments; 专题报告 and 巡察建议书 on common problems.
    path("matters/", matters.matter_list, name="matter_list"),
    path("matters/new/", matters.matter_new, name="matter_new"),
    path("matters/<int:pk>/", matters.matter_detail, name="matter_detail"),
    path("thematic-reports/", matters.thematic_list, name="thematic_list"),
    path("thematic-reports/new/", matters.thematic_new, name="thematic_new"),
    path("thematic-reports/<int:pk>/", matters.thematic_detail, name="thematic_detail"),
    # The team's pages (phone first).
    path("team/", team_home.team_home, name="team_home"),
    path("team/assignments/<int:pk>/", team_village.team_assignment, name="team_assignment"),
    path(
        "team/assignments/<int:pk>/must/<int:item>/",
        team_must.must_check,
        name="team_must_check",
    ),
    path(
        "team/assignments/<int:pk>/interviews/new/",
        team_records.interview_new,
        name="team_interview_new",
    ),
    path(
        "team/assignments/<int:pk>/activities/new/",
        team_records.activity_new,
        name="team_activity_new",
    ),
    path(
        "team/assignments/<int:pk>/petitions/new/",
        team_records.petition_new,
        name="team_petition_new",
    ),
    path(
        "team/petitions/<int:pk>/problem/",
        team_petitions.petition_to_problem,
        name="team_petition_problem",
    ),
    path(
        "team/assignments/<int:pk>/problems/new/",
        team_records.problem_new,
        name="team_problem_new",
    ),
    path(
        "team/assignments/<int:pk>/problems/",
        team_problems.problem_list,
        name="team_problem_list",
    ),
    path("team/papers/", team_papers.signature_queue, name="team_signatures"),
    path("team/papers/<int:pk>/", team_papers.paper_detail, name="team_paper"),
    path("team/papers/<int:pk>/edit/", team_papers.paper_edit, name="team_paper_edit"),
    *(
        path(
            f"team/papers/<int:pk>/{signature.slug}/",
            team_papers.paper_sign,
            {"slug": signature.slug},
            name=f"team_paper_{signature.slug}",
        )
        for signature in team_papers.SIGNATURES
    ),
    path("team/papers/<int:pk>/return/", team_papers.paper_return, name="team_paper_return"),
    path("team/assignments/<int:pk>/clues/new/", team_problems.clue_new, name="team_clue_new"),
]
