"""Rules over the rounds' life cycle and the on-site work (interviews, petitions)."""

from hypothesis import strategies as st
from hypothesis.stateful import multiple, rule

from findings import services as findings
from rectification import services as rectification
from rounds import services as rounds
from rounds.choices import IntervieweeCategory, PetitionChannel, PetitionDisposition
from rounds.models import InspectionRound, Petition, TeamMember
from tests.state_machine.strategies import actor, aimed, petitions, sides, valid_or

ROUND_MOVES = {
    "round_prepare": rounds.round_prepare,
    "round_go_on_site": rounds.round_go_on_site,
    "round_end_on_site": rounds.round_end_on_site,
    "round_start_rectification": rectification.round_start_rectification,
    # Closing checks the archive (rectification): the lead closes with a reason.
    "round_close": lambda **move: rectification.round_close(
        **move, override_reason="状态机：先行归档"
    ),
}
# A round named in the county, or "aimed": one the move can take.
ROUNDS = st.sampled_from(("aimed", "planned", "next", "current", "fed_back", "earlier"))


def _round_rule(move: str):
    """One rule per move, so that each gets its share of the steps."""

    @rule(persona=actor(), which=ROUNDS)
    def move_round(self, persona, which):
        self._move_round(move, persona, which)

    move_round.__name__ = move
    return move_round


class RoundRules:
    """Mixed into the machine (tests/state_machine/machine.py), which provides ``attempt``."""

    def team_of(self, side) -> list[int]:
        """The members of the side's team: the interviewers (two or more, else refused)."""
        return list(
            TeamMember.objects.filter(team_id=self.assignment(side).team_id).values_list(
                "user_id", flat=True
            )
        )

    def _move_round(self, move, persona, which):
        persona = self.persona_for(move, persona)
        inspection_round = self.round_for(move, which)
        self.attempt(
            move,
            persona,
            lambda user: ROUND_MOVES[move](actor=user, round_id=inspection_round.pk),
            moved=(InspectionRound, inspection_round.pk),
        )

    prepare_round = _round_rule("round_prepare")
    go_on_site_round = _round_rule("round_go_on_site")
    end_on_site_round = _round_rule("round_end_on_site")
    start_rectification_round = _round_rule("round_start_rectification")
    close_round = _round_rule("round_close")

    @rule(persona=actor(), side=sides)
    def record_interview(self, persona, side):
        name = self.next_name()
        self.attempt(
            "interview_record",
            self.persona_for("interview_record", persona),
            lambda user: rounds.interview_record(
                actor=user,
                assignment_id=self.assignment(side).pk,
                interviewee_category=IntervieweeCategory.VETERAN_PARTY_MEMBER,
                interviewee_name=name,
                interviewer_ids=self.team_of(side),
            ),
            history_rows=0,  # an interview is a record of work, not a workflow object
        )

    @rule(
        target=petitions,
        persona=actor(),
        side=st.sampled_from(("a", "b", None)),
        anonymous=st.booleans(),
        named=st.booleans(),
    )
    def record_petition(self, persona, side, anonymous, named):
        name = self.next_name() if named else ""
        petition = self.attempt(
            "petition_record",
            self.persona_for("petition_record", persona),
            lambda user: rounds.petition_record(
                actor=user,
                round_id=self.county.world.round.pk,
                channel=PetitionChannel.LETTER,
                content="反映村里低保评定不公开。",
                is_anonymous=anonymous,
                reporter_name=name,
                assignment_id=self.assignment(side).pk if side else None,
            ),
        )
        return petition.pk if petition else multiple()

    @rule(
        persona=actor(),
        petition=aimed(petitions),
        disposition=st.sampled_from((PetitionDisposition.REFERRED, PetitionDisposition.NO_ACTION)),
        text=valid_or("县民政局", "", "  "),
    )
    def dispose_petition(self, persona, petition, disposition, text):
        petition = self.aim(Petition, "petition_dispose", *petition)
        referred = disposition == PetitionDisposition.REFERRED
        self.attempt(
            "petition_dispose",
            self.persona_for("petition_dispose", persona),
            lambda user: findings.petition_dispose(
                actor=user,
                petition_id=petition,
                disposition=disposition,
                referred_to=text if referred else "",
                note="" if referred else text,
            ),
            moved=(Petition, petition),
        )
