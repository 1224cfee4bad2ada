"""The county the state machine plays in, and who may read which confidential name.

Built once for the test (each example runs in a savepoint rolled back after it):
tests/world.py — the current round on site, team A (leader_a, member_a) at 甲一村 of town
A, team B (leader_b) at 乙一村 of town B, one user per persona — plus a round in every
other status, so that each round move has a round to move from the first step:

- planned (筹备, no team yet), next (巡前准备, a team led by leader_b, an assignment);
- reported (报告, team A at 甲一村, one confirmed problem), fed_back (反馈);
- earlier (整改, team A at 甲一村) with four items of officer_a's unit: pending, in
  progress with evidence, submitted by officer_a, closed after a passing verification;
- a look-back (回头看) round on site for the current, reported and earlier rounds.

The current round starts with a draft and a confirmed problem at 甲一村, a confirmed one
at 乙一村, a clue of team A at every stage of the handover, an interview in each
village and a petition at 甲一村. Every confidential name is a full name no other record
carries, so that a name found in a response can only come from the record it belongs to.

Who may read a name is written here from docs/DOMAIN.md, independently of the product's
masking code, so that the machine checks the product against the rule.
"""

import itertools
from dataclasses import dataclass, field

from findings.choices import ClueStatus, ProblemStatus
from findings.models import Clue
from inspection.choices import ReceivingBody
from inspection.models import User
from rectification.choices import ItemStatus, VerificationMethod, VerificationResult
from rectification.models import Verification
from rounds.choices import RoundStatus, TeamRole
from tests import factories as f
from tests.findings.helpers import PAPER
from tests.findings.reports_kit import clear_for_feedback
from tests.rounds.helpers import approve_work_plan
from tests.world import World, build_world

SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "慕容", "皇甫", "公孙", "令狐", "端木")
GIVEN_NAMES = ("守义", "德厚", "有财", "满仓", "秀兰", "老根", "桂芝", "实诚", "敢言", "明理")
NAMES = tuple(s + g for s, g in itertools.product(SURNAMES, GIVEN_NAMES))

TEAM_A = ("leader_a", "member_a")
TEAM_B = ("leader_b",)
OFFICE = ("office", "lead")
# The statuses in which a clue has been handed over (docs/DOMAIN.md: 已移交 and after).
HANDED_OVER = (
    ClueStatus.TRANSFERRED,
    ClueStatus.RECEIVED,
    ClueStatus.DISPOSING,
    ClueStatus.CONCLUDED,
)
CLUE_STAGES = (
    (ClueStatus.PROPOSED, ReceivingBody.COMMISSION),
    (ClueStatus.REVIEWED, ReceivingBody.COMMISSION),
    (ClueStatus.APPROVED, ReceivingBody.COMMISSION),
    (ClueStatus.TRANSFERRED, ReceivingBody.COMMISSION),
    (ClueStatus.TRANSFERRED, ReceivingBody.ORGANISATION),
    (ClueStatus.RECEIVED, ReceivingBody.COMMISSION),
    (ClueStatus.DISPOSING, ReceivingBody.COMMISSION),
)
LIAISON_BODY = {"liaison": ReceivingBody.COMMISSION, "liaison_org": ReceivingBody.ORGANISATION}


@dataclass
class County:
    world: World
    rounds: dict = field(default_factory=dict)  # name → round ("current", "earlier" …)
    look_backs: dict = field(default_factory=dict)  # revisited round id → look-back round
    problems: list = field(default_factory=list)
    clues: list = field(default_factory=list)
    petitions: list = field(default_factory=list)
    items: list = field(default_factory=list)
    names_used: int = 0

    def fresh_users(self) -> dict:
        """The personas read anew (permission helpers cache memberships on a user)."""
        by_pk = User.objects.in_bulk([user.pk for user in self.world.users.values()])
        return {persona: by_pk[user.pk] for persona, user in self.world.users.items()}

    def names(self):
        """The full names an example may give, none of them given by the county."""
        return itertools.cycle(NAMES[self.names_used :])

    def name(self) -> str:
        self.names_used += 1
        return NAMES[self.names_used - 1]

    def any_look_back(self):
        return next(iter(self.look_backs.values()))

    def team_members(self, team_id) -> tuple[str, ...]:
        if team_id == self.world.team_a.pk:
            return TEAM_A
        if team_id == self.world.team_b.pk:
            return TEAM_B
        return ()


def _round_with_team(world, status, *, leader, village, town, member=None):
    inspection_round = f.InspectionRoundFactory(status=status)
    team = f.TeamFactory(round=inspection_round, number=1)
    f.TeamMemberFactory(team=team, user=leader, role=TeamRole.LEADER)
    if member is not None:
        f.TeamMemberFactory(team=team, user=member, role=TeamRole.MEMBER)
    assignment = f.AssignmentFactory(round=inspection_round, team=team, village=village, town=town)
    return inspection_round, assignment


def _ledger(world, assignment) -> list[int]:
    closed = world.item(status=ItemStatus.CLOSED, assignment=assignment)
    Verification.objects.create(
        item=closed,
        method=VerificationMethod.ON_SITE,
        result=VerificationResult.PASSED,
        verifier=world.office,
        verified_at=closed.closed_at,
    )
    return [
        world.item(assignment=assignment).pk,
        world.evidenced_item(status=ItemStatus.IN_PROGRESS, assignment=assignment).pk,
        world.evidenced_item(status=ItemStatus.SUBMITTED, assignment=assignment).pk,
        world.evidenced_item(status=ItemStatus.TOWN_REVIEWED, assignment=assignment).pk,
        closed.pk,
    ]


def _current_round_records(county: County) -> None:
    world = county.world
    county.problems = [
        # A paper at each of its signatures (the first, a draft complete for submitting).
        world.problem(**PAPER).pk,
        world.problem(status=ProblemStatus.SUBMITTED, **PAPER).pk,
        world.problem(status=ProblemStatus.REVIEWED, **PAPER).pk,
        world.problem(status=ProblemStatus.CONFIRMED).pk,
        world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b).pk,
    ]
    for status, body in CLUE_STAGES:
        clue = world.clue(status=status, body=body)
        name = county.name()
        clue.subjects.update(name=name)
        Clue.objects.filter(pk=clue.pk).update(summary=f"{name}涉嫌优亲厚友、违规评定低保。")
        county.clues.append(clue.pk)
    for assignment in (world.assignment_a, world.assignment_b):
        f.InterviewFactory(
            assignment=assignment, interviewee_name=county.name(), recorded_by=world.member_a
        )
    petition = f.PetitionFactory(
        assignment=world.assignment_a,
        round=world.round,
        reporter_name=county.name(),
        recorded_by=world.member_a,
    )
    county.petitions = [petition.pk]


def build_county() -> County:
    world = build_world(round_status=RoundStatus.ON_SITE)
    county = County(world=world)
    village_a, village_b = world.assignment_a.village, world.assignment_b.village
    reported, reported_at_a = _round_with_team(
        world,
        RoundStatus.REPORTING,
        leader=world.leader_a,
        member=world.member_a,
        village=village_a,
        town=world.town_a,
    )
    world.problem(status=ProblemStatus.CONFIRMED, assignment=reported_at_a)
    earlier, earlier_at_a = _round_with_team(
        world,
        RoundStatus.RECTIFICATION,
        leader=world.leader_a,
        village=village_a,
        town=world.town_a,
    )
    county.rounds = {
        "planned": f.InspectionRoundFactory(status=RoundStatus.PLANNING),
        "next": _round_with_team(
            world,
            RoundStatus.PREPARATION,
            leader=world.leader_b,
            village=village_b,
            town=world.town_b,
        )[0],
        "current": world.round,
        "reported": reported,
        "fed_back": f.InspectionRoundFactory(status=RoundStatus.FEEDBACK),
        "earlier": earlier,
    }
    # The next round's 工作方案 agreed by the leading group: it may go on site.
    approve_work_plan(county.rounds["next"], office=world.office, signer=world.leadership)
    county.items = _ledger(world, earlier_at_a)
    # Their reports heard by the 书记专题会: feedback waits for nothing else.
    for heard in (reported, world.round):
        clear_for_feedback(heard, actor=world.office)
    for revisited in (earlier, reported, world.round):
        county.look_backs[revisited.pk] = world.look_back_round(revisits=revisited)
    _current_round_records(county)
    return county


# ----------------------------------------------------------------- who reads which name


def reads_clue_subjects(county: County, persona: str, clue) -> bool:
    """The office, the team that proposed the clue, and the liaison of the body it went to."""
    if persona in OFFICE:
        return True
    if persona in LIAISON_BODY:
        return clue.status in HANDED_OVER and clue.receiving_body == LIAISON_BODY[persona]
    return persona in county.team_members(clue.assignment.team_id)


def reads_interviewee(county: County, persona: str, interview) -> bool:
    """The office and the team that held the interview."""
    return persona in OFFICE or persona in county.team_members(interview.assignment.team_id)


def reads_reporter(county: County, persona: str, petition) -> bool:
    """The office and the team the petition came to (any team of the round if none yet)."""
    if persona in OFFICE:
        return True
    if petition.assignment_id:
        return persona in county.team_members(petition.assignment.team_id)
    return petition.round_id == county.world.round.pk and persona in TEAM_A + TEAM_B
