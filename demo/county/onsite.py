"""On-site work of the three rounds: interviews, activities, petitions.

The closed round reproduces the source article's figures for 西夏墅镇 exactly: 2,300
questionnaires, 141 interviews, 4 symposia, 23 research activities, 30 poor
households visited. In the on-site round every village has had the four must-talks
(四个必谈) except the last village of the last batch, still missing its entrepreneur.

Interviews and activities keep no history; they are written in bulk with the time they
were entered (``created_at``, two hours after an interview, the evening of an
activity) and the team member who entered them. Petitions go through the services
(``petitions``).
"""

import datetime

from demo.county.common import (
    DemoContext,
    at,
    bulk_insert,
    day_between,
    last_day,
    split_total,
    team_people,
    working_time,
)
from demo.county.onsite_texts import (
    ACTIVITY_TOPICS,
    COMPANY_INDUSTRIES,
    COMPANY_NAMES,
    COMPLAINTS,
    OUTLINES,
    RECORDS,
)
from demo.county.petitions import create_petitions
from demo.county.places import town_stem
from rounds.choices import ActivityKind, IntervieweeCategory
from rounds.models import Activity, Interview

Cat = IntervieweeCategory
MUST_TALKS = [Cat.VETERAN_PARTY_MEMBER, Cat.RETIRED_TEACHER, Cat.RETIRED_CADRE, Cat.ENTREPRENEUR]
# Who else a team talks to, in the order a village's interview list is filled up.
EXTRAS = [
    Cat.VILLAGE_COMMITTEE,
    Cat.VILLAGE_COMMITTEE,
    Cat.SUPERVISION_COMMITTEE,
    Cat.VILLAGER,
    Cat.VETERAN_PARTY_MEMBER,
    Cat.VILLAGER,
    Cat.OTHER,
    Cat.VILLAGE_COMMITTEE,
    *[Cat.VILLAGER] * 10,
]

# The article's figures for the closed round (西夏墅镇).
ARTICLE_QUESTIONNAIRES = 2300
ARTICLE_INTERVIEWS = 141
ARTICLE_SYMPOSIA = 4
ARTICLE_RESEARCH = 23
ARTICLE_POOR_HOUSEHOLDS = 30


def _interviewee(ctx, rng, assignment, category, committee_index):
    village = assignment.village
    stem = town_stem(village.town.name)
    officials = ctx.officials[village.pk]
    if category == Cat.VETERAN_PARTY_MEMBER:
        return ctx.names.person("old"), f"老党员，党龄{rng.randint(30, 58)}年"
    if category == Cat.RETIRED_TEACHER:
        school = rng.choice((f"{stem}中心小学", f"{stem}初级中学", f"{village.name}小学"))
        return ctx.names.person("old"), f"退休教师，原{school}教师"
    if category == Cat.RETIRED_CADRE:
        post = rng.choice(
            (f"原{village.name}党支部书记", f"原{village.name}村委会主任", f"原{stem}农经站站长")
        )
        return ctx.names.person("old"), post
    if category == Cat.ENTREPRENEUR:
        company = f"常州{rng.choice(COMPANY_NAMES)}{rng.choice(COMPANY_INDUSTRIES)}有限公司"
        return ctx.names.person("mid"), f"{company}负责人"
    if category == Cat.VILLAGE_COMMITTEE:
        director_post = (
            "村党组织书记、村委会主任"
            if officials.director == officials.secretary
            else "村委会主任"
        )
        committee = (
            (officials.director, director_post),
            (officials.accountant, "村会计/报账员"),
            (officials.committee_member, '村"两委"委员'),
        )
        return committee[committee_index % len(committee)]
    if category == Cat.SUPERVISION_COMMITTEE:
        return officials.supervision_head, "村务监督委员会主任"
    if category == Cat.OTHER:
        return ctx.names.person("mid"), rng.choice(("村保洁员", "网格员", "镇驻村干部"))
    return ctx.names.person(rng.choice(("old", "mid"))), rng.choice(
        (f"村民（{rng.randint(1, 18)}组）", "村民代表", "村民小组长")
    )


def _interviews_for(ctx, rng, plan, assignment, count, *, skip=()) -> tuple[list, list]:
    musts = [category for category in MUST_TALKS if category not in skip]
    categories = musts + EXTRAS[: count - len(musts)]
    people = team_people(plan, assignment)
    interviews, interviewers = [], []
    committee_index = 0
    for category in categories:
        name, post = _interviewee(ctx, rng, assignment, category, committee_index)
        if category == Cat.VILLAGE_COMMITTEE:
            committee_index += 1
        held_at = working_time(
            rng, day_between(rng, assignment.on_site_from, last_day(ctx, assignment))
        )
        pair = rng.sample(people, 2)
        raised = rng.choice(COMPLAINTS) if rng.random() < 0.45 else ""
        interviews.append(
            Interview(
                assignment=assignment,
                held_at=held_at,
                interviewee_name=name,
                interviewee_category=category,
                interviewee_post=post,
                place=rng.choice(("村党群服务中心谈话室", "巡察组驻村联络点", "谈话对象家中")),
                outline=OUTLINES[category],
                record=rng.choice(RECORDS),
                problems_raised=raised,
                recorder=pair[1],
                recorded_by=pair[1],
                created_at=held_at + datetime.timedelta(hours=2),
            )
        )
        interviewers.append(pair)
    return interviews, interviewers


def _activity(assignment, kind, day, recorded_by, **fields) -> Activity:
    topic = fields.pop("topic", None) or ACTIVITY_TOPICS[kind][0]
    return Activity(
        assignment=assignment,
        kind=kind,
        held_on=day,
        topic=topic,
        recorded_by=recorded_by,
        created_at=at(day, 18, 0),
        **fields,
    )


def _questionnaire(assignment, day, recorded_by, distributed, rng) -> Activity:
    returned = int(distributed * rng.uniform(0.9, 0.98))
    return _activity(
        assignment,
        ActivityKind.QUESTIONNAIRE,
        day,
        recorded_by,
        questionnaires_distributed=distributed,
        questionnaires_returned=returned,
        people_reached=returned,
    )


def _activities_for(ctx, rng, plan, assignment, counts: dict) -> list[Activity]:
    """Activities of one assignment; ``counts`` maps a kind to a number or list of sizes."""
    people = team_people(plan, assignment)
    first, last = assignment.on_site_from, last_day(ctx, assignment)
    activities = []

    def day():
        return day_between(rng, first, last)

    for distributed in counts.get(ActivityKind.QUESTIONNAIRE, []):
        activities.append(_questionnaire(assignment, day(), rng.choice(people), distributed, rng))
    for kind in (ActivityKind.SYMPOSIUM, ActivityKind.RESEARCH, ActivityKind.DOCUMENT_REVIEW):
        topics = ACTIVITY_TOPICS[kind]
        for index in range(counts.get(kind, 0)):
            reached = {ActivityKind.SYMPOSIUM: (8, 16), ActivityKind.RESEARCH: (3, 10)}
            activities.append(
                _activity(
                    assignment,
                    kind,
                    day(),
                    rng.choice(people),
                    topic=topics[(index + rng.randint(0, len(topics) - 1)) % len(topics)],
                    people_reached=rng.randint(*reached.get(kind, (2, 4))),
                )
            )
    for kind in (ActivityKind.HOUSEHOLD_VISIT, ActivityKind.POOR_HOUSEHOLD_VISIT):
        for households in counts.get(kind, []):
            activities.append(
                _activity(
                    assignment,
                    kind,
                    day(),
                    rng.choice(people),
                    households=households,
                    people_reached=households * rng.randint(2, 3),
                )
            )
    for _ in range(counts.get(ActivityKind.NIGHT_VISIT, 0)):
        activities.append(
            _activity(
                assignment,
                ActivityKind.NIGHT_VISIT,
                day(),
                rng.choice(people),
                people_reached=rng.randint(6, 15),
            )
        )
    return activities


def _closed_round_counts(rng, assignments) -> tuple[list[int], list[dict]]:
    """Per-village interview counts and activity counts adding up to the article's figures."""
    villages = len(assignments)
    interviews = split_total(rng, ARTICLE_INTERVIEWS, villages, 12, 16)
    two_batches = set(rng.sample(range(villages), 5))
    batches = [2 if index in two_batches else 1 for index in range(villages)]
    sizes = split_total(rng, ARTICLE_QUESTIONNAIRES, sum(batches), 110, 200)
    research = split_total(rng, ARTICLE_RESEARCH, villages, 1, 4)
    poor = split_total(rng, ARTICLE_POOR_HOUSEHOLDS, villages, 2, 5)
    symposia = set(rng.sample(range(villages), ARTICLE_SYMPOSIA))
    night = set(rng.sample(range(villages), 3))
    counts = []
    for index in range(villages):
        questionnaires = [sizes.pop() for _ in range(batches[index])]
        counts.append(
            {
                ActivityKind.QUESTIONNAIRE: questionnaires,
                ActivityKind.SYMPOSIUM: 1 if index in symposia else 0,
                ActivityKind.RESEARCH: research[index],
                ActivityKind.POOR_HOUSEHOLD_VISIT: [poor[index]],
                ActivityKind.HOUSEHOLD_VISIT: [rng.randint(8, 20)],
                ActivityKind.DOCUMENT_REVIEW: 1,
                ActivityKind.NIGHT_VISIT: 1 if index in night else 0,
            }
        )
    return interviews, counts


def _usual_counts(rng) -> dict:
    return {
        ActivityKind.QUESTIONNAIRE: [rng.randint(120, 260)] if rng.random() < 0.85 else [],
        ActivityKind.SYMPOSIUM: 1 if rng.random() < 0.4 else 0,
        ActivityKind.RESEARCH: rng.randint(0, 2),
        ActivityKind.POOR_HOUSEHOLD_VISIT: [rng.randint(2, 6)],
        ActivityKind.HOUSEHOLD_VISIT: [rng.randint(8, 25) for _ in range(rng.randint(1, 2))],
        ActivityKind.DOCUMENT_REVIEW: rng.randint(1, 2),
        ActivityKind.NIGHT_VISIT: 1 if rng.random() < 0.3 else 0,
    }


def create_onsite_work(ctx: DemoContext) -> None:
    interviews, interviewer_pairs, activities = [], [], []
    for key in ("closed", "rectification", "on_site"):
        plan = ctx.rounds[key]
        rng = ctx.rng(f"onsite:{key}")
        assignments = plan.assignments
        if key == "closed":
            interview_counts, activity_counts = _closed_round_counts(rng, assignments)
        else:
            low, high = (9, 13) if key == "rectification" else (6, 10)
            interview_counts = [rng.randint(low, high) for _ in assignments]
            activity_counts = [_usual_counts(rng) for _ in assignments]
        for index, assignment in enumerate(assignments):
            # The on-site round's last village has not yet talked to an entrepreneur.
            missing = key == "on_site" and index == len(assignments) - 1
            skip = (Cat.ENTREPRENEUR,) if missing else ()
            made, pairs = _interviews_for(
                ctx, rng, plan, assignment, interview_counts[index], skip=skip
            )
            interviews += made
            interviewer_pairs += pairs
            activities += _activities_for(ctx, rng, plan, assignment, activity_counts[index])
    bulk_insert(Interview, interviews, keep=("created_at",))
    through = Interview.interviewers.through
    bulk_insert(
        through,
        [
            through(interview_id=interview.pk, user_id=user.pk)
            for interview, pair in zip(interviews, interviewer_pairs, strict=True)
            for user in pair
        ],
    )
    bulk_insert(Activity, activities, keep=("created_at",))
    for interview in interviews:
        ctx.interviews.setdefault(interview.assignment_id, []).append(interview)
    create_petitions(ctx)
