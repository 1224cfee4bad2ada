"""The bodies a county office usually writes to before a round (巡前通报: 纪委监委, 组织部,
信访局, 审计局, 农业农村局, 民政局, 公检法), shipped as county data: seeded by
``rounds/migrations/0005_data_requests_and_briefs`` (and by the demo after a flush), then
the office's to edit in the admin."""

# (name, kind, what is usually asked)
USUAL_BODIES = (
    (
        "县纪委监委",
        "discipline",
        "该村党组织及村干部近三年来受理的信访举报、问题线索及处置情况，党纪政务处分情况。",
    ),
    (
        "县委组织部",
        "organisation",
        "该村党组织建设、村“两委”班子运行、党员发展和管理、软弱涣散整顿等情况。",
    ),
    ("县信访局", "petitions", "近三年涉及该村的信访事项及办理、化解情况，重复访、越级访情况。"),
    (
        "县审计局",
        "audit",
        "近年对该村(含村级财务、集体资金资产资源、惠农项目)审计发现的问题及整改情况。",
    ),
    (
        "县农业农村局",
        "agriculture",
        "该村集体经济、“三资”管理、土地承包、惠农补贴发放及农村项目实施情况。",
    ),
    (
        "县民政局",
        "civil_affairs",
        "该村低保、特困供养、临时救助等民生资金的审批发放情况，以及相关投诉情况。",
    ),
    (
        "县公检法机关",
        "law_enforcement",
        "涉及该村及村干部的刑事案件、涉黑涉恶线索、民事纠纷诉讼等情况。",
    ),
)


def seed_usual_bodies(model) -> None:
    """The usual bodies, each added unless one of its name is there (``model``: the
    migration's historical ``RequestBody`` or the live one)."""
    for order, (name, kind, asked) in enumerate(USUAL_BODIES, start=1):
        model.objects.get_or_create(
            name=name, defaults={"kind": kind, "default_request": asked, "order": order * 10}
        )
