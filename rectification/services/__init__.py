"""The rectification app's writes: feedback and the ledger, each a workflow action.

Every action follows the steps of ``inspection.workflow`` (scoped lock, rule, state,
inputs, one save with history, side effects on commit).
"""

from rectification.services.accountability import (
    accountability_decide,
    accountability_propose,
    first_form_record,
)
from rectification.services.feedback import (
    feedback_batch_give,
    feedback_record_plan,
    feedback_record_report,
    round_give_feedback,
    round_start_rectification,
)
from rectification.services.follow_up import evaluation_record
from rectification.services.items import item_post_progress, item_submit, item_update_plan
from rectification.services.orders import immediate_order_issue, immediate_order_sign_for
from rectification.services.verification import item_reopen, item_return, item_verify

__all__ = [
    "accountability_decide",
    "accountability_propose",
    "evaluation_record",
    "feedback_batch_give",
    "feedback_record_plan",
    "feedback_record_report",
    "first_form_record",
    "immediate_order_issue",
    "immediate_order_sign_for",
    "item_post_progress",
    "item_reopen",
    "item_return",
    "item_submit",
    "item_update_plan",
    "item_verify",
    "round_give_feedback",
    "round_start_rectification",
]
