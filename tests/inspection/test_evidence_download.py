"""Evidence files are read only through /evidence/<kind>/<id>/ (and its API twin): to whoever
may see the record they belong to, each download logged; everyone else gets the record's
own 404 and not one byte of the file."""

from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from rest_framework.test import APIClient

from findings.choices import ClueStatus
from findings.models import ClueEvidence, ProblemEvidence
from inspection.models import AccessLog
from inspection.services import api_token_issue
from rectification.models import (
    ProgressEvidence,
    ProgressUpdate,
    Verification,
    VerificationEvidence,
)
from tests.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

# The team, the unit, and who reads its rectification: its town's reviewer and supervisor.
ITEM_READERS = {
    *("office", "lead", "leadership", "leader_a", "member_a", "officer_a"),
    *("reviewer_a", "supervisor_a"),
}
# kind → the personas docs/DOMAIN.md lets see the record (everyone else is refused)
ALLOWED = {
    "problem": ITEM_READERS,
    # Leadership reads clues with the persons concerned masked, and without their evidence.
    "clue": {"office", "lead", "leader_a", "member_a", "liaison"},
    "progress": ITEM_READERS,
    "verification": ITEM_READERS,
    "feedback-letter": ITEM_READERS,
}
CASES = [(kind, persona) for kind in ALLOWED for persona in PERSONAS]


def secret(kind: str) -> bytes:
    return b"%PDF-1.7 " + f"secret of {kind}".encode() + b" \xe8\xb5\xb5\xe5\xbe\xb7\xe6\x98\x8e"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def files(world):
    """One file of each kind in town A: a fed-back problem and its ledger item with a
    progress update and a verification, a clue transferred to the commission, the
    feedback letter. Answers kind → the record whose file it is."""
    item = world.item()
    update = ProgressUpdate.objects.create(
        item=item, text="已整改。", percent=100, author=world.officer_a
    )
    verification = Verification.objects.create(
        item=item, method="on_site", result="passed", verifier=world.office
    )
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    feedback = world.feedback()

    def attach(model, kind, **parent):
        return model.objects.create(
            file=ContentFile(secret(kind), name="upload.pdf"),
            original_name=f'{kind} 材料 "引号".pdf',
            uploaded_by=world.office,
            **parent,
        )

    feedback.letter_file.save("反馈意见书.pdf", ContentFile(secret("feedback-letter")))
    return {
        "problem": attach(ProblemEvidence, "problem", problem=item.problem),
        "clue": attach(ClueEvidence, "clue", clue=clue),
        "progress": attach(ProgressEvidence, "progress", update=update),
        "verification": attach(VerificationEvidence, "verification", verification=verification),
        "feedback-letter": feedback,
    }


def signed_in(client, user):
    client.force_login(user)
    return client


def url(kind, obj) -> str:
    return reverse("inspection:evidence_download", args=[kind, obj.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(("kind", "persona"), CASES)
def test_the_file_goes_to_who_may_see_its_record_and_to_no_one_else(
    client, world, files, kind, persona
):
    user = getattr(world, persona)
    obj = files[kind]
    logged = AccessLog.objects.count()
    answer = signed_in(client, user).get(url(kind, obj))
    if persona in ALLOWED[kind]:
        assert answer.status_code == 200
        assert body(answer) == secret(kind)
        row = AccessLog.objects.get(pk__gt=0, action="view", user=user)
        assert (row.object_type, row.object_id) == (obj._meta.label_lower, str(obj.pk))
        assert row.ip_address == "127.0.0.1"
    else:
        assert answer.status_code == 404
        assert secret(kind) not in body(answer)
        refused = AccessLog.objects.filter(action="refused", user=user)
        assert AccessLog.objects.filter(action="view").count() == 0
        # Clue evidence is confidential: the refused attempt is on record.
        assert refused.count() == (1 if kind == "clue" else 0)
        assert AccessLog.objects.count() == logged + refused.count()


def test_headers_make_it_a_download_never_sniffed_nor_cached(client, world, files):
    answer = signed_in(client, world.office).get(url("clue", files["clue"]))
    assert answer["Content-Type"] == "application/pdf"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Cache-Control"] == "private, no-store"
    disposition = answer["Content-Disposition"]
    assert disposition.startswith('attachment; filename="evidence-clue-')
    assert disposition.endswith("filename*=UTF-8''" + quote('clue 材料 "引号".pdf', safe=""))
    assert "\n" not in disposition and '"引号"' not in disposition
    assert int(answer["Content-Length"]) == len(secret("clue"))


def test_anonymous_users_are_sent_to_sign_in_and_nothing_is_served(client, files):
    path = url("problem", files["problem"])
    answer = client.get(path)
    assert answer.status_code == 302
    assert answer["Location"] == f"{reverse('inspection:login')}?next={quote(path)}"
    assert not AccessLog.objects.exists()


def test_media_url_serves_nothing(client, world, files, media_root):
    stored = files["problem"].file.name
    assert (media_root / stored).read_bytes() == secret("problem")
    signed_in(client, world.office)
    assert client.get(f"/media/{stored}").status_code == 404


@pytest.mark.parametrize("path", ["/evidence/nothing/1/", "/evidence/clue/99999999/"])
def test_unknown_kinds_and_ids_are_not_found(client, world, files, path):
    assert signed_in(client, world.office).get(path).status_code == 404


def test_a_file_gone_from_the_disk_is_not_found_and_not_logged_as_read(
    client, world, files, media_root
):
    (media_root / files["progress"].file.name).unlink()
    answer = signed_in(client, world.officer_a).get(url("progress", files["progress"]))
    assert answer.status_code == 404
    assert not AccessLog.objects.filter(action="view").exists()


def test_a_download_costs_a_bounded_number_of_queries(
    client, world, files, django_assert_max_num_queries
):
    signed_in(client, world.member_a)
    with django_assert_max_num_queries(6):
        answer = client.get(url("clue", files["clue"]))
    assert answer.status_code == 200
    body(answer)


# ------------------------------------------------------------------------------ the API


def bearer(world, persona) -> APIClient:
    user = getattr(world, persona)
    # A person issues their own token; a statistics client's comes from the office.
    issuer = world.office if persona == "stats" else user
    _, key = api_token_issue(actor=issuer, user_id=user.pk, name="证据下载")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def api_url(kind, obj) -> str:
    return f"/api/v1/evidence/{kind}/{obj.pk}/"


def test_the_api_serves_the_file_to_a_token_of_a_role_that_sees_the_record(world, files):
    answer = bearer(world, "liaison").get(
        api_url("clue", files["clue"]), HTTP_ACCEPT="application/json"
    )
    assert answer.status_code == 200
    assert body(answer) == secret("clue")
    assert AccessLog.objects.filter(action="view", user=world.liaison).count() == 1


@pytest.mark.parametrize(
    ("persona", "status"), [("leadership", 404), ("officer_a", 404), ("stats", 403)]
)
def test_the_api_refuses_the_others(world, files, persona, status):
    answer = bearer(world, persona).get(api_url("clue", files["clue"]))
    assert answer.status_code == status
    assert secret("clue") not in answer.content
    assert "detail" in answer.json()


def test_the_api_refuses_anonymous_clients(files):
    assert APIClient().get(api_url("problem", files["problem"])).status_code == 401


def test_records_in_the_api_link_their_files_to_the_download(world, files):
    client = bearer(world, "office")
    problem = client.get(f"/api/v1/problems/{files['problem'].problem_id}/").json()
    link = problem["evidence"][0]["download_url"]
    assert link == f"http://testserver{api_url('problem', files['problem'])}"
    assert body(client.get(link)) == secret("problem")
    item = client.get(f"/api/v1/rectification-items/{files['progress'].update.item_id}/").json()
    evidence = item["progress_updates"][0]["evidence"][0]
    assert evidence["file"] == evidence["download_url"]
    assert evidence["download_url"].endswith(api_url("progress", files["progress"]))


# ----------------------------------------------------------------------------- the pages


def test_record_pages_link_each_file_to_the_download(client, world, files):
    signed_in(client, world.office)
    problem = files["problem"].problem
    page = client.get(reverse("findings:problem_detail", args=[problem.pk])).content.decode()
    assert f'href="{url("problem", files["problem"])}"' in page
    assert "/media/" not in page
    clue_page = client.get(reverse("findings:clue_detail", args=[files["clue"].clue_id]))
    assert f'href="{url("clue", files["clue"])}"' in clue_page.content.decode()


def test_leadership_sees_no_link_to_clue_evidence(client, world, files):
    signed_in(client, world.leadership)
    page = client.get(reverse("findings:clue_detail", args=[files["clue"].clue_id]))
    assert page.status_code == 200
    assert url("clue", files["clue"]) not in page.content.decode()


def test_the_officers_ledger_page_links_the_progress_files(client, world, files):
    signed_in(client, world.officer_a)
    item_id = files["progress"].update.item_id
    page = client.get(reverse("rectification:ledger_item", args=[item_id])).content.decode()
    assert f'href="{url("progress", files["progress"])}"' in page
