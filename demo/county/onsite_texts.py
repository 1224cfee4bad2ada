"""Chinese text pools for interviews, activities and petitions."""

from rounds.choices import ActivityKind, IntervieweeCategory

Cat = IntervieweeCategory

OUTLINES = {
    Cat.VETERAN_PARTY_MEMBER: "1.对村党组织和书记的评价；2.三会一课和组织生活情况；"
    "3.党员发展是否公平公正；4.群众反映强烈的问题。",
    Cat.RETIRED_TEACHER: "1.村风民风和群众关心的热点；2.村务公开和民主决策情况；"
    "3.对村干部作风的看法。",
    Cat.RETIRED_CADRE: '1.上轮巡察整改情况；2.集体"三资"和工程项目的历史情况；'
    "3.两委班子团结和干事情况。",
    Cat.ENTREPRENEUR: "1.营商环境和村干部服务情况；2.厂房租赁、土地流转是否规范；"
    "3.有无吃拿卡要、插手工程等问题。",
    Cat.VILLAGE_COMMITTEE: '1.分管工作情况；2.村级财务收支和"四议两公开"；'
    "3.班子存在的问题及自身廉洁情况。",
    Cat.SUPERVISION_COMMITTEE: "1.村务监督委员会履职情况；2.对村级财务、工程的监督；"
    "3.发现问题的处理情况。",
    Cat.VILLAGER: "1.惠民政策落实情况；2.对村干部的评价；3.急难愁盼问题。",
    Cat.OTHER: "1.本人了解的村级事务情况；2.对巡察工作的意见建议。",
}

RECORDS = (
    "谈话对象总体评价村两委班子较团结，但对村务公开和工程项目管理有意见。",
    "谈话对象反映近年村里变化较大，同时提出集体资产租赁不够透明。",
    "谈话对象对低保评定和补贴发放情况不太了解，建议加强政策宣传。",
    "谈话对象认为村干部服务意识有所提高，但个别干部办事拖拉。",
    "谈话对象对巡察工作表示支持，愿意配合提供相关情况。",
)

COMPLAINTS = (
    "反映村集体厂房出租价格偏低，合同不公开。",
    "反映低保评定不公开，有人情保。",
    "反映村里修路工程由村干部亲戚承包。",
    "反映村务公开栏长期不更新。",
    "反映党员大会召开次数少，走过场。",
    "反映村干部办事要请吃饭。",
    "反映征地补偿款迟迟不到位。",
    "反映耕地补贴发放名单有问题。",
)

COMPANY_NAMES = ("恒鑫", "华盛", "永达", "宏远", "金泰", "博创", "天成", "佳禾", "瑞丰", "新力")
COMPANY_INDUSTRIES = ("机械", "纺织", "塑业", "电子", "建材", "农业科技", "物流", "五金")

ACTIVITY_TOPICS = {
    ActivityKind.QUESTIONNAIRE: ("群众满意度及村务公开情况问卷调查",),
    ActivityKind.SYMPOSIUM: (
        '村"两委"班子成员座谈会',
        "老党员、村民代表座谈会",
        "村务监督委员会成员座谈会",
        "驻村企业负责人座谈会",
    ),
    ActivityKind.RESEARCH: (
        "美丽乡村建设专题调研",
        '"263"专项行动开展情况调研',
        "阳光扶贫工作调研",
        '"三资三化"管理调研',
        "土地确权颁证情况调研",
        "村庄长效管理调研",
        "村级集体经济发展调研",
    ),
    ActivityKind.DOCUMENT_REVIEW: (
        "查阅会计凭证、合同台账和两委会议记录",
        "查阅低保、补贴发放名册和公示材料",
        "查阅工程项目招投标和结算档案",
    ),
    ActivityKind.NIGHT_VISIT: ("驻村夜访群众，了解村干部作风和群众诉求",),
    ActivityKind.HOUSEHOLD_VISIT: ("入户走访群众，听取对村两委班子的意见建议",),
    ActivityKind.POOR_HOUSEHOLD_VISIT: ("走访脱贫户、困难户，核对帮扶政策落实和补助发放",),
}

# Petitions by what they became. To problem: (content, problem category).
PETITIONS_TO_PROBLEM = (
    ("反映村里低保评定不公开，有的家庭开着轿车还吃低保。", "welfare_funds"),
    ("反映村集体厂房租给村干部亲戚，租金多年没涨。", "collective_assets"),
    ("反映村务公开栏一年多没有更新，群众看不到账目。", "formalism"),
    ("反映村里修路的工程没有招标，质量差，才一年就坏了。", "projects"),
    ("反映拆迁补偿款迟迟没有发到位。", "land_acquisition"),
    ("反映村干部给群众开证明要收费。", "petty_corruption"),
    ("反映村干部上班时间经常找不到人。", "conduct"),
    ("反映耕地地力保护补贴发给了已经去世的人。", "welfare_funds"),
)

# Become clues: (content, the matter's problem category, the post of the person concerned).
PETITIONS_TO_CLUE = (
    ("反映村党组织书记在厂房出租中收受承租方好处费。", "collective_assets", "secretary"),
    ("反映村会计虚列保洁员名单，套取工资。", "petty_corruption", "accountant"),
    ("反映村委会主任为亲属违规办理低保并多领补助。", "welfare_funds", "director"),
    ("反映村干部在征地拆迁中给自家亲戚多算面积。", "land_acquisition", "committee_member"),
    ("反映镇干部在村级工程审计中收受施工方好处。", "projects", "town_cadre"),
)

# Referred: (content, department).
PETITIONS_REFERRED = (
    ("反映村口道路破损多年无人维修。", "县交通运输局"),
    ("反映医保报销手续繁琐，跑了多次未办成。", "县医疗保障局"),
    ("反映宅基地审批时间太长。", "县自然资源和规划局"),
    ("反映企业拖欠农民工工资。", "县人力资源和社会保障局"),
    ("反映河道污染、企业夜间偷排废水。", "县生态环境局"),
)

PETITIONS_NO_ACTION = (
    "反映与邻居的宅基地边界纠纷，已经人民法院判决生效。",
    "反映二十年前的土地承包问题，已多次答复，无新的情况。",
    "咨询低保申请条件。",
    "反映内容不具体，无法核实。",
)

DISPOSITION_NOTES = {
    "to_problem": "经核实，反映问题基本属实，已列入发现问题。",
    "to_clue": "反映问题具体、可查，已形成问题线索报巡察办审批。",
    "referred": "属职能部门职责范围，已转交办理并跟踪办理结果。",
    "no_action": "不属于巡察监督范围或已依法处理，已向反映人解释说明。",
}
