"""Drafting a village's 个性监督清单 and 谈话提纲: one function, one small provider per source.

``draft_sections(assignment, kind)`` asks each provider of ``PROVIDERS`` for its sections
(a title and lines) and merges them in order: sections of the same title are joined, a
line already there is not repeated. A provider takes the assignment and the kind
(``BriefKind``) and answers ``[]`` when it has nothing for that kind. To feed the draft
from a new source (the village roster, its 三资 figures), write one provider and add it
to ``PROVIDERS``.

The sources today: the round's supervision items (focus area → title → guidance), the
village's facts (attention class, population, collective income, petitions last year,
一肩挑) and the 函调 replies tagged to the village in this round. The team edits the draft
afterwards; the wording here is a start, not a rule.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from inspection.choices import AttentionClass
from rounds.choices import FocusArea, IntervieweeCategory, MustListKind
from rounds.models import Assignment, DataRequestReply
from rounds.must_lists import round_lists
from rounds.request_choices import BriefKind

PROFILE_TITLE = "村情重点"
REPLIES_TITLE = "函调反映"
CADRES = IntervieweeCategory.VILLAGE_COMMITTEE
# A collective income below this (yuan a year) marks a 集体经济薄弱村.
WEAK_INCOME = Decimal("100000")
LINE_MAX = 500

# The questions every interviewee of a kind is asked (谈话提纲的通用部分).
BASE_QUESTIONS = {
    IntervieweeCategory.VETERAN_PARTY_MEMBER: (
        "村党组织“三会一课”、主题党日是否正常开展？党员发展是否公开公正？",
        "村干部在群众中口碑如何？有无优亲厚友、以权谋私的情况？",
    ),
    IntervieweeCategory.RETIRED_TEACHER: (
        "村里低保、救助、补贴等评定是否公开公正？",
        "村务公开是否及时、真实？群众有哪些意见和诉求？",
    ),
    IntervieweeCategory.RETIRED_CADRE: (
        "村“两委”班子是否团结？重大事项是否经“四议两公开”决策？",
        "村集体资产、资金、资源管理有无漏洞？",
    ),
    IntervieweeCategory.ENTREPRENEUR: (
        "在村里承包工程、租用土地或厂房是否经过公开程序？合同是否规范？",
        "有无村干部吃拿卡要、插手工程或索要好处的情况？",
    ),
    # Asked of a 必谈 with no questions of its own (普通群众, a county's own kind).
    IntervieweeCategory.VILLAGER: (
        "您对村“两委”班子和村干部有什么评价和意见？",
        "村里有哪些群众反映强烈的问题？您本人有什么诉求？",
    ),
    CADRES: (
        "请介绍本村党组织建设、集体经济发展和重点工作推进情况。",
        "上轮巡察(审计)发现问题整改情况如何？还有哪些未整改到位？",
    ),
}


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)


Provider = Callable[[Assignment, str], list[Section]]


def _talk_title(category) -> str:
    return f"谈话对象：{IntervieweeCategory(category).label}"


def interviewee_questions(assignment: Assignment, kind: str) -> list[Section]:
    """The outline's sections, one per kind of interviewee: the round's 必谈 (each item of
    an interviewee category; another item by its own name) and the cadres."""
    if kind != BriefKind.OUTLINE:
        return []
    talks = round_lists([assignment.round_id])[assignment.round_id][MustListKind.TALK]
    sections, seen = [], set()
    for item in talks:
        category = item.interviewee_category
        if category and category not in seen:
            seen.add(category)
            questions = BASE_QUESTIONS.get(category, BASE_QUESTIONS[IntervieweeCategory.VILLAGER])
            sections.append(Section(_talk_title(category), list(questions)))
        elif not category:
            sections.append(
                Section(
                    f"谈话对象：{item.label}", list(BASE_QUESTIONS[IntervieweeCategory.VILLAGER])
                )
            )
    if CADRES not in seen:
        sections.append(Section(_talk_title(CADRES), list(BASE_QUESTIONS[CADRES])))
    return sections


def catalogue_points(assignment: Assignment, kind: str) -> list[Section]:
    """The round's supervision items: by focus area on the checklist; for the outline, a
    question to the cadres on each item."""
    items = assignment.round.supervision_items.filter(is_active=True).order_by("code")
    if kind == BriefKind.OUTLINE:
        return [
            Section(
                _talk_title(CADRES),
                [f"围绕“{item.title}”，请说明本村的具体做法和存在的问题。" for item in items],
            )
        ]
    sections: dict[str, Section] = {}
    labels = dict(FocusArea.choices)
    for item in items:
        title = str(labels.get(item.focus_area, item.focus_area))
        text = f"{item.code} {item.title}"
        if item.guidance.strip():
            text = f"{text}：{' '.join(item.guidance.split())}"
        sections.setdefault(title, Section(title)).lines.append(text)
    return list(sections.values())


def _profile_facts(village) -> list[str]:
    facts = []
    if village.attention_class == AttentionClass.KEY_HAZARD:
        facts.append("该村列为重点隐患类，逐项核查隐患问题的成因和化解情况，延长驻村时间。")
    elif village.attention_class == AttentionClass.RISK:
        facts.append("该村列为风险关注类，重点核查风险点的管控情况。")
    if village.secretary_is_director:
        facts.append(
            "书记、主任“一肩挑”：重点监督“小微权力”清单执行、重大事项集体决策和村务监督委员会作用发挥。"
        )
    if village.petitions_last_year:
        facts.append(
            f"上年信访{village.petitions_last_year}件：逐件核查办理和化解情况，关注重复信访反映的问题。"
        )
    if village.collective_income < WEAK_INCOME:
        facts.append(
            f"村集体经济收入{_money(village.collective_income)}，属集体经济薄弱村：核查扶持资金使用和集体经济发展举措。"
        )
    else:
        facts.append(
            f"村集体经济收入{_money(village.collective_income)}：核查“三资”管理、合同签订和收支公开情况。"
        )
    if village.population:
        facts.append(
            f"全村{village.population}人、{village.households}户：按入户走访比例安排走访，关注困难群众。"
        )
    return facts


def _money(yuan: Decimal) -> str:
    """52000 → 5.2万元; 3800 → 3800元."""
    if yuan < 10000:
        return f"{yuan:.0f}元"
    return f"{(yuan / 10000).quantize(Decimal('0.01')).normalize():f}万元"


def profile_points(assignment: Assignment, kind: str) -> list[Section]:
    """The village's facts, as points to check; for the outline, questions to the cadres."""
    village = assignment.village
    if village is None:
        return []
    facts = _profile_facts(village)
    if kind == BriefKind.OUTLINE:
        questions = []
        if village.petitions_last_year:
            questions.append("上年群众信访反映的主要问题是什么？是如何办理和答复的？")
        if village.secretary_is_director:
            questions.append("书记、主任“一肩挑”后，重大事项如何集体决策？村务监督委员会如何监督？")
        return [Section(_talk_title(CADRES), questions)]
    return [Section(PROFILE_TITLE, facts)]


def reply_points(assignment: Assignment, kind: str) -> list[Section]:
    """What the bodies answered about the village (its summaries), as points to check; for
    the outline, a question to the cadres on each. A reply about several villages that
    names them line by line gives this village its own lines only."""
    village = assignment.village
    if village is None:
        return []
    replies = (
        DataRequestReply.objects.filter(request__round_id=assignment.round_id, villages=village)
        .select_related("request__body")
        .order_by("received_on", "pk")
    )
    points = [
        (reply.request.body.name, _one_line(text))
        for reply in replies
        for text in _about(reply.summary, village.name)
    ]
    if kind == BriefKind.OUTLINE:
        return [
            Section(
                _talk_title(CADRES),
                [f"{body}反映：{text}请说明有关情况。" for body, text in points],
            )
        ]
    return [Section(REPLIES_TITLE, [f"【{body}】{text}核实有关情况。" for body, text in points])]


def _about(summary: str, village_name: str) -> list[str]:
    """The lines of ``summary`` naming ``village_name``, else the whole summary."""
    lines = [line for line in summary.splitlines() if village_name in line]
    return lines or [summary]


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    line = line[: LINE_MAX - 60]
    return line if line.endswith(("。", "！", "？", ".")) else f"{line}。"


PROVIDERS: tuple[Provider, ...] = (
    interviewee_questions,
    catalogue_points,
    profile_points,
    reply_points,
)


def draft_sections(assignment: Assignment, kind: str, providers=PROVIDERS) -> list[dict]:
    """The draft of ``assignment``'s brief of ``kind``: ``[{"title", "lines"}]``, each
    provider's sections in turn, merged by title, no line twice, no empty section."""
    merged: dict[str, list[str]] = {}
    for provider in providers:
        for section in provider(assignment, kind):
            lines = merged.setdefault(section.title, [])
            lines.extend(line[:LINE_MAX] for line in section.lines if line and line not in lines)
    return [{"title": title, "lines": lines} for title, lines in merged.items() if lines]
