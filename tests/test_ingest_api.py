"""POST /api/ingest/ and GET /api/ingest/{id}/, and the ingest page with its htmx progress."""

import json
from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from articles.models import Article, IngestJob

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو لن تتدخل في الشؤون الداخلية لكازاخستان."


@pytest.fixture
def analyst(django_user_model):
    user = django_user_model.objects.create_user("analyst", password="pw-analyst-1")
    user.groups.add(Group.objects.get_or_create(name="analysts")[0])
    return user


@pytest.fixture
def api(analyst):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=analyst).key}")
    return client


def test_an_analyst_queues_articles_and_follows_the_job(api, loaded_catalogue):
    response = api.post(
        "/api/ingest/",
        {"articles": [{"text": TEXT, "file": "a.txt", "source": "Outlet", "published": "2022-01-07"}]},
        format="json",
    )
    assert response.status_code == 202
    job = response.json()
    assert job["url"].endswith(f"/api/ingest/{job['id']}/")
    followed = api.get(f"/api/ingest/{job['id']}/").json()
    assert followed["status"] == "done"
    assert followed["counts"]["new"] == 1
    assert followed["items"][0]["outcome"] == "new"
    assert followed["created_by"] == "analyst"
    assert Article.objects.get().published.isoformat() == "2022-01-07"


def test_files_are_uploaded_with_their_outlet_and_a_bad_one_is_reported(api, loaded_catalogue):
    good = SimpleUploadedFile("a.txt", TEXT.encode("windows-1256"))
    bad = SimpleUploadedFile("b.txt", b"\x00\x01\x02binary")
    response = api.post("/api/ingest/", {"files": [good, bad], "source": "Outlet U"}, format="multipart")
    assert response.status_code == 202
    counts = response.json()["counts"]
    assert (counts["new"], counts["failed"]) == (1, 1)
    assert "binary file" in response.json()["items"][1]["error"]
    assert Article.objects.get().source.name == "Outlet U"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "urls"),
        ({"urls": ["not a url"]}, "urls"),
        ({"articles": [{"text": TEXT, "published": "10/01/2022"}]}, "articles"),
        ({"articles": [{"text": TEXT, "language": "french"}]}, "articles"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, body, field):
    response = api.post("/api/ingest/", body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    # A nested field is named by its path: `urls.0`, `articles.0.published`.
    assert [k for k in error["fields"] if k == field or k.startswith(f"{field}.")], error["fields"]
    assert IngestJob.objects.count() == 0


def test_anonymous_users_and_non_analysts_cannot_ingest(django_user_model):
    anonymous = APIClient().post("/api/ingest/", {"urls": ["https://example.org/a"]}, format="json")
    assert anonymous.status_code == 401
    assert "error" in anonymous.json()
    reader = django_user_model.objects.create_user("reader")
    client = APIClient()
    client.force_authenticate(reader)
    assert client.post("/api/ingest/", {"urls": ["https://example.org/a"]}, format="json").status_code == 403
    assert client.get("/api/ingest/1/").status_code == 403


def test_analysts_follow_each_other_s_jobs_and_nobody_else_does(api, loaded_catalogue, django_user_model):
    # Decided: analysts are one desk working on one corpus of public articles; a job holds nothing
    # private (addresses, outlets, outcomes), so any analyst may follow any job (a handover), while
    # the ingest page lists one's own. Readers who are not analysts see none.
    job = api.post("/api/ingest/", {"articles": [{"text": TEXT, "source": "Outlet"}]}, format="json").json()
    colleague = django_user_model.objects.create_user("colleague")
    colleague.groups.add(Group.objects.get(name="analysts"))
    other = APIClient()
    other.force_authenticate(colleague)
    assert other.get(f"/api/ingest/{job['id']}/").json()["created_by"] == "analyst"
    reader = APIClient()
    reader.force_authenticate(django_user_model.objects.create_user("reader"))
    assert reader.get(f"/api/ingest/{job['id']}/").status_code == 403
    assert APIClient().get(f"/api/ingest/{job['id']}/").status_code == 401


def test_an_unknown_job_is_a_404_in_the_error_shape(api):
    response = api.get("/api/ingest/999999/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_the_ingest_page_takes_urls_and_files_and_shows_progress(client, analyst, loaded_catalogue):
    client.force_login(User.objects.get(username="analyst"))
    page = client.get("/ingest/")
    assert page.status_code == 200
    assert 'name="urls"' in page.text
    response = client.post(
        "/ingest/", {"urls": "", "files": [SimpleUploadedFile("a.txt", TEXT.encode())], "source": "Outlet P"}
    )
    job = IngestJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ingest/jobs/{job.pk}/"
    full = client.get(response["Location"])
    assert "done: 1 stored" in full.text
    assert "<h2>Ingest job" in full.text
    fragment = client.get(response["Location"], headers={"HX-Request": "true"})
    assert 'id="progress"' in fragment.text
    assert "<h2>" not in fragment.text  # only the fragment
    assert "hx-get" not in fragment.text  # done: polling stops


def test_the_ingest_page_asks_for_something_to_ingest(client, analyst):
    client.force_login(User.objects.get(username="analyst"))
    response = client.post("/ingest/", {"urls": "ftp://x"})
    assert response.status_code == 400
    assert "Not a web address (one a line): ftp://x" in response.text
    assert IngestJob.objects.count() == 0


def test_the_ingest_page_needs_a_signed_in_analyst(client, django_user_model):
    assert client.get("/ingest/")["Location"].startswith("/accounts/login/")
    django_user_model.objects.create_user("reader", password="pw-reader-1")
    client.force_login(User.objects.get(username="reader"))
    assert client.get("/ingest/").status_code == 403


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(api, client, analyst, settings):
    settings.REQUEST_MAX_BYTES = 10_000
    body = {"articles": [{"text": TEXT * 100, "source": "Outlet"}]}  # about 17 kB of JSON
    refused = api.post("/api/ingest/", body, format="json")
    assert refused.status_code == 413
    assert refused.json()["error"]["status"] == 413
    assert IngestJob.objects.count() == 0
    client.force_login(analyst)
    upload = SimpleUploadedFile("a.txt", (TEXT * 100).encode(), content_type="text/plain")
    assert client.post("/ingest/", {"files": [upload]}).status_code == 413


def test_an_uploaded_file_over_the_cap_is_refused_by_its_size_unread(
    api, loaded_catalogue, settings, monkeypatch
):
    from articles import jobs

    settings.FETCH_MAX_BYTES = 1000

    def never(*args):
        raise AssertionError("an oversized upload was read")

    monkeypatch.setattr(jobs, "upload_item", never)
    upload = SimpleUploadedFile("big.txt", (TEXT * 20).encode(), content_type="text/plain")
    response = api.post("/api/ingest/", {"files": [upload], "source": "X"}, format="multipart")
    assert response.status_code == 202
    assert "over the 1,000 byte limit" in response.json()["items"][0]["error"]


FRIDAY = "وقال لافروف يوم الجمعة إن موسكو لن تتدخل في الشؤون الداخلية لكازاخستان."


def test_files_take_their_day_outlet_language_title_and_address_from_the_form(
    client, analyst, loaded_catalogue
):
    client.force_login(analyst)
    response = client.post(
        "/ingest/",
        {
            "files": [SimpleUploadedFile("friday.txt", FRIDAY.encode())],
            "source": "Outlet F",
            "published": "2022-01-09",  # a Sunday: «يوم الجمعة» is the 7th
            "language": "ar",
            "title": "Lavrov on Kazakhstan",
            "url": "https://example.org/lavrov",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.source.name, article.language) == ("Outlet F", "ar")
    assert article.published.isoformat() == "2022-01-09"
    assert (article.title, article.url) == ("Lavrov on Kazakhstan", "https://example.org/lavrov")
    assert article.statements.get().said_on.isoformat() == "2022-01-07"


def test_a_manifest_beside_the_files_says_what_each_is(client, analyst, loaded_catalogue):
    client.force_login(analyst)
    manifest = {"articles": [{"file": "a.txt", "source": "Outlet M", "published": "2022-01-10"}]}
    response = client.post(
        "/ingest/",
        {
            "files": [
                SimpleUploadedFile("a.txt", FRIDAY.encode()),
                SimpleUploadedFile("b.txt", TEXT.encode()),
            ],
            "manifest": SimpleUploadedFile("manifest.json", json.dumps(manifest).encode()),
            "source": "Outlet Form",
        },
    )
    assert response.status_code == 302
    stored = dict(Article.objects.values_list("source__name", "published"))
    assert stored == {"Outlet M": date(2022, 1, 10), "Outlet Form": None}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"urls": "https://example.org/a https://example.org/b"}, "Not a web address (one a line)"),
        ({"urls": "https://example.org/a", "published": "2099-01-01"}, "is after today"),
        ({"urls": "https://example.org/a", "published": "1800-01-01"}, "outside the days accepted"),
        ({"urls": "https://example.org/a", "published": "7 Jan"}, "Enter a valid date"),
        ({"urls": "https://example.org/a", "language": "fr"}, "Select a valid choice"),
        ({"manifest": "{not json", "urls": "https://example.org/a"}, "not valid JSON"),
        ({"files": 2, "title": "One headline"}, "A headline and an address are one file"),
    ],
)
def test_the_ingest_page_says_what_it_cannot_take_and_queues_nothing(client, analyst, fields, message):
    client.force_login(analyst)
    if fields.get("files"):
        fields["files"] = [SimpleUploadedFile(f"{n}.txt", TEXT.encode()) for n in range(fields["files"])]
    if "manifest" in fields:
        fields["manifest"] = SimpleUploadedFile("manifest.json", fields["manifest"].encode())
    response = client.post("/ingest/", fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert IngestJob.objects.count() == 0


def test_the_job_page_says_how_many_were_stored_and_failed_and_links_what_it_stored(
    client, analyst, loaded_catalogue
):
    client.force_login(analyst)
    files = [SimpleUploadedFile("good.txt", TEXT.encode()), SimpleUploadedFile("empty.txt", b"   ")]
    job_page = client.get(client.post("/ingest/", {"files": files, "source": "Outlet J"})["Location"]).text
    article = Article.objects.get()
    assert "done: 1 stored, 1 failed" in job_page
    assert f'href="/articles/{article.pk}/"' in job_page
    assert f'href="/?article={article.pk}"' in job_page
    reason = job_page.split("empty.txt", 1)[1].split("</tr>", 1)[0]
    assert "empty" in reason.split('class="error">', 1)[1]
