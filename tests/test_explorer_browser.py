"""The Explorer in a real browser: Playwright driving Debian's Chromium (no browser download).

Types into the search, ticks a filter, sees the list and the address change, goes back, and saves a
screenshot of every page on a desktop (1366x768) and a phone (390x844) viewport under
test-output/screenshots/. Each page is also checked for what a screenshot shows: no horizontal
overflow, Arabic words laid out right to left, charts drawn, no script errors.
"""

import os
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SHOTS = REPO / "test-output" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium (bin/test does it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, which Django's ORM takes for async
    # code; the fixtures' ORM work is plain synchronous code. Only for these tests: the deploy
    # check of later tests must not see the variable.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def site(live_server, loaded_catalogue, seeds, settings):
    # The live server serves static files from the source folders, by their plain names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from articles.reading import read_manifest
    from articles.services import store

    for name, entry in read_manifest(seeds / "manifest.json").items():
        store((seeds / name).read_text(encoding="utf-8"), entry)
    return live_server.url


def open_page(browser, viewport: str, javascript: bool = True):
    page = browser.new_page(viewport=VIEWPORTS[viewport], java_script_enabled=javascript)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if _is_error(msg) else None)
    return page


def _is_error(message) -> bool:
    # htmx logs a request it replaced by a newer one (hx-sync="this:replace") as an error; a failed
    # response is logged as htmx:responseError and still counts.
    return message.type == "error" and not message.text.startswith(("htmx:sendAbort", "htmx:afterRequest"))


def check_layout(page, name: str, viewport: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{viewport}.png"), full_page=False)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} on a {viewport} is {overflow}px wider than the screen"
    # Words that begin in Arabic script (an Arabic article may quote an English post: that is LTR).
    directions = page.eval_on_selector_all(
        ".words[lang=ar], .article-text[lang=ar], .context[lang=ar]",
        "els => els.filter(e => /^[^A-Za-z\\u0600-\\u06FF]*[\\u0600-\\u06FF]/.test(e.textContent))"
        ".map(e => getComputedStyle(e).direction)",
    )
    assert set(directions) <= {"rtl"}, f"{name}: Arabic laid out {set(directions)}"
    assert not page.errors, f"{name}: {page.errors}"


def wait_for_a_new_total(page, old: int) -> int:
    """The number of statements once counted, other than `old` (the list shows «…» meanwhile)."""
    page.wait_for_function(
        "old => { const t = document.querySelector('#results .summary strong').textContent;"
        " return /^[0-9]+$/.test(t) && t !== String(old); }",
        arg=old,
    )
    return int(page.text_content("#results .summary strong"))


def test_search_and_a_filter_update_the_list_and_the_address(browser, site):
    page = open_page(browser, "desktop")
    page.goto(site + "/")
    total = int(page.text_content("#results .summary strong"))
    assert total > 50

    page.fill("#q", "توكايف")  # another spelling than the articles' توكاييف
    page.wait_for_url(re.compile(r"q=%D8%AA"), wait_until="commit")
    found = wait_for_a_new_total(page, total)  # the list first, its count when counted
    assert 0 < found < total
    assert "توكاييف" in page.text_content("#results")  # the articles' spelling

    page.check("#panel input[name=act][value=disapprove]")
    page.wait_for_url(re.compile(r"act=disapprove"), wait_until="commit")
    wait_for_a_new_total(page, found)
    assert page.is_checked("#panel input[name=act][value=disapprove]")
    assert set(
        page.eval_on_selector_all("#results .badge[class*=act-]", "els => els.map(e => e.textContent)")
    ) == {"disapprove"}
    check_layout(page, "statements-filtered", "desktop")

    page.go_back()
    page.wait_for_url(re.compile(r"^(?!.*act=disapprove)"), wait_until="commit")
    page.close()


def test_clicking_a_day_or_a_facet_asks_for_its_counts_once_not_in_a_loop(browser, site):
    # A list whose counts are coming is cached 30 s; the panel then asks the same address for the
    # counts (X-Counts: now). Without `Vary` on that header the browser answered the panel from its
    # own cache with the list again, and the panel asked again: hundreds of requests a minute.
    page = open_page(browser, "desktop")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if r.headers.get("x-counts") == "now" else None)
    page.goto(site + "/?speaker=vladimir-putin")
    for link in ("#panel a.day >> nth=0", "#panel fieldset:has(legend:text('Act')) a >> nth=0"):
        asked.clear()
        page.click(link)
        page.wait_for_timeout(2500)
        assert 1 <= len(asked) <= 2, (link, len(asked))
        assert page.text_content("#total strong") != "…"  # the counts arrived
    page.close()


def test_a_facet_link_and_the_pages_work_without_javascript(browser, site):
    from reactions.models import Statement

    page = open_page(browser, "desktop", javascript=False)
    page.goto(site + "/")
    page.click("#panel fieldset:has(legend:text('Country')) a >> nth=0")
    assert "country=" in page.url
    country = page.url.split("country=")[1].split("&")[0]
    words = Statement.objects.filter(speaker__country=country).first().content.split()
    page.fill("#q", max(words, key=len))
    page.click("text=Apply")
    assert "q=" in page.url
    assert "country=" in page.url
    assert page.query_selector_all("#results .card.statement")
    page.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_renders_readably(browser, site, viewport):
    from reactions.models import Event, Statement

    statement = Statement.objects.filter(speaker__slug="kassym-jomart-tokayev").first()
    event = Event.objects.first()
    pages = {
        "statements": "/",
        "statement": f"/statements/{statement.pk}/",
        "article": f"/articles/{statement.article_id}/",
        "actor": "/actors/kassym-jomart-tokayev/",
        "timeline": "/timeline/",
        "timeline-by-act": "/timeline/?stack=act&group=week",
        "compare": "/compare/?actor=kassym-jomart-tokayev&actor=vladimir-putin",
        "events": "/events/",
        "event": f"/events/{event.slug}/",
        "bad-request": "/?act=shout",
        "overview": "/reactions/",
        "overview-protests-in-russian": "/reactions/?map=protests&language=ru",
        "codebook": "/methodology/",
    }
    page = open_page(browser, viewport)
    for name, path in pages.items():
        response = page.goto(site + path)
        assert response.status == (400 if name == "bad-request" else 200), name
        if name == "bad-request":  # the browser logs the page's own 400 status
            page.errors = [e for e in page.errors if "status of 400" not in e]
        if name.startswith(("timeline", "actor")):
            page.wait_for_selector("canvas[data-drawn]", state="attached")
        check_layout(page, name, viewport)
    page.close()


def _top_in_view(page, selector: str) -> bool:
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.top >= -1 && r.top < window.innerHeight / 2; }",
        selector,
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_chips_remove_a_filter_and_the_pages_go_both_ways_from_their_top(browser, site, viewport):
    page = open_page(browser, viewport)
    page.goto(site + "/?country=RU&act=disapprove&page_size=10")
    chips = page.eval_on_selector_all(
        ".chips li", "els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim())"
    )
    assert chips == ["country Russia ×", "act disapprove ×"]
    assert "(country Russia, act disapprove)" in page.title()
    page.click(".chips a[aria-label='remove act disapprove']")
    page.wait_for_url(re.compile(r"^(?!.*act=)"), wait_until="commit")
    page.wait_for_selector(".chips li >> nth=0")
    assert page.eval_on_selector_all(".chips li", "els => els.length") == 1
    assert "act disapprove" not in page.title()

    page.goto(site + "/?page_size=10")
    assert re.search(r"1–10 of \d+", page.text_content("nav.pages"))
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the pager is at the list's foot
    page.click("nav.pages a[rel=next]")
    page.wait_for_url(re.compile(r"after="), wait_until="commit")
    page.wait_for_function("() => document.querySelector('nav.pages').textContent.includes('11–20')")
    page.wait_for_timeout(300)  # htmx scrolls once the new page has settled
    assert _top_in_view(page, "#results"), "the new page's top is shown"
    check_layout(page, "statements-page-2", viewport)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.click("nav.pages a[rel=prev]")
    page.wait_for_function("() => document.querySelector('nav.pages').textContent.includes('1–10')")
    page.wait_for_timeout(300)
    assert _top_in_view(page, "#results")
    page.close()


def test_on_a_phone_ticking_a_filter_shows_the_new_count_where_the_reader_is(browser, site):
    page = open_page(browser, "phone")
    page.goto(site + "/")
    box = page.locator("#panel input[name=act][value=appeal]")
    box.scroll_into_view_if_needed()
    box.check()
    page.wait_for_url(re.compile(r"act=appeal"), wait_until="commit")
    show = page.locator("#panel .show-results a")
    page.wait_for_function(
        "() => /Show [0-9]+ statement/.test(document.querySelector('#panel .show-results a').textContent)"
    )
    assert show.is_visible()
    assert page.evaluate(  # at the foot of the screen, where the reader ticked the box
        "() => { const r = document.querySelector('#panel .show-results a').getBoundingClientRect();"
        " return r.bottom <= window.innerHeight && r.top >= 0; }"
    )
    shown = int(re.search(r"\d+", show.text_content()).group())
    assert shown == int(page.text_content("#results .summary strong"))
    check_layout(page, "statements-ticked", "phone")
    show.click()
    page.wait_for_timeout(300)
    assert _top_in_view(page, "#results")
    page.close()


def test_the_api_docs_and_the_admin_run_under_the_content_security_policy(browser, site):
    page = open_page(browser, "desktop")
    for path in ("/api/docs/", "/admin/login/", "/timeline/", "/"):
        response = page.goto(site + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        if path == "/api/docs/":
            page.wait_for_selector(".swagger-ui .opblock", timeout=10_000)  # started from its script file
        assert not [e for e in page.errors if "Content Security Policy" in e], path
    page.close()


def _sign_in(page, site: str, django_user_model, username: str) -> None:
    django_user_model.objects.create_user(username, password="a-long-password-1", is_staff=True)
    page.goto(site + "/accounts/login/?next=/review/")
    page.fill("#id_username", username)
    page.fill("#id_password", "a-long-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/review/$"))


def _next_statement(page, pk: int) -> None:
    """Wait until the page shows another statement than `pk`. (The form's `action` property is its
    buttons named "action": the attribute is read.)"""
    page.wait_for_function(
        "pk => !document.getElementById('review-form').getAttribute('action').includes(`/${pk}/`)", arg=pk
    )


def _under_review(page) -> int:
    return int(re.search(r"/review/(\d+)/", page.get_attribute("#review-form", "action")).group(1))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_analyst_goes_through_the_review_queue_with_the_keyboard(
    browser, site, viewport, django_user_model
):
    from reactions.models import Review, Statement

    page = open_page(browser, viewport)
    _sign_in(page, site, django_user_model, f"analyst-{viewport}")
    check_layout(page, "review", viewport)
    first = _under_review(page)
    page.keyboard.press("c")  # right as it is
    _next_statement(page, first)
    assert "You reviewed 1 today" in page.text_content("#progress")
    second = _under_review(page)
    page.keyboard.press("x")  # not a statement
    _next_statement(page, second)
    assert not Statement.objects.filter(pk=second).exists()

    # The words chosen by selecting them in the article: the first word after the words extracted.
    third = Statement.objects.get(pk=_under_review(page))
    text = third.article.text
    start = next(i for i in range(third.end, len(text)) if text[i].isalnum())
    end = start
    while end < len(text) and text[end].isalnum():
        end += 1
    page.evaluate(
        """([skip, length]) => {
          const article = document.getElementById('article-text');
          const after = article.lastChild;  // the text after the <mark>
          const range = document.createRange();
          range.setStart(after, skip);
          range.setEnd(after, skip + length);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          article.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }""",
        [start - third.end, end - start],
    )
    assert (page.input_value("#id_start"), page.input_value("#id_end")) == (str(start), str(end))
    check_layout(page, "review-words-chosen", viewport)
    page.keyboard.press("e")  # to the speaker
    page.keyboard.press("Control+a")
    page.keyboard.type("sergey-lavrov")
    page.keyboard.press("Enter")  # in a field: saves the correction
    _next_statement(page, third.pk)
    corrected = Statement.objects.get(pk=third.pk)
    assert (corrected.speaker.slug, corrected.content) == ("sergey-lavrov", text[start:end])
    assert Review.objects.get(statement=third.pk).outcome == "corrected"
    assert "You reviewed 3 today" in page.text_content("#progress")
    check_layout(page, "review-after-three", viewport)
    page.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_ingest_form_and_its_job_page_fit_the_screen(
    browser, site, viewport, django_user_model, tmp_path
):
    page = open_page(browser, viewport)
    _sign_in(page, site, django_user_model, f"ingester-{viewport}")
    page.goto(site + "/ingest/")
    check_layout(page, "ingest", viewport)
    article = tmp_path / "friday.txt"
    article.write_text(
        "Headline\nThe minister said on Friday that the situation was calm.\n", encoding="utf-8"
    )
    page.set_input_files("#files", str(article))
    page.fill("#id_source", "Test Outlet")
    page.fill("#id_published", "2022-01-08")
    page.click("form.ingest button[type=submit]")
    page.wait_for_url(re.compile(r"/ingest/jobs/\d+/"))
    page.wait_for_function("() => /done: 1 stored/.test(document.body.textContent)")
    check_layout(page, "ingest-job", viewport)
    page.close()
