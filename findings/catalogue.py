"""The taxonomy the product ships (四个聚焦 → 方面 → 类), seeded by a data migration.

The four focuses are those of the supervision checklist (rounds.choices.FocusArea, the
same codes); the aspects and classes follow the published county catalogues (定西's 11
方面 88 类, Jiangsu's 60 items, Shandong's 15 areas / 44 items in docs/DOMAIN.md's
sources), cut to what a village inspection files. The twelve categories of the former
flat list are classes here under their old values as codes (``LEGACY_CLASSES``), so
every problem filed before keeps what it was filed as.

A county edits its taxonomy in the admin; this module is only the starting point, read
by ``findings/migrations/0008_taxonomy_catalogue`` and by the demo after a flush.
"""

# (code, name, [(aspect name, [(class code, class name), …]), …])
CATALOGUE = (
    (
        "policy",
        "聚焦党的路线方针政策和决策部署落实",
        (
            (
                "贯彻落实党中央“三农”决策部署和上级部署",
                (
                    ("leadership", "党的领导/决策部署落实"),
                    ("rural_revitalisation", "乡村振兴重点任务推进不力"),
                    ("farmland", "耕地保护和粮食安全责任落实不到位"),
                    ("poverty_relapse", "防止返贫监测帮扶不到位"),
                    ("ideology", "意识形态工作责任制落实不到位"),
                ),
            ),
            (
                "发展壮大村级集体经济",
                (
                    ("collective_economy", "集体经济发展思路不清、收入下滑"),
                    ("idle_projects", "产业项目效益低下或闲置"),
                    ("village_debt", "违规举债、村级债务化解不力"),
                ),
            ),
            (
                "基层治理和安全稳定",
                (
                    ("disputes", "矛盾纠纷排查化解不力"),
                    ("safety", "安全生产和消防隐患排查整治不到位"),
                    ("environment", "人居环境和生态环境整治不到位"),
                ),
            ),
        ),
    ),
    (
        "corruption",
        "聚焦群众身边不正之风和腐败问题",
        (
            (
                "农村集体“三资”管理",
                (
                    ("collective_assets", "“三资”管理"),
                    ("funds_misuse", "集体资金管理使用不规范"),
                    ("leasing", "集体资产资源发包租赁不规范"),
                    ("bookkeeping", "财务制度执行不严、白条入账"),
                ),
            ),
            (
                "惠民惠农资金和民生保障",
                (
                    ("welfare_funds", "惠民惠农资金"),
                    ("subsistence_favouritism", "低保、特困供养评定优亲厚友"),
                    ("subsidy_fraud", "补贴资金虚报冒领"),
                    ("welfare_delay", "惠民资金发放不及时不公开"),
                ),
            ),
            (
                "征地拆迁和工程项目",
                (
                    ("land_acquisition", "征地拆迁"),
                    ("compensation", "征地补偿款截留挪用或拖欠"),
                    ("projects", "工程项目"),
                    ("bidding", "工程项目规避招投标、拆分发包"),
                ),
            ),
            (
                "侵害群众利益的不正之风和腐败问题",
                (
                    ("petty_corruption", "侵害群众利益/微腐败"),
                    ("extortion", "吃拿卡要、收受好处费"),
                    ("embezzlement", "虚报冒领、截留挪用"),
                    ("formalism", "形式主义官僚主义"),
                    ("conduct", "违反八项规定精神/作风"),
                    ("hospitality", "公款吃喝、违规发放福利"),
                ),
            ),
        ),
    ),
    (
        "organisation",
        "聚焦基层党组织和干部队伍建设",
        (
            (
                "基层党组织建设",
                (
                    ("party_organisation", "基层党组织建设"),
                    ("organisational_life", "“三会一课”等组织生活不规范"),
                    ("membership", "党员发展和教育管理不规范"),
                    ("party_dues", "党费收缴管理不规范"),
                    ("decision_rules", "“四议两公开”执行不到位"),
                ),
            ),
            (
                "村干部队伍建设",
                (
                    ("cadres", "村干部队伍建设"),
                    ("succession", "后备力量培养不足"),
                    ("one_shoulder", "“一肩挑”后监督制约不到位"),
                    ("recusal", "亲属任职、兼职取酬未按规定回避审批"),
                ),
            ),
            (
                "村务监督和村务公开",
                (
                    ("village_supervision", "村务监督委员会履职不到位"),
                    ("openness", "村务、财务公开不及时不规范"),
                ),
            ),
        ),
    ),
    (
        "rectification",
        "聚焦巡察整改和全面从严治党责任落实",
        (
            (
                "巡察、审计等监督发现问题整改",
                (
                    ("prior_rectification", "上轮整改不到位"),
                    ("audit_rectification", "审计、督查发现问题整改不力"),
                    ("rebound", "整改销号后问题反弹"),
                ),
            ),
            (
                "全面从严治党责任落实",
                (
                    ("main_responsibility", "全面从严治党主体责任落实不到位"),
                    ("integrity_risk", "廉政风险防控机制不健全"),
                    ("records", "档案资料管理混乱"),
                    ("other", "其他"),
                ),
            ),
        ),
    ),
)

# The former flat categories (findings.choices.ProblemCategory until the taxonomy came),
# each now the class of the same code.
LEGACY_CLASSES = (
    "leadership",
    "collective_assets",
    "welfare_funds",
    "land_acquisition",
    "projects",
    "petty_corruption",
    "formalism",
    "conduct",
    "party_organisation",
    "cadres",
    "prior_rectification",
    "other",
)


def seed_catalogue(focus_model, aspect_model, class_model) -> None:
    """Create what is missing of ``CATALOGUE`` (by code, or by name under its parent);
    what exists is left as the county has it. Takes the models so that a migration can
    pass its historical ones."""
    codes = [code for _, _, aspects in CATALOGUE for _, classes in aspects for code, _ in classes]
    if class_model.objects.filter(code__in=codes).count() == len(codes):
        return  # seeded already (its one query, for the demo and the tests' factories)
    for focus_order, (code, name, aspects) in enumerate(CATALOGUE, start=1):
        focus, _ = focus_model.objects.get_or_create(
            code=code, defaults={"name": name, "order": focus_order}
        )
        for aspect_order, (aspect_name, classes) in enumerate(aspects, start=1):
            aspect, _ = aspect_model.objects.get_or_create(
                focus=focus, name=aspect_name, defaults={"order": aspect_order}
            )
            for class_order, (class_code, class_name) in enumerate(classes, start=1):
                if not class_model.objects.filter(code=class_code).exists():
                    class_model.objects.create(
                        aspect=aspect, code=class_code, name=class_name, order=class_order
                    )
