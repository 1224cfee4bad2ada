"""The workflow state machine: the rules of ``rules_findings`` and ``rules_ledger`` played by
actors of every role against the real services, the invariants checked after each step.

The county (tests/state_machine/county.py) is built once for the test; each example runs
in a savepoint of the test's transaction, rolled back in ``teardown``, so that every
example starts from the same county.
"""

from django.db import transaction
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, multiple
from rest_framework.test import APIClient

from findings.models import Clue
from inspection.errors import ApplicationError
from rounds.models import InspectionRound, Interview, Petition
from tests.state_machine import checks
from tests.state_machine.county import (
    reads_clue_subjects,
    reads_interviewee,
    reads_reporter,
)
from tests.state_machine.rules_findings import FindingsRules
from tests.state_machine.rules_ledger import LedgerRules
from tests.state_machine.rules_rounds import RoundRules
from tests.state_machine.strategies import SOURCES, USUAL, clues, items, petitions, problems
from tests.world import PERSONAS

LISTS = (
    "/api/v1/clues/?page_size=500",
    "/api/v1/interviews/?page_size=500",
    "/api/v1/petitions/?page_size=500",
)


class WorkflowMachine(RoundRules, FindingsRules, LedgerRules, RuleBasedStateMachine):
    def __init__(self, county):
        super().__init__()
        self._savepoint = transaction.atomic()
        self._savepoint.__enter__()
        self.county = county
        self.users = county.fresh_users()
        self.names = county.names()
        self.turn = 0
        self.changed = True  # the names are read once before the first move

    def teardown(self):
        checks.TALLY["examples"] += 1
        transaction.set_rollback(True)
        self._savepoint.__exit__(None, None, None)

    @initialize(target=items)
    def ledger(self):
        return multiple(*self.county.items)

    @initialize(target=problems)
    def confirmed_problems(self):
        return multiple(*self.county.problems)

    @initialize(target=clues)
    def clues_at_every_stage(self):
        return multiple(*self.county.clues)

    @initialize(target=petitions)
    def received_petitions(self):
        return multiple(*self.county.petitions)

    def aim(self, model, move, pk, aimed) -> int:
        """``pk``, or when ``aimed`` the oldest record of the county that ``move`` can take
        (``pk`` still if there is none)."""
        if not aimed:
            return pk
        ready = model.objects.filter(status__in=SOURCES[move]).order_by("pk")
        return ready.values_list("pk", flat=True).first() or pk

    def persona_for(self, move, persona) -> str:
        """The persona drawn, or (None) the one whose move it is."""
        return persona or USUAL[move]

    def round_for(self, move, which):
        """The round named ``which``, or for "aimed" the first of the county's rounds
        ``move`` can take (the current round if none can)."""
        rounds = self.county.rounds
        if which != "aimed":
            return rounds[which]
        ids = [inspection_round.pk for inspection_round in rounds.values()]
        ready = InspectionRound.objects.filter(pk__in=ids, status__in=SOURCES[move]).first()
        return ready or rounds["current"]

    def next_name(self) -> str:
        """A full name no other record of the example carries."""
        return next(self.names)

    def assignment(self, side):
        world = self.county.world
        return world.assignment_a if side == "a" else world.assignment_b

    def attempt(self, name, persona, call, *, moved=None, history_rows=1):
        """Make the move ``call(actor)`` as ``persona``; ``moved`` is (model, pk) of the record
        it changes (None when it creates one). A refusal must be an ``ApplicationError`` and
        leave every workflow table as it was; a success adds ``history_rows`` history rows,
        one of them for the record moved or made, written as the actor."""
        actor = self.users[persona]
        model, pk = moved or (None, None)
        rows_before = checks.row_counts()
        before = checks.record_state(model, pk)
        try:
            result = call(actor)
        except ApplicationError:
            checks.TALLY[name, "refused"] += 1
            assert checks.row_counts() == rows_before, f"refused {name} ({persona}) wrote rows"
            after = checks.record_state(model, pk)
            assert after == before, f"refused {name} ({persona}) changed {model.__name__} {pk}"
            return None
        checks.TALLY[name, "done"] += 1
        self.changed = True
        added = checks.history_rows_added(rows_before, checks.row_counts())
        assert added == history_rows, (
            f"{name} ({persona}): {added} history rows, not {history_rows}"
        )
        if history_rows:
            model, pk = moved or (type(result), result.pk)
            expected = before[1] + 1 if before else 1
            assert model.history.filter(id=pk).count() == expected, f"{name}: history of {pk}"
            assert checks.last_history(model, pk).history_user_id == actor.pk
        return result

    # ------------------------------------------------------------------ invariants

    @invariant()
    def statuses_follow_life_cycles(self):
        checks.TALLY["steps"] += 1
        checks.check_life_cycles()

    @invariant()
    def closed_items_were_verified(self):
        checks.check_closed_items_verified()

    @invariant()
    def handed_over_clues_carry_their_letter(self):
        checks.check_handed_over_clues_have_letters()

    @invariant()
    def names_stay_masked(self):
        """After each move that changed something, one persona in turn: its API lists of
        clues, interviews and petitions, and the latest clue's detail, hold no name it may
        not read. The office's hold every name (so that the check sees a name when one is
        served). A refused move changed no row, so there is nothing new to read."""
        if not self.changed:
            return
        self.changed = False
        persona = PERSONAS[self.turn % len(PERSONAS)]
        self.turn += 1
        checks.TALLY["api reads", persona] += 1
        forbidden, readable = self.secrets(persona)
        client = APIClient()
        client.force_authenticate(self.users[persona])
        urls = list(LISTS)
        if latest := Clue.objects.order_by("-pk").first():
            urls.append(f"/api/v1/clues/{latest.pk}/")
        served = set()
        for url in urls:
            body = client.get(url).content
            assert not checks.leaked(forbidden, body), f"{persona} read {url}"
            served |= checks.leaked(readable, body)
        if persona == "office":
            assert served == readable, f"the office misses {readable - served}"

    def secrets(self, persona) -> tuple[set[str], set[str]]:
        """The full names in the county ``persona`` may not read, and those it may."""
        county, forbidden, readable = self.county, set(), set()
        for clue in Clue.objects.select_related("assignment").prefetch_related("subjects"):
            names = {subject.name for subject in clue.subjects.all()}
            (readable if reads_clue_subjects(county, persona, clue) else forbidden).update(names)
        for interview in Interview.objects.select_related("assignment"):
            allowed = reads_interviewee(county, persona, interview)
            (readable if allowed else forbidden).add(interview.interviewee_name)
        for petition in Petition.objects.exclude(reporter_name="").select_related("assignment"):
            allowed = reads_reporter(county, persona, petition)
            (readable if allowed else forbidden).add(petition.reporter_name)
        return forbidden, readable
