"""The must-lists the product ships as the county default (四个必谈 and common 必访, 必查,
必看 items), seeded by ``rounds/migrations/0008_must_lists`` and after a flush; a county
edits its default in the admin and sets a round's own lists on the round's page."""

# (list kind, label, interviewee category or "")
DEFAULT_MUST_ITEMS = (
    ("talk", "老党员", "veteran_party_member"),
    ("talk", "老教师", "retired_teacher"),
    ("talk", "老干部", "retired_cadre"),
    ("talk", "企业主", "entrepreneur"),
    ("visit", "脱贫户、监测户", ""),
    ("visit", "低保户、特困户", ""),
    ("visit", "信访户", ""),
    ("visit", "老党员户", ""),
    ("visit", "村民小组长", ""),
    ("check", '村级"三资"台账', ""),
    ("check", "村级财务凭证", ""),
    ("check", '"三重一大"事项会议记录', ""),
    ("check", "村务公开资料", ""),
    ("see", "集体资产和在建项目现场", ""),
    ("see", "村务公开栏", ""),
    ("see", "党群服务中心", ""),
)


def seed_must_lists(item_model) -> None:
    """The county default lists, when the county has no default item at all (a county
    that emptied a list keeps it empty only while it has others). Takes the model so that
    a migration can pass its historical one."""
    if item_model.objects.filter(round__isnull=True).exists():
        return
    item_model.objects.bulk_create(
        item_model(list_kind=kind, label=label, interviewee_category=category, order=order)
        for order, (kind, label, category) in enumerate(DEFAULT_MUST_ITEMS, start=1)
    )
