"""The rectification app's writes: feedback and the ledger, each a workflow action.

Every action follows the steps of ``inspection.workflow`` (scoped lock, rule, state,
inputs, one save with history, side effects on commit).
"""

from rectification.services.accountability import (
    accountability_decide,
    accountability_propose,
    first_form_record,
)
from rectification.services.archive import round_close
from rectification.services.feedback import (
    feedback_batch_give,
    round_give_feedback,
    round_start_rectification,
)
from rectification.services.follow_up import evaluation_record
from rectification.services.items import item_post_progress, item_submit, item_update_plan
from rectification.services.joint_inspections import joint_inspection_record
from rectification.services.look_back import look_back_check
from rectification.services.orders import immediate_order_issue, immediate_order_sign_for
from rectification.services.publicity import (
    publicity_approve,
    publicity_assess,
    publicity_compose,
    publicity_post,
)
from rectification.services.supervision_letters import (
    supervision_letter_issue,
    supervision_letter_reply,
    supervision_letter_sign_for,
)
from rectification.services.town_review import item_town_review
from rectification.services.verification import item_reopen, item_return, item_verify

__all__ = [
    "accountability_decide",
    "accountability_propose",
    "evaluation_record",
    "feedback_batch_give",
    "first_form_record",
    "immediate_order_issue",
    "immediate_order_sign_for",
    "item_post_progress",
    "item_reopen",
    "item_return",
    "item_submit",
    "item_town_review",
    "item_update_plan",
    "item_verify",
    "joint_inspection_record",
    "look_back_check",
    "publicity_approve",
    "publicity_assess",
    "publicity_compose",
    "publicity_post",
    "round_close",
    "round_give_feedback",
    "round_start_rectification",
    "supervision_letter_issue",
    "supervision_letter_reply",
    "supervision_letter_sign_for",
]
