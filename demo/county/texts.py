"""Chinese text pools for problems, rectification measures and progress.

Placeholders: {y} a year, {n} a small count and {m} a smaller one, {mu} an area in 亩, {amt}
an amount
written as reports write it ("3.26万元"). A fact is (template, lowest amount, highest
amount, common problem?); an amount range of (0, 0) means the problem involves no money.
"""

FACTS = {
    "leadership": (
        (
            "村党组织传达学习上级乡村振兴部署不及时，{y}年镇党委部署的{n}项重点任务中"
            "有{m}项未按期推进。",
            0,
            0,
            False,
        ),
        (
            '村级重大事项决策未落实"四议两公开"，{y}年{n}项重大事项未经村党组织提议，'
            "由村委会直接决定。",
            0,
            0,
            True,
        ),
        (
            "意识形态工作责任制落实不到位，{y}年未专题研究意识形态工作，村微信群管理松散。",
            0,
            0,
            False,
        ),
        ("安全生产属地责任落实不到位，辖区{n}处出租厂房存在消防隐患，未督促整改。", 0, 0, False),
        ("党员集中学习以读文件为主，{y}年学习记录有{n}次内容雷同，学用脱节。", 0, 0, True),
    ),
    "collective_assets": (
        (
            "村集体厂房{n}间出租未经村民代表会议表决，租金明显低于同地段市场价，"
            "年租金少收约{amt}。",
            20_000,
            180_000,
            False,
        ),
        ("村级财务白条入账问题突出，{y}年共有{n}张白条列支，涉及金额{amt}。", 8_000, 90_000, True),
        (
            "集体资产台账登记不全，{n}处集体房屋、{mu}亩鱼塘未登记入账，涉及资产约{amt}。",
            100_000,
            900_000,
            False,
        ),
        (
            "集体资源发包未进入农村产权交易平台，{n}宗共{mu}亩土地以协议方式发包，合同金额{amt}。",
            50_000,
            400_000,
            False,
        ),
        (
            '村集体资金{amt}长期存放于报账员个人银行卡，未纳入镇"三资"委托代理账户管理。',
            30_000,
            260_000,
            False,
        ),
        ("集体资产租赁合同到期后未及时续签，拖欠租金{amt}未追缴。", 15_000, 160_000, False),
    ),
    "welfare_funds": (
        (
            "低保评定未经村民代表民主评议，{n}户家庭收入超标仍享受低保，涉及资金{amt}。",
            12_000,
            80_000,
            False,
        ),
        ("耕地地力保护补贴核对不严，向{n}名已去世人员继续发放补贴{amt}。", 2_000, 18_000, True),
        (
            "残疾人两项补贴发放前未公示，{n}名领取对象信息与残联数据不符，涉及资金{amt}。",
            5_000,
            40_000,
            False,
        ),
        ("高龄津贴发放台账不全，{y}年有{n}人次津贴延迟发放超过3个月。", 0, 0, False),
        (
            "临时救助审批把关不严，{n}户救助对象申请材料不全即获批，涉及资金{amt}。",
            6_000,
            45_000,
            False,
        ),
        ("困难群众动态管理不及时，{n}户已脱贫户信息未更新，帮扶措施与实际需求脱节。", 0, 0, True),
    ),
    "land_acquisition": (
        ("征地补偿款{amt}未及时足额发放到户，截至巡察时仍拖欠{n}户。", 80_000, 600_000, False),
        (
            "拆迁安置面积认定不公开，{n}户抢搭违章建筑获得补偿，涉及金额{amt}。",
            60_000,
            500_000,
            False,
        ),
        (
            "土地流转费由村集体代收后未按时分发，{n}户流转费延迟发放，涉及金额{amt}。",
            30_000,
            200_000,
            False,
        ),
        ("征收土地青苗补偿标准未公示，群众对补偿分配意见较大。", 0, 0, False),
    ),
    "projects": (
        (
            '村道路硬化工程（合同金额{amt}）未按规定公开招标，由村"两委"直接指定施工单位。',
            300_000,
            1_800_000,
            False,
        ),
        ("将{n}项同类小微工程拆分发包，规避公开招投标，合计金额{amt}。", 200_000, 900_000, True),
        (
            "村级工程结算未经审计即支付工程款{amt}，部分工程量签证无监理签字。",
            100_000,
            700_000,
            False,
        ),
        (
            "农田水利工程验收把关不严，{n}处渠道竣工一年即出现破损，涉及资金{amt}。",
            50_000,
            300_000,
            False,
        ),
        (
            "村干部亲属承揽村级绿化养护工程{n}项，未履行回避程序，合同金额{amt}。",
            40_000,
            260_000,
            False,
        ),
    ),
    "petty_corruption": (
        (
            "村保洁员工资存在虚报冒领，{y}年虚列保洁人员{n}名，套取资金{amt}。",
            10_000,
            70_000,
            False,
        ),
        ("村干部在办理宅基地审批过程中收受群众好处费，涉及金额{amt}。", 2_000, 20_000, False),
        ("优亲厚友，将村公益性岗位{n}个安排给村干部亲属。", 0, 0, False),
        ('为群众开具证明时违规收取"工本费"，{y}年累计收取{amt}。', 1_000, 9_000, False),
        (
            "截留挪用上级拨付的村级公益事业奖补资金{amt}，用于弥补招待费支出。",
            20_000,
            120_000,
            False,
        ),
    ),
    "formalism": (
        ("村务公开栏长期未更新，{y}年第三季度后财务收支未按规定公开。", 0, 0, True),
        ("重留痕轻实效，{n}本党建和网格工作台账集中补记，内容照抄照搬。", 0, 0, True),
        ('"263"专项行动整治走过场，{n}处河道垃圾和违建整治后反弹。', 0, 0, False),
        ("人居环境长效管理不到位，保洁考核流于形式，{n}个自然村垃圾乱堆乱放。", 0, 0, False),
        ("上报数据不实，{y}年村级集体经济统计报表虚增经营性收入{amt}。", 20_000, 150_000, False),
    ),
    "conduct": (
        ("村级招待费管理混乱，{y}年招待费支出{amt}，无公务接待清单和审批单。", 8_000, 60_000, True),
        (
            '使用村集体资金购买高档烟酒{n}次，合计{amt}，以"办公用品"名义报销。',
            3_000,
            26_000,
            False,
        ),
        (
            "违规发放节日福利，{y}年春节、中秋以慰问名义向村干部发放购物卡{amt}。",
            4_000,
            30_000,
            False,
        ),
        ('村干部坐班值班制度执行不严，群众反映办事"找人难"，{y}年{n}次未按规定值班。', 0, 0, False),
        ("村干部工作日中午饮酒，经镇纪委提醒谈话后仍未引起重视。", 0, 0, False),
    ),
    "party_organisation": (
        ('"三会一课"制度落实不严格，{y}年党课仅开展{n}次，支委会记录不全。', 0, 0, True),
        ("党员发展程序不规范，{n}名发展对象培养考察期不满一年即吸收为预备党员。", 0, 0, False),
        ("党费收缴不及时，{n}名党员连续6个月以上未交纳党费。", 0, 0, False),
        ("组织生活会批评和自我批评辣味不足，相互批评意见多为希望式表扬。", 0, 0, True),
        ("流动党员管理松散，{n}名外出党员长期未参加组织生活。", 0, 0, False),
        ("党群服务中心功能发挥不足，活动场所长期被挪作仓库使用。", 0, 0, False),
    ),
    "cadres": (
        ('村"两委"班子后备力量不足，35岁以下后备干部仅{n}人，年龄结构老化。', 0, 0, True),
        ('书记、主任"一肩挑"后监督制约不到位，{y}年{n}笔大额支出由书记一人审批。', 0, 0, False),
        ("村务监督委员会履职不到位，{y}年未对村级财务开展过监督检查。", 0, 0, True),
        ("村干部兼职取酬未经审批，{n}名村干部在村办企业兼职领取报酬{amt}。", 10_000, 60_000, False),
        ('村干部近亲属在村"两委"任职未按规定回避，{n}对亲属同在村委任职。', 0, 0, False),
    ),
    "prior_rectification": (
        ('上轮镇党委巡察反馈的"村级财务管理不规范"问题整改不到位，白条入账仍然存在。', 0, 0, False),
        ("上轮巡察整改台账销号后问题反弹，{n}项已销号问题再次出现。", 0, 0, False),
        ("审计指出的{n}项问题未建立整改台账，整改措施停留在纸面。", 0, 0, False),
        ("上轮巡察移交的信访问题办理不到位，{n}件信访件未答复群众。", 0, 0, False),
    ),
    "other": (
        ("村级档案管理混乱，{y}年以前的会计凭证{n}册缺失。", 0, 0, False),
        ('出租房屋安全管理不到位，{n}处出租房存在"三合一"隐患。', 0, 0, False),
        ("村级廉政风险防控机制未建立，关键岗位未排查廉政风险点。", 0, 0, False),
        ("集体经济发展思路不清，村级经营性收入连续{n}年下降。", 0, 0, False),
    ),
}

# The class (findings.catalogue code) a fact is filed under, by the words it holds, per
# matter: the first rule that matches; a fact no rule matches takes the matter's own class
# (the former category of the same code).
FACT_CLASSES = {
    "leadership": (
        ("四议两公开", "decision_rules"),
        ("意识形态", "ideology"),
        ("安全生产", "safety"),
    ),
    "collective_assets": (
        ("白条", "bookkeeping"),
        ("银行卡", "funds_misuse"),
        ("出租", "leasing"),
        ("发包", "leasing"),
        ("租赁", "leasing"),
    ),
    "welfare_funds": (
        ("低保", "subsistence_favouritism"),
        ("去世", "subsidy_fraud"),
        ("延迟发放", "welfare_delay"),
        ("未公示", "welfare_delay"),
    ),
    "land_acquisition": (("征地补偿款", "compensation"), ("流转费", "compensation")),
    "projects": (("招标", "bidding"), ("拆分发包", "bidding")),
    "petty_corruption": (
        ("好处费", "extortion"),
        ("工本费", "extortion"),
        ("虚报冒领", "embezzlement"),
        ("截留挪用", "embezzlement"),
    ),
    "formalism": (("村务公开栏", "openness"), ("人居环境", "environment"), ("河道", "environment")),
    "conduct": (("招待费", "hospitality"), ("烟酒", "hospitality"), ("福利", "hospitality")),
    "party_organisation": (
        ("三会一课", "organisational_life"),
        ("党员发展", "membership"),
        ("流动党员", "membership"),
        ("党费", "party_dues"),
    ),
    "cadres": (
        ("后备", "succession"),
        ("一肩挑", "one_shoulder"),
        ("村务监督委员会", "village_supervision"),
        ("兼职取酬", "recusal"),
        ("近亲属", "recusal"),
    ),
    "prior_rectification": (("反弹", "rebound"), ("审计", "audit_rectification")),
    "other": (
        ("档案", "records"),
        ("出租房", "safety"),
        ("廉政风险", "integrity_risk"),
        ("集体经济发展思路", "collective_economy"),
    ),
}
# Classes whose facts with money involved are suspected offences (涉嫌违纪违法), and those
# that break a rule (违规) whatever the sum; any other fact with money involved is 违规 too,
# the rest 一般问题.
SUSPECTED_CLASSES = {
    "petty_corruption",
    "extortion",
    "embezzlement",
    "subsidy_fraud",
    "compensation",
    "funds_misuse",
}
VIOLATION_CLASSES = {
    "conduct",
    "hospitality",
    "bidding",
    "leasing",
    "recusal",
    "decision_rules",
    "subsistence_favouritism",
    "bookkeeping",
}


def fact_class(matter: str, facts: str) -> str:
    """The class code a fact of ``matter`` is filed under."""
    for words, code in FACT_CLASSES.get(matter, ()):
        if words in facts:
            return code
    return matter


def fact_nature(class_code: str, amount) -> str:
    """The nature (findings.choices.ProblemNature value) of a fact of ``class_code``."""
    if amount and class_code in SUSPECTED_CLASSES:
        return "suspected_offence"
    if amount or class_code in VIOLATION_CLASSES:
        return "violation"
    return "general"


MEASURES = {
    "leadership": "村党组织专题研究，逐项明确责任人和完成时限，镇党委跟踪督办。",
    "collective_assets": '开展集体"三资"清产核资，规范合同和民主程序，追缴应收款项。',
    "welfare_funds": "逐户复核享受对象，清退不符合条件人员并追回资金，公示评定结果。",
    "land_acquisition": "核对补偿台账，限期足额发放到户，补偿方案全程公开。",
    "projects": "对涉及工程开展专项审计，规范招投标和结算程序，建立工程项目台账。",
    "petty_corruption": "追缴违规资金，对相关责任人批评教育，重大问题移交纪检机关。",
    "formalism": "整改公开栏和台账，建立按月公开和长效管理制度，镇党委定期抽查。",
    "conduct": "清退违规款物，建立公务接待清单制度，纳入村干部年度考核。",
    "party_organisation": '严格落实"三会一课"，补齐会议记录，规范发展党员程序。',
    "cadres": "调整充实村两委班子，制定后备干部培养计划，落实履职监督。",
    "prior_rectification": "对上轮问题逐条回头看，重新建账，整改到位后对账销号。",
    "other": "明确专人负责，完善制度并建立台账，定期检查。",
}

TARGETS = (
    "问题整改到位，建立长效机制，群众满意。",
    "限期内完成整改，做到问题清零、资金追回、制度完善。",
    "整改事项全部销号，同类问题不再发生。",
)

# (title, days after feedback) of a long-term item's three stages.
MILESTONE_TITLES = (
    "制定整改方案，明确责任分工",
    "完成阶段整改任务并报镇党委审核",
    "建立长效机制，全面完成整改并申请销号",
)

PROGRESS_TEXTS = (
    "已召开村两委会议专题研究，明确整改责任人和时间表。",
    "已完成问题情况复核，正在按整改方案逐项推进。",
    "整改措施已落实大半，相关制度正在起草。",
    "已完成整改并形成佐证材料，准备申请销号。",
)

IMMEDIATE_EVIDENCE = "巡察期间已立行立改：现场整改完成，附整改前后照片和情况说明（存村档案室）。"
# A problem fixable on the spot that no on-site order covered: fixed once fed back.
IMMEDIATE_AFTER_FEEDBACK = "反馈后立行立改：已整改完成，附整改前后照片和情况说明（存村档案室）。"

CLOSE_REQUEST = "整改任务已全部完成，佐证材料已上传，申请对账销号。"

VERIFICATION_NOTES = {
    "on_site": "现场核验：整改措施落实到位，问题已解决。",
    "documents": "查阅整改佐证材料和会议记录，整改结果属实。",
    "public_assessment": "召开党员群众代表评议会，对整改结果进行满意度测评。",
}

RETURN_REASONS = (
    "佐证材料不全，缺少资金追缴凭证，请补充后重新申请销号。",
    "整改只停留在制度层面，实际问题未解决，退回继续整改。",
    "群众评议满意度偏低，请进一步整改后再申请销号。",
)

FAILED_NOTE = "核验不通过：整改措施未落实到位。"
