"""Send once on the officer's ledger: the progress form's token is stored on the update it
saved (a unique column), so the form sent again — at the same moment, after a lost answer,
after signing in again — is answered with that update and its evidence, never saved twice;
a form without a token is refused (the team's forms do the same: tests/findings)."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspection.errors import ApplicationError
from rectification.choices import ItemStatus
from rectification.models import ProgressEvidence, ProgressUpdate
from rectification.services import item_post_progress
from rounds.choices import RoundStatus
from tests.simultaneous import post_at_once
from tests.world import build_world

SENDINGS = 8


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("整改会议记录.pdf", b"%PDF-1.4 minutes", "application/pdf")


def progress_form(token, **extra) -> dict:
    return {"text": "已召开村民代表会议，重新表决。", "percent": "60", "submission": token, **extra}


def progress_url(item) -> str:
    return reverse("rectification:ledger_progress", args=[item.pk])


def item_url(item) -> str:
    return reverse("rectification:ledger_item", args=[item.pk])


@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_sendings_of_one_progress_form_save_one_update(on_postgres):
    """Eight requests with one token and a file each, on their own connections, released
    together: one update with one evidence file is saved, and every request answers it
    (a redirect to the item's page)."""
    world = build_world(round_status=RoundStatus.RECTIFICATION)
    item = world.item(status=ItemStatus.PENDING)
    token = uuid.uuid4().hex
    answers = post_at_once(
        world.officer_a,
        progress_url(item),
        lambda: progress_form(token, evidence=[pdf()]),
        SENDINGS,
    )

    assert len(answers) == SENDINGS
    assert [getattr(answer, "status_code", answer) for answer in answers] == [302] * SENDINGS
    assert {answer.url for answer in answers} == {item_url(item)}
    (update,) = ProgressUpdate.objects.filter(item=item)
    assert (update.submission_token, update.author) == (token, world.officer_a)
    assert ProgressEvidence.objects.filter(update__item=item).count() == 1
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    assert item.history.count() == 2  # created, then put in progress once


@pytest.mark.django_db
def test_progress_sent_again_after_signing_in_again_is_not_saved_twice(client, world):
    item = world.item(status=ItemStatus.PENDING)
    data = progress_form(uuid.uuid4().hex)
    client.force_login(world.officer_a)
    assert client.post(progress_url(item), {**data, "evidence": [pdf()]}).status_code == 302
    client.logout()
    client.force_login(world.officer_a)  # a new session remembers nothing
    again = client.post(progress_url(item), {**data, "evidence": [pdf()]})
    assert again.status_code == 302
    assert again.url == item_url(item)
    assert ProgressUpdate.objects.filter(item=item).count() == 1
    assert ProgressEvidence.objects.filter(update__item=item).count() == 1
    assert "这条记录已经保存过，没有重复登记" in client.get(again.url).content.decode()


@pytest.mark.django_db
def test_a_resend_after_asking_for_closing_is_answered_not_refused(client, world):
    """The answer was lost, the officer asked for closing meanwhile from another page:
    the resend is the update already saved, not a refusal to post progress."""
    item = world.item(status=ItemStatus.PENDING)
    data = progress_form(uuid.uuid4().hex, evidence=[pdf()])
    client.force_login(world.officer_a)
    assert client.post(progress_url(item), data).status_code == 302
    submit_url = reverse("rectification:ledger_submit", args=[item.pk])
    assert client.post(submit_url).status_code == 302
    again = client.post(progress_url(item), progress_form(data["submission"]))
    assert again.status_code == 302
    assert ProgressUpdate.objects.filter(item=item).count() == 1
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "abc", "x" * 65, "0f3c5a4e9b2d4c7e<script>"])
def test_progress_without_a_valid_token_is_refused_and_offers_the_items_page(client, world, token):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    client.force_login(world.officer_a)
    data = progress_form(token)
    if not token:
        del data["submission"]
    page = client.post(progress_url(item), data)
    assert page.status_code == 200
    text = page.content.decode()
    assert "缺少有效的提交标识" in text
    assert "重新载入本页" in text
    # The progress URL takes only posts: the fresh page is the item's.
    assert f'href="{item_url(item)}#progress"' in text
    assert not ProgressUpdate.objects.filter(item=item).exists()


@pytest.mark.django_db
def test_another_officers_token_is_refused_not_answered(client, world):
    own = world.item(status=ItemStatus.IN_PROGRESS)
    other = world.item(status=ItemStatus.IN_PROGRESS, assignment=world.assignment_b)
    token = uuid.uuid4().hex
    client.force_login(world.officer_a)
    assert client.post(progress_url(own), progress_form(token)).status_code == 302
    client.force_login(world.officer_b)
    page = client.post(progress_url(other), progress_form(token))
    assert page.status_code == 200
    assert "提交标识已被使用" in page.content.decode()
    assert not ProgressUpdate.objects.filter(item=other).exists()
    assert ProgressUpdate.objects.get(submission_token=token).author == world.officer_a


@pytest.mark.django_db
def test_the_page_carries_a_fresh_token_for_each_update(client, world):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    client.force_login(world.officer_a)
    first = client.get(item_url(item)).context["progress_form"]["submission"].value()
    second = client.get(item_url(item)).context["progress_form"]["submission"].value()
    assert first and second and first != second
    for token in (first, second):
        assert client.post(progress_url(item), progress_form(token)).status_code == 302
    assert ProgressUpdate.objects.filter(item=item).count() == 2


@pytest.mark.django_db
def test_the_service_answers_a_token_it_saved_and_the_api_needs_none(world):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    fields = {"actor": world.officer_a, "item_id": item.pk, "text": "推进中", "percent": 50}
    first = item_post_progress(**fields, submission_token="a" * 32)
    assert item_post_progress(**fields, submission_token="a" * 32) == first
    with pytest.raises(ApplicationError, match="提交标识已被使用"):
        item_post_progress(**{**fields, "actor": world.office}, submission_token="a" * 32)
    untokened = [item_post_progress(**fields), item_post_progress(**fields)]
    assert all(update.submission_token is None for update in untokened)
    assert ProgressUpdate.objects.filter(item=item).count() == 3
