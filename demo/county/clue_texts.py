"""The demo's clue texts: what a clue suspects by its matter's category, how its summary
names the post, the town units a cadre may work in, the reason a transfer is declined."""

from findings.choices import SubjectPost

# What a clue suspects, by the category of the matter it comes from (its source problems
# share that category; a clue from a petition takes the petition's).
SUSPICIONS = {
    "projects": "在村级工程发包和结算中插手干预，涉嫌收受施工方好处费",
    "petty_corruption": "涉嫌虚报冒领、截留挪用集体资金",
    "welfare_funds": "在惠民惠农资金审核发放中优亲厚友，涉嫌违规办理、截留挪用",
    "collective_assets": "在集体资产资源出租发包中违规操作，涉嫌收受好处、造成集体资金流失",
    "land_acquisition": "在征地拆迁补偿中涉嫌为亲友多算面积、截留补偿款",
    "conduct": "涉嫌违规使用集体资金吃喝、发放购物卡",
}
OTHER_SUSPICION = "对下列问题负有直接责任，涉嫌违纪"
DECLINE_REASON = (
    "经研判，反映问题已由镇纪委查结，无新的事实和证据，不予移交，在巡察反馈中一并指出。"
)
# How a summary names the post after the unit ("新市村" + "党组织书记").
SUMMARY_POSTS = {
    SubjectPost.SECRETARY: "党组织书记",
    SubjectPost.DIRECTOR: "村委会主任",
    SubjectPost.ACCOUNTANT: "会计",
    SubjectPost.COMMITTEE_MEMBER: '"两委"委员',
    SubjectPost.SUPERVISION_HEAD: "村务监督委员会主任",
    SubjectPost.TOWN_CADRE: "干部",
    SubjectPost.OTHER: "",
}
TOWN_UNITS = ("农经站", "建设管理服务所", "社会事业局", "财政所")
