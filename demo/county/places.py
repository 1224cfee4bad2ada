"""The demo county's towns and villages, and the people holding office in them.

Codes follow the statistical division codes (统计用区划代码): a 6-digit county
prefix, towns 001–099 for 街道, 100–199 for 镇, 200–399 for 乡; villages add 3 digits,
001–199 for 社区 (居委会) and 200–399 for 行政村 (村委会).
"""

from decimal import Decimal

from demo.county.common import DemoContext, Officials, bulk_insert
from inspection.choices import AttentionClass, TownKind, VillageKind
from inspection.models import Town, Village

COUNTY_PREFIX = "320411"
# The demo county is present when this town is: 西夏墅镇, the town of the source article.
DEMO_TOWN_CODE = "320411101"
XIXIASHU = "西夏墅镇"

# code, name, kind, communities, villages — 12 towns, 200 villages and communities.
TOWNS = (
    ("320411001", "三井街道", TownKind.SUBDISTRICT, 12, 6),
    ("320411002", "河海街道", TownKind.SUBDISTRICT, 11, 6),
    ("320411003", "龙虎塘街道", TownKind.SUBDISTRICT, 10, 9),
    ("320411100", "新桥镇", TownKind.TOWN, 3, 10),
    (DEMO_TOWN_CODE, XIXIASHU, TownKind.TOWN, 2, 8),
    ("320411102", "罗溪镇", TownKind.TOWN, 2, 9),
    ("320411103", "薛家镇", TownKind.TOWN, 3, 12),
    ("320411104", "孟河镇", TownKind.TOWN, 3, 13),
    ("320411105", "奔牛镇", TownKind.TOWN, 3, 11),
    ("320411106", "春江镇", TownKind.TOWN, 4, 18),
    ("320411200", "魏村乡", TownKind.TOWNSHIP, 1, 21),
    ("320411201", "安家乡", TownKind.TOWNSHIP, 1, 22),
)

# 西夏墅镇's ten, named by hand: (name, attention class).
XIXIASHU_VILLAGES = (
    ("西夏墅社区", AttentionClass.GENERAL),
    ("汤庄社区", AttentionClass.GENERAL),
    ("梅林村", AttentionClass.RISK),
    ("东南村", AttentionClass.GENERAL),
    ("浦河村", AttentionClass.KEY_HAZARD),
    ("新市村", AttentionClass.GENERAL),
    ("翟家村", AttentionClass.GENERAL),
    ("前进村", AttentionClass.RISK),
    ("巢家村", AttentionClass.GENERAL),
    ("小河村", AttentionClass.GENERAL),
)

SURNAME_HEADS = "黄石王李陈周吴蒋魏钱沈朱杨汤邹谢顾潘卜恽庄戴殷邵芮姜储蔡谈承"
PLACE_HEADS = "东西南北新大小前后长青白红金桃柳杏竹荷丰永兴太合安胜光民"
TAILS = "桥塘庄港湾墩圩浜巷舍埠河岗坝园里泾渎甸墅"
COMMUNITY_FIRST = "新华龙春和康泰祥瑞锦丽翠汇嘉滨云玉富"
COMMUNITY_SECOND = "苑园城湖桥安兴盛康都庭景湾江"


def town_stem(name: str) -> str:
    for suffix in ("街道", "镇", "乡"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


class _PlaceNames:
    """Unique, plausible 村 and 社区 names for the generated towns."""

    def __init__(self, rng):
        self._rng = rng
        self._taken = {name for name, _ in XIXIASHU_VILLAGES}
        self._taken.update(town_stem(name) + "村" for _, name, *_ in TOWNS)

    def _unique(self, make) -> str:
        while True:
            name = make()
            if name not in self._taken:
                self._taken.add(name)
                return name

    def village(self) -> str:
        def make():
            if self._rng.random() < 0.45:
                return self._rng.choice(SURNAME_HEADS) + self._rng.choice(TAILS + "家") + "村"
            return self._rng.choice(PLACE_HEADS) + self._rng.choice(TAILS) + "村"

        return self._unique(make)

    def community(self) -> str:
        def make():
            first = self._rng.choice(COMMUNITY_FIRST)
            second = self._rng.choice(COMMUNITY_SECOND.replace(first, ""))
            return f"{first}{second}社区"

        return self._unique(make)

    def seat(self, town_name: str) -> str:
        return self._unique(lambda: f"{town_stem(town_name)}社区")


def _village(rng, town: Town, code: str, name: str, kind: str, attention: str) -> Village:
    community = kind == VillageKind.COMMUNITY
    population = rng.randint(4200, 14800) if community else rng.randint(2100, 6900)
    income_low, income_high = (1_200_000, 9_800_000) if community else (450_000, 6_200_000)
    petitions = {
        AttentionClass.GENERAL: (0, 8),
        AttentionClass.RISK: (7, 19),
        AttentionClass.KEY_HAZARD: (16, 38),
    }[attention]
    return Village(
        town=town,
        code=code,
        name=name,
        kind=kind,
        population=population,
        households=round(population / rng.uniform(2.7, 3.4)),
        party_members=round(population * rng.uniform(0.026, 0.046)),
        collective_income=Decimal(rng.randint(income_low // 100, income_high // 100) * 100),
        petitions_last_year=rng.randint(*petitions),
        secretary_is_director=rng.random() < 0.8,
        attention_class=attention,
    )


def _attention(rng) -> str:
    return rng.choices(
        (AttentionClass.GENERAL, AttentionClass.RISK, AttentionClass.KEY_HAZARD),
        weights=(80, 15, 5),
    )[0]


def create_places(ctx: DemoContext) -> None:
    """12 towns and 200 villages; the office holders of each village and town."""
    rng = ctx.rng("places")
    place_names = _PlaceNames(rng)
    towns = bulk_insert(
        Town, [Town(code=code, name=name, kind=kind) for code, name, kind, *_ in TOWNS]
    )
    villages: list[Village] = []
    for town, (_, name, _, communities, plain) in zip(towns, TOWNS, strict=True):
        ctx.towns[name] = town
        if name == XIXIASHU:
            specs = [
                (
                    VillageKind.COMMUNITY if village.endswith("社区") else VillageKind.VILLAGE,
                    village,
                    attention,
                )
                for village, attention in XIXIASHU_VILLAGES
            ]
        else:
            specs = [(VillageKind.COMMUNITY, place_names.seat(name), _attention(rng))]
            specs += [
                (VillageKind.COMMUNITY, place_names.community(), _attention(rng))
                for _ in range(communities - 1)
            ]
            specs += [
                (VillageKind.VILLAGE, place_names.village(), _attention(rng)) for _ in range(plain)
            ]
        community_number, village_number = 0, 200
        for kind, village_name, attention in specs:
            if kind == VillageKind.COMMUNITY:
                community_number += 1
                code = f"{town.code}{community_number:03d}"
            else:
                village_number += 1
                code = f"{town.code}{village_number:03d}"
            villages.append(_village(rng, town, code, village_name, kind, attention))
    bulk_insert(Village, villages)
    for town in towns:
        ctx.villages[town.name] = sorted(
            (village for village in villages if village.town_id == town.pk), key=lambda v: v.code
        )
        ctx.town_leaders[town.name] = (ctx.names.person("mid"), ctx.names.person("mid"))
    for village in villages:
        secretary = ctx.names.person("mid")
        ctx.officials[village.pk] = Officials(
            secretary=secretary,
            director=secretary if village.secretary_is_director else ctx.names.person("mid"),
            accountant=ctx.names.person("mid"),
            committee_member=ctx.names.person("young"),
            supervision_head=ctx.names.person("old"),
        )


def village_party_unit(village: Village) -> str:
    """The village's party organisation, named by its size as the party constitution does."""
    if village.party_members >= 100:
        return f"{village.name}党委"
    if village.party_members >= 50:
        return f"{village.name}党总支"
    return f"{village.name}党支部"
