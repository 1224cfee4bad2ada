"""The rectification screens."""

from django.urls import path

from rectification.views import (
    archive,
    batches,
    bundle_import,
    evaluation,
    feedback,
    feedback_issues,
    items,
    joint_inspections,
    ledger,
    ledger_import,
    ledger_item,
    look_back,
    orders,
    publicity,
    submissions,
    supervision_letters,
    town_review,
    verification,
    village_profile,
)

app_name = "rectification"

urlpatterns = [
    # The village profile (村情画像) and the 自画像 / 预画像 of an assignment.
    path("villages/<int:pk>/profile/", village_profile.village_profile, name="village_profile"),
    path(
        "assignments/<int:pk>/portrait/<slug:kind>/",
        village_profile.village_portrait,
        name="village_portrait",
    ),
    # The ledger (整改台账) and an item's page with its actions.
    path("items/", items.item_list, name="item_list"),
    path("items/<int:pk>/", items.item_detail, name="item_detail"),
    # 单机版回传包: the office imports what a team recorded on its standalone copy.
    path("standalone/imports/", bundle_import.bundle_import_page, name="bundle_import"),
    path(
        "standalone/imports/confirm/",
        bundle_import.bundle_import_confirm,
        name="bundle_import_confirm",
    ),
    path(
        "standalone/imports/cancel/",
        bundle_import.bundle_import_cancel,
        name="bundle_import_cancel",
    ),
    # 台账导入: a county adopting mid-term brings its past ledger in (the office's).
    path("items/import/", ledger_import.ledger_import_page, name="ledger_import"),
    path(
        "items/import/confirm/",
        ledger_import.ledger_import_confirm,
        name="ledger_import_confirm",
    ),
    path("items/import/cancel/", ledger_import.ledger_import_cancel, name="ledger_import_cancel"),
    path(
        "items/import/template/",
        ledger_import.ledger_import_template,
        name="ledger_import_template",
    ),
    path("items/<int:pk>/plan/", items.item_plan, name="item_plan"),
    path("items/<int:pk>/progress/", items.item_progress, name="item_progress"),
    path("items/<int:pk>/submit/", items.item_submit_view, name="item_submit"),
    path("items/<int:pk>/reopen/", items.item_reopen_view, name="item_reopen"),
    path("items/<int:pk>/accountability/", items.item_accountability, name="item_accountability"),
    # The office's verification (整改核验).
    path("verification/", verification.verification_queue, name="verification_queue"),
    path("items/<int:pk>/verify/", verification.item_verify_view, name="item_verify"),
    path("items/<int:pk>/return/", verification.item_return_view, name="item_return"),
    # 乡镇初审: the town's first review of its villages' requests for closing.
    path("town-review/", town_review.town_review_queue, name="town_review_queue"),
    path("items/<int:pk>/town-review/", town_review.item_town_review_view, name="item_town_review"),
    # The round's feedback (巡察反馈) and the start of rectification.
    path("rounds/<int:pk>/feedback/", batches.round_feedback, name="round_feedback"),
    path("feedback-batches/<int:pk>/", batches.feedback_batch_detail, name="feedback_batch_detail"),
    path(
        "rounds/<int:pk>/start-rectification/",
        feedback.round_rectification_start,
        name="round_start_rectification",
    ),
    # The round's archive (立卷归档), its volumes' download, and closing the round (归档).
    path("rounds/<int:pk>/archive/", archive.round_archive, name="round_archive"),
    path("rounds/<int:pk>/archive/download/", archive.archive_download, name="archive_download"),
    path(
        "rounds/<int:pk>/archive/<int:assignment>/download/",
        archive.archive_download,
        name="archive_volume_download",
    ),
    path("rounds/<int:pk>/close/", archive.round_close_view, name="round_close"),
    # 反馈问题: an assignment's numbered issues, prepared before feedback.
    path(
        "assignments/<int:pk>/feedback-issues/",
        feedback_issues.feedback_issues,
        name="feedback_issues",
    ),
    path(
        "assignments/<int:pk>/feedback-issues/edit/",
        feedback_issues.feedback_issues_edit,
        name="feedback_issues_edit",
    ),
    # 巡中立行立改: on-site orders, their 签收 and the team's verification on site.
    path("orders/", orders.order_list, name="order_list"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("orders/<int:pk>/sign-for/", orders.order_sign_for, name="order_sign_for"),
    path("orders/items/<int:pk>/verify/", orders.order_item_verify, name="order_item_verify"),
    path("orders/assignments/<int:pk>/", orders.assignment_orders, name="assignment_orders"),
    # The rectification officer's own ledger (三清单) and item page, phone first.
    path("ledger/", ledger.ledger, name="ledger"),
    path("ledger/tasks/", ledger.ledger_tasks, name="ledger_tasks"),
    path(
        "ledger/responsibilities/",
        ledger.ledger_responsibilities,
        name="ledger_responsibilities",
    ),
    path("ledger/items/<int:pk>/", ledger_item.ledger_item, name="ledger_item"),
    path("ledger/items/<int:pk>/progress/", ledger_item.ledger_progress, name="ledger_progress"),
    path("ledger/items/<int:pk>/submit/", ledger_item.ledger_submit, name="ledger_submit"),
    path("ledger/items/<int:pk>/plan/", ledger_item.ledger_plan, name="ledger_plan"),
    # 整改方案 and the two reports: the unit uploads, the town reviews first, the office.
    path("plans/", submissions.submission_feedback_list, name="submission_feedback_list"),
    path("plans/feedback/<int:pk>/", submissions.submission_feedback, name="submission_feedback"),
    path(
        "plans/feedback/<int:pk>/upload/",
        submissions.submission_upload_view,
        name="submission_upload",
    ),
    path("plans/town-review/", submissions.submission_town_queue, name="submission_town_queue"),
    path(
        "plans/office-review/",
        submissions.submission_office_queue,
        name="submission_office_queue",
    ),
    path(
        "plans/submissions/<int:pk>/town-review/",
        submissions.submission_town_review_view,
        name="submission_town_review",
    ),
    path(
        "plans/submissions/<int:pk>/office-review/",
        submissions.submission_office_review_view,
        name="submission_office_review",
    ),
    # 回头看: the look-back team's workbench over a village's previous items.
    path("assignments/<int:pk>/look-back/", look_back.look_back_workbench, name="look_back"),
    # 整改公开: the 公开稿, its approval, posting and 群众评议.
    path("assignments/<int:pk>/publicity/", publicity.publicity_page, name="publicity"),
    path(
        "assignments/<int:pk>/publicity/compose/",
        publicity.publicity_compose_view,
        name="publicity_compose",
    ),
    path(
        "assignments/<int:pk>/publicity/approve/",
        publicity.publicity_approve_view,
        name="publicity_approve",
    ),
    path(
        "assignments/<int:pk>/publicity/post/", publicity.publicity_post_view, name="publicity_post"
    ),
    path(
        "assignments/<int:pk>/publicity/assess/",
        publicity.publicity_assess_view,
        name="publicity_assess",
    ),
    # 整改监督: the supervisor's desk, 督办函 / 提示函 and 联合督查.
    path("supervision/", joint_inspections.supervision_home, name="supervision_home"),
    path(
        "supervision-letters/",
        supervision_letters.letter_list,
        name="supervision_letter_list",
    ),
    path(
        "supervision-letters/<int:pk>/",
        supervision_letters.letter_detail,
        name="supervision_letter_detail",
    ),
    path(
        "supervision-letters/<int:pk>/sign-for/",
        supervision_letters.letter_sign_for,
        name="supervision_letter_sign_for",
    ),
    path(
        "supervision-letters/<int:pk>/reply/",
        supervision_letters.letter_reply,
        name="supervision_letter_reply",
    ),
    path(
        "assignments/<int:pk>/supervision-letters/new/",
        supervision_letters.letter_new,
        name="supervision_letter_new",
    ),
    path(
        "joint-inspections/",
        joint_inspections.joint_inspection_list,
        name="joint_inspection_list",
    ),
    path(
        "joint-inspections/new/",
        joint_inspections.joint_inspection_new,
        name="joint_inspection_new",
    ),
    path(
        "joint-inspections/<int:pk>/",
        joint_inspections.joint_inspection_detail,
        name="joint_inspection_detail",
    ),
    # 四个一批 (评估表) and 问责 (提请 → 决定, 第一种形态), per organisation and per round.
    path(
        "assignments/<int:pk>/evaluation/",
        evaluation.assignment_evaluation,
        name="assignment_evaluation",
    ),
    path(
        "assignments/<int:pk>/evaluation/judge/",
        evaluation.evaluation_judge,
        name="evaluation_judge",
    ),
    path(
        "assignments/<int:pk>/evaluation/propose/",
        evaluation.evaluation_propose,
        name="evaluation_propose",
    ),
    path(
        "assignments/<int:pk>/evaluation/first-form/",
        evaluation.evaluation_first_form,
        name="evaluation_first_form",
    ),
    path("accountability/<int:pk>/decide/", evaluation.proposal_decide, name="proposal_decide"),
    path("rounds/<int:pk>/evaluations/", evaluation.round_evaluations, name="round_evaluations"),
]
