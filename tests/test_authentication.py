"""Signing in and writing: sign-ins are throttled, every form needs its CSRF token, cookies are
secure in production."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from reactions.permissions import ANALYSTS_GROUP
from tests.conftest import REPO

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-1"


@pytest.fixture
def analyst(db):
    user = User.objects.create_user("ana", password=PASSWORD)
    user.groups.add(Group.objects.get_or_create(name=ANALYSTS_GROUP)[0])
    return user


def sign_in(client: Client, username: str, password: str, path: str = "/accounts/login/"):
    return client.post(path, {"username": username, "password": password})


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_repeated_failed_sign_ins_lock_the_account_out_for_that_address(settings, analyst, path):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "ana", "wrong", path).status_code == 200  # the form again, with an error
    locked = sign_in(client, "ana", "wrong", path)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.LOGIN_COOLOFF_MINUTES * 60
    assert "Too many failed sign-ins" in locked.text
    # Even the right password is refused while locked out...
    assert sign_in(client, "ana", PASSWORD, path).status_code == 429
    # ...from this address; the same user from elsewhere still signs in.
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert sign_in(elsewhere, "ana", PASSWORD).status_code == 302


def test_a_successful_sign_in_forgets_earlier_failures(settings, analyst):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "ana", "wrong")
    assert sign_in(client, "ana", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "ana", "wrong")
    assert sign_in(client, "ana", PASSWORD).status_code == 302


def test_forms_and_session_writes_need_their_csrf_token(analyst, store_with_article_a):
    from reactions.models import Statement

    store_with_article_a("وقال بوتين إن الوضع مستقر.\n")
    client = Client(enforce_csrf_checks=True)
    assert sign_in(client, "ana", PASSWORD).status_code == 403
    client.force_login(analyst)
    assert client.post("/ingest/", {"urls": "https://example.org/a"}).status_code == 403
    assert client.post("/accounts/logout/").status_code == 403
    statement = Statement.objects.first()
    patched = client.patch(
        f"/api/statements/{statement.pk}/", {"act": "reject"}, content_type="application/json"
    )
    assert patched.status_code == 403
    assert "CSRF" in patched.json()["error"]["message"]
    statement.refresh_from_db()
    assert not statement.corrected_by_human


def test_production_cookies_are_secure_and_http_only():
    environ = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECURE_COOKIES")}
    environ.update(SECRET_KEY="x" * 60)
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS > 0)"
    )
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            f"'reactions.settings'); django.setup(); {code}",
        ],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "True", "True", "True"]


def test_no_page_offers_a_password_reset_that_would_need_a_mail_server(client):
    assert client.get("/accounts/password_reset/").status_code == 404
    assert client.get("/accounts/login/").status_code == 200


def test_a_view_only_member_of_staff_can_neither_approve_nor_merge_actors(client, loaded_catalogue):
    from django.contrib.auth.models import Permission

    from reactions.models import Actor

    staff = User.objects.create_user("viewer", password=PASSWORD, is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_actor"))
    client.force_login(staff)
    provisional = Actor.objects.create(
        slug="x-spokesman", name="X spokesman", kind="person", provisional=True
    )
    target = Actor.objects.get(slug="kazakhstan")
    for action in ("merge", "approve"):
        response = client.post(
            "/admin/reactions/actor/",
            {"action": action, "_selected_action": [provisional.pk, target.pk]},
        )
        assert response.status_code in (200, 302)
    provisional.refresh_from_db()
    assert provisional.provisional
    assert Actor.objects.filter(pk=provisional.pk).exists()
