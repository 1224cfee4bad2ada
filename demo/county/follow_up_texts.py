"""The words of the demo's follow-up (issue 19): 督办函 and their replies, 联合督查 findings,
the 整改公开's exemption and the 回头看's verdicts."""

SUPERVISE_REQUIREMENTS = (
    "你村以上整改事项已超过整改时限仍未完成。请村党组织书记切实履行第一责任人职责，"
    "逐项分析滞后原因，明确完成时限和责任人，于回复时限前将整改进展书面报县委巡察办。"
)
REMIND_REQUIREMENTS = (
    "你村以上整改事项即将到期或已经逾期，请抓紧推进，确保按时完成并及时申请销号；"
    "确有困难不能按期完成的，请说明理由并提出新的完成时限。"
)


def reply_text(village: str, count: int) -> str:
    return (
        f"收到函件后，{village}党组织当即召开专题会议，逐项研究函中所列{count}项整改事项，"
        "明确由村党组织书记牵头、“两委”成员分工包干，目前已完成部分整改并补齐佐证材料，"
        "其余事项已制定倒排计划，将于下月底前全部完成并申请销号。"
    )


def finding_text(village: str, facts: str) -> str:
    """``facts``: the paper's facts, whose first clause names the problem."""
    problem = facts.split("，")[0].rstrip("。")
    return (
        f"{village}“{problem}”整改滞后：现场查看整改措施尚未落实到位，"
        "佐证材料不全，督查组当场要求村党组织明确完成时限。"
    )


def inspection_summary(villages: list[str], findings: int) -> str:
    return (
        f"联合督查组深入{'、'.join(villages)}，查阅整改台账和佐证材料，实地查看整改现场，"
        f"与村党组织书记谈话了解整改进展，共发现整改滞后问题{findings}个，"
        "已当场反馈并要求限期整改，列入下一步跟踪督办。"
    )


PRIVACY_NOTE = "涉及困难群众个人信息"

# 回头看: what the team writes of an item it finds done, found back, or done on paper only.
GENUINE_NOTES = (
    "查阅整改台账和佐证材料，走访群众核实，整改措施已落实，未发现反弹。",
    "实地查看整改现场，与村干部和群众代表座谈，整改到位，长效机制已建立。",
    "核对相关账目和会议记录，整改结果与销号材料一致。",
)
# By problem class: a relapse (反弹) the team finds typical of such a problem.
RELAPSED_NOTES = {
    "environment": (
        "回头看实地查看发现，部分自然村垃圾乱堆乱放问题再次出现，保洁考核台账今年以来"
        "未再记录，整改成效未能巩固，出现反弹。"
    ),
    "openness": "回头看发现村务公开栏今年以来又未按季度更新，整改后出现反弹。",
}
RELAPSED_NOTE = "回头看实地查看和走访群众发现，该问题销号后再次出现，整改成效未能巩固，出现反弹。"
# By problem class: a sham (假改) — closed on paper, not in fact.
SHAM_NOTES = {
    "leasing": (
        "销号材料称拖欠租金已全部追缴，核对村集体账户仅到账一部分，其余为承租方出具的"
        "还款承诺书，整改停留在纸面，属假改。"
    ),
    "funds_misuse": (
        "销号材料称资金已转入镇“三资”委托代理账户，核对银行流水发现仍有部分资金"
        "存放在个人账户，属假改。"
    ),
}
SHAM_NOTE = "核对销号材料与实际情况不符，整改仅停留在纸面，属假改。"
