"""This app's API resources, registered on the v1 router."""

from rectification.api import (
    accountability,
    issues,
    orders,
    publicity,
    submissions,
    supervision,
    views,
)


def register(router) -> None:
    """Register this app's viewsets on ``router`` (kebab-case plural paths)."""
    router.register("feedback", views.FeedbackViewSet)
    router.register("feedback-batches", views.FeedbackBatchViewSet)
    router.register("round-feedback", views.RoundFeedbackViewSet, basename="round-feedback")
    router.register("rectification-items", views.RectificationItemViewSet)
    router.register("immediate-orders", orders.ImmediateOrderViewSet)
    router.register("feedback-issues", issues.FeedbackIssueViewSet)
    router.register("unit-submissions", submissions.UnitSubmissionViewSet)
    router.register("milestones", views.MilestoneViewSet)
    router.register("progress-updates", views.ProgressUpdateViewSet)
    router.register("verifications", views.VerificationViewSet)
    router.register("alerts", views.AlertViewSet)
    router.register("accountabilities", accountability.AccountabilityViewSet)
    router.register("first-form-measures", accountability.FirstFormMeasureViewSet)
    router.register("evaluations", views.EvaluationViewSet)
    router.register("rectification-publicities", publicity.RectificationPublicityViewSet)
    router.register("look-back-checks", publicity.LookBackCheckViewSet)
    router.register("supervision-letters", supervision.SupervisionLetterViewSet)
    router.register("joint-inspections", supervision.JointInspectionViewSet)
