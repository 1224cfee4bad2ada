"""Builders for the supervision tests: red and yellow items, letters, inspections."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rectification.services import joint_inspection_record, supervision_letter_issue
from rectification.supervision_choices import LetterKind


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _item(world, deadline, facts, extra):
    item = world.item(deadline=deadline, **extra)
    if facts:
        item.problem.facts = facts
        item.problem.save(update_fields=["facts"])
    return item


def red_item(world, facts="", **extra):
    """An item (of 甲一村 unless ``assignment`` says) three days overdue."""
    return _item(world, days(-3), facts, extra)


def yellow_item(world, facts="", **extra):
    """An item of 甲一村 due tomorrow (within the yellow window)."""
    return _item(world, days(1), facts, extra)


def green_item(world, facts="", **extra):
    """An item of 甲一村 due in half a year: no colour."""
    return _item(world, days(180), facts, extra)


def letter(world, *items, kind=LetterKind.SUPERVISE, requirements=""):
    items = items or (red_item(world),)
    return supervision_letter_issue(
        actor=world.office,
        assignment_id=world.assignment_a.pk,
        kind=kind,
        item_ids=[item.pk for item in items],
        requirements=requirements,
    )


def reply_pdf(name="回复.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 reply", content_type="application/pdf")


def inspection(world, actor=None, *, village=None, findings=(), **extra):
    actor = actor or world.office
    values = {
        "inspected_on": timezone.localdate(),
        "village_ids": [(village or world.assignment_a.village).pk],
        "office_members": "王巡",
        "commission_members": "李纪",
        "organisation_members": "赵组",
        "findings": findings or [{"text": "台账佐证材料不全。"}],
    }
    return joint_inspection_record(actor=actor, **values | extra)
