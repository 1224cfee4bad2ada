"""What each kind of user does, one visit at a time (``JOURNEYS[name](agent, plan)``).

Between two pages the user thinks (``agent.pause()``); a form is opened before it is
sent, and the page a saved form redirects to is loaded, as a browser does. Request
names group the figures: the path with its ids replaced by ``<id>``.
"""

import datetime
from zoneinfo import ZoneInfo

from bench.agent import Agent

JSON = "application/json"
COUNTY_TIME = ZoneInfo("Asia/Shanghai")  # the forms take the county's wall-clock time
CATEGORIES = (
    "veteran_party_member",
    "retired_teacher",
    "retired_cadre",
    "entrepreneur",
    "villager",
)


def _pick(agent: Agent, plan: dict, key: str):
    return agent.rng.choice(plan[key]) if plan.get(key) else None


def office(agent: Agent, plan: dict) -> None:
    """巡察办: the dashboard, then one of the lists and a record of it, or the API."""
    agent.get("GET / (dashboard)", "/")
    agent.pause()
    town, round_id = _pick(agent, plan, "towns"), _pick(agent, plan, "rounds")
    what = agent.rng.randrange(6)
    if what == 0:
        agent.get("GET /problems/?round=<id>", f"/problems/?round={round_id}")
        agent.pause()
        agent.get("GET /problems/<id>/", f"/problems/{_pick(agent, plan, 'problems')}/")
    elif what == 1:
        agent.get("GET /items/?town=<id>", f"/items/?town={town}")
        agent.pause()
        agent.get("GET /items/<id>/", f"/items/{_pick(agent, plan, 'items')}/")
    elif what == 2:
        agent.get("GET /villages/?town=<id>", f"/villages/?town={town}")
        agent.pause()
        agent.get("GET /rounds/<id>/", f"/rounds/{round_id}/")
    elif what == 3:
        agent.get("GET /clues/", "/clues/")
        agent.pause()
        agent.get("GET /verification/", "/verification/")
    else:
        agent.get(
            "GET /api/v1/problems/?round=<id>", f"/api/v1/problems/?round={round_id}", accept=JSON
        )
        agent.pause()
        agent.get(
            "GET /api/v1/rectification-items/?town=<id>",
            f"/api/v1/rectification-items/?town={town}",
            accept=JSON,
        )
    agent.pause()


def leadership(agent: Agent, plan: dict) -> None:
    """领导小组: the dashboard, a round, the villages, the reports."""
    agent.get("GET / (dashboard)", "/")
    agent.pause()
    agent.get("GET /rounds/<id>/", f"/rounds/{_pick(agent, plan, 'rounds')}/")
    agent.pause()
    agent.get("GET /villages/", "/villages/")
    agent.pause()
    agent.get("GET /reports/", "/reports/")
    agent.pause()


def team(agent: Agent, plan: dict) -> None:
    """巡察组 on a phone: my villages, a village, the interview form, save, back."""
    agent.get("GET /team/", "/team/")
    agent.pause()
    assignment = _pick(agent, plan, "assignments")
    village = f"/team/assignments/{assignment}/"
    agent.get("GET /team/assignments/<id>/", village)
    agent.pause()
    form = f"{village}interviews/new/"
    agent.get("GET /team/assignments/<id>/interviews/new/", form)
    agent.pause()
    minutes_ago = datetime.timedelta(minutes=agent.rng.randrange(5, 600))
    held_at = datetime.datetime.now(COUNTY_TIME) - minutes_ago
    fields = {
        "interviewee_category": agent.rng.choice(CATEGORIES),
        "interviewee_name": f"压测对象{agent.rng.randrange(1000)}",
        "held_at": held_at.strftime("%Y-%m-%dT%H:%M"),
        "record": "性能测试：谈话摘要。",
        "problems_raised": "",
        "interviewers": plan["interviewers"],
        "recorder": plan["interviewers"][0],
        "submission": f"{agent.rng.getrandbits(64):016x}",
    }
    saved = agent.post("POST /team/assignments/<id>/interviews/new/", form, fields)
    if saved:
        agent.get("GET /team/assignments/<id>/ (after saving)", village)
    agent.pause()


def officer(agent: Agent, plan: dict) -> None:
    """整改联络员 on a phone: my ledger, an item, post progress, back to the item."""
    agent.get("GET /ledger/", "/ledger/")
    agent.pause()
    item = f"/ledger/items/{_pick(agent, plan, 'items')}/"
    agent.get("GET /ledger/items/<id>/", item)
    agent.pause()
    fields = {
        "text": "性能测试：已完成部分整改。",
        "percent": agent.rng.randrange(10, 95),
        "submission": f"{agent.rng.getrandbits(64):016x}",
    }
    saved = agent.post("POST /ledger/items/<id>/progress/", f"{item}progress/", fields)
    if saved:
        agent.get("GET /ledger/items/<id>/ (after saving)", item)
    agent.pause()


def liaison(agent: Agent, plan: dict) -> None:
    """纪委监委联络员: the desk, then a clue."""
    agent.get("GET /desk/", "/desk/")
    agent.pause()
    clue = _pick(agent, plan, "clues")
    if clue:
        agent.get("GET /clues/<id>/", f"/clues/{clue}/")
        agent.pause()


def stats(agent: Agent, plan: dict) -> None:
    """统计接口: a REST client with a token pulling aggregate figures."""
    town, round_id = _pick(agent, plan, "towns"), _pick(agent, plan, "rounds")
    requests = (
        ("GET /api/v1/statistics/?round=<id>", f"/api/v1/statistics/?round={round_id}"),
        (
            "GET /api/v1/statistics/problems/?group_by=town",
            f"/api/v1/statistics/problems/?round={round_id}&group_by=town",
        ),
        (
            "GET /api/v1/statistics/rectification/?town=<id>&group_by=village",
            f"/api/v1/statistics/rectification/?town={town}&group_by=village",
        ),
    )
    name, path = agent.rng.choice(requests)
    agent.get(name, path, accept=JSON, expect=(200,))
    agent.pause()


JOURNEYS = {
    "office": office,
    "leadership": leadership,
    "team": team,
    "officer": officer,
    "liaison": liaison,
    "stats": stats,
}
