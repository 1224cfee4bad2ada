"""The 底稿's fields and three signatures in the demo county.

Each paper gets a title (its first clause), the year of the matter, the responsible
subject its category points at and a 定性依据 from the county's list; the team's
members record, the first deputy (副组长, the commission's) reviews, the leader signs.
In the on-site round some papers still wait: for review, for signature, or back with the
drafter with the deputy's reason.
"""

import datetime

from demo.county.clock import travel
from findings.models import Problem, ProblemBasis
from findings.services.signatures import (
    problem_return,
    problem_review,
    problem_sign,
    problem_submit,
)

# (responsible subject, the rule's title, its article) by category.
SUBJECTS = {
    "leadership": ("村党组织", "中国共产党农村基层组织工作条例", ""),
    "collective_assets": (
        "村党组织书记、村委会主任",
        "中华人民共和国村民委员会组织法",
        "第二十四条",
    ),
    "welfare_funds": ("村委会主任", "中国共产党纪律处分条例", "第九章 对违反群众纪律行为的处分"),
    "land_acquisition": ("村委会", "中华人民共和国村民委员会组织法", "第二十四条"),
    "projects": ("村委会主任", "中华人民共和国村民委员会组织法", "第二十四条"),
    "petty_corruption": ("村会计", "中国共产党纪律处分条例", "第九章 对违反群众纪律行为的处分"),
    "formalism": ("村党组织书记", "中华人民共和国村民委员会组织法", "第三十条"),
    "conduct": ("村党组织书记", "中国共产党纪律处分条例", "第八章 对违反廉洁纪律行为的处分"),
    "party_organisation": ("村党组织", "中国共产党农村基层组织工作条例", ""),
    "cadres": ("村党组织书记", "中国共产党农村基层组织工作条例", ""),
    "prior_rectification": ("村党组织", "中国共产党农村基层组织工作条例", ""),
    "other": ("村委会", "中华人民共和国村民委员会组织法", "第三十条"),
}
RETURN_REASON = "事实部分缺少入户走访核实情况，请补充走访记录并关联后再提交。"


def paper_fields(category: str, facts: str, year: int) -> dict:
    """The fields a paper needs before it is submitted (``problem_record``'s keywords)."""
    post, title, article = SUBJECTS[category]
    basis, _ = ProblemBasis.objects.get_or_create(title=title, article=article)
    first = facts.replace("，", "。").split("。")[0]
    return {
        "title": first[:40],
        "occurred_period": f"{year}年",
        "responsible_post": post,
        "basis_id": basis.pk,
    }


def sign(problem: Problem, *, recorder, deputy, leader, signed_at, stage: str = "signed"):
    """Submit, review and sign ``problem`` on the days before ``signed_at`` (``stage``
    stops it on the way: "draft", "returned", "submitted", "reviewed"); answers it."""
    submitted_at = problem.created_at + datetime.timedelta(minutes=25)
    reviewed_at = signed_at - datetime.timedelta(minutes=20)
    if stage == "draft":
        return problem
    with travel(submitted_at):
        problem = problem_submit(actor=recorder, problem_id=problem.pk)
    if stage == "returned":
        with travel(reviewed_at):
            return problem_return(actor=deputy, problem_id=problem.pk, reason=RETURN_REASON)
    if stage == "submitted":
        return problem
    with travel(reviewed_at):
        problem = problem_review(actor=deputy, problem_id=problem.pk)
    if stage == "reviewed":
        return problem
    with travel(signed_at):
        return problem_sign(actor=leader, problem_id=problem.pk)
