"""Ingest jobs in-process (Celery eager): files, pages and feeds from a local server, bad items."""

import gzip
import tracemalloc
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import jobs
from articles.fetch import FetchError, fetch
from articles.models import Article, IngestItem, IngestJob, QueuedItem, Source
from articles.reading import ManifestEntry
from reactions.models import Statement
from tests.webserver import Site, article_page, rss

pytestmark = pytest.mark.django_db(transaction=True)

PUTIN = [
    "وقال الرئيس الروسي فلاديمير بوتين، اليوم، إن قوات حفظ السلام ستغادر كازاخستان بعد إنجاز مهمتها.",
    "وأضاف أن المهمة محدودة في الزمن ولن تتجاوز أسبوعين.",
]
LAVROV = [
    "وأكد وزير الخارجية الروسي سيرغي لافروف أن موسكو لن تتدخل في الشؤون الداخلية لكازاخستان.",
    "وتابع أن الحوار هو الطريق الوحيد لحل الأزمة الراهنة في البلاد.",
]


@pytest.fixture
def site(settings):
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.FETCH_TIMEOUT = 2
    with Site() as s:
        yield s


def test_a_page_url_is_read_for_its_text_date_and_outlet(loaded_catalogue, site):
    url = site.add("/putin", article_page("بوتين: القوات ستغادر", PUTIN, date="2022-01-11", site="Test News"))
    job = jobs.start([jobs.url_item(url)])
    job.refresh_from_db()
    assert job.status == IngestJob.DONE
    article = Article.objects.get(url=url)
    assert (article.published.isoformat(), article.source.name, article.language) == (
        "2022-01-11",
        "Test News",
        "ar",
    )
    said = article.statements.order_by("start").values_list("speaker__slug", "said_on")
    assert list(said)[-2:] == [("vladimir-putin", article.published), ("vladimir-putin", article.published)]


def test_a_feed_ingests_each_new_item_once(loaded_catalogue, site):
    a = site.add("/a", article_page("أ", PUTIN))
    b = site.add("/b", article_page("ب", LAVROV))
    feed = site.add("/feed.xml", rss([a, b]), kind="application/rss+xml")
    first = jobs.start([jobs.url_item(feed)])
    first.refresh_from_db()
    assert first.counts() | {"statements": 0} == {
        "new": 2,
        "duplicate": 0,
        "failed": 0,
        "feed": 1,
        "statements": 0,
        "processed": 3,
        "total": 3,
    }
    c = site.add("/c", article_page("ج", [p.replace("بوتين", "بيسكوف") for p in PUTIN]))
    site.add("/feed.xml", rss([a, b, c]), kind="application/rss+xml")
    second = jobs.start([jobs.url_item(feed)])
    second.refresh_from_db()
    assert second.counts()["new"] == 1  # only the item the feed did not have before
    assert site.hits["/a"] == 1
    assert Article.objects.count() == 3


@pytest.mark.parametrize(
    ("path", "route", "message"),
    [
        ("/missing", None, "the server answered 404"),
        ("/broken", (500, "text/html", "oops"), "the server answered 500"),
        (
            "/empty",
            (200, "text/html; charset=utf-8", "<html><body><nav>روابط</nav></body></html>"),
            "no article text found",
        ),
        ("/bad.xml", (200, "application/rss+xml", "this is not xml <rss"), "not a valid RSS or Atom feed"),
        ("/slow", "slow", "no answer within 2 s"),
    ],
)
def test_a_bad_url_fails_its_item_with_a_clear_error_and_not_the_job(
    loaded_catalogue, site, path, route, message
):
    good = site.add("/good", article_page("أ", LAVROV))
    if route == "slow":
        site.add(path, article_page("ب", PUTIN))
        site.slow[path] = 4
    elif route:
        site.add(path, route[2], kind=route[1], status=route[0])
    job = jobs.start([jobs.url_item(site.base + path), jobs.url_item(good)])
    job.refresh_from_db()
    assert job.status == IngestJob.DONE
    failed = job.items.get(outcome=IngestItem.FAILED)
    assert message in failed.error
    assert job.items.get(outcome=IngestItem.NEW).label == good


LAUGHS = "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
)  # lol9 expands to a thousand million "lol"s
BOMBS = {
    "billion laughs": '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">'
    + LAUGHS
    + ']><rss version="2.0"><channel><title>&lol9;</title><item><link>/a</link></item></channel></rss>',
    "external entity": '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<rss version="2.0"><channel><title>&x;</title><item><link>/a</link></item></channel></rss>',
    "entity in a broken feed": '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "y">]><rss><channel>&x;',
}


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_a_feed_that_declares_entities_is_refused(loaded_catalogue, site, bomb):
    feed = site.add("/feed.xml", BOMBS[bomb], kind="application/rss+xml")
    job = jobs.start([jobs.url_item(feed)])
    assert "refused: the feed declares XML entities" in job.items.get().error
    assert "/a" not in site.hits


def test_a_compressed_page_that_inflates_past_the_cap_is_refused(loaded_catalogue, site, settings):
    settings.FETCH_MAX_BYTES = 1_000_000
    bomb = gzip.compress(b"<html><body>" + b" " * 50_000_000, compresslevel=9)  # 50 MB from 50 kB
    url = site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    job = jobs.start([jobs.url_item(url)])
    assert "over the 1,000,000 byte limit" in job.items.get().error


def test_a_body_compressed_twice_is_capped_as_it_inflates(loaded_catalogue, site, settings):
    settings.FETCH_MAX_BYTES = 1_000_000
    # 200 MB of spaces, gzipped twice: a few hundred bytes on the wire.
    once = gzip.compress(b"<html><body>" + b" " * 200_000_000, compresslevel=9)
    twice = gzip.compress(once, compresslevel=9)
    url = site.add("/bomb2", twice, headers={"Content-Encoding": "gzip, gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="over the 1,000,000 byte limit"):
            fetch(url, jobs.fetch_policy())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Never much more than the cap in memory (the inner layer once inflated whole: 200 MB here).
    assert peak < 20_000_000
    job = jobs.start([jobs.url_item(url)])
    assert "over the 1,000,000 byte limit" in job.items.get().error
    # Twice-compressed honest pages are read.
    page = gzip.compress(gzip.compress(article_page("أ", LAVROV).encode()))
    good = site.add("/good2", page, headers={"Content-Encoding": "gzip, gzip"})
    job = jobs.start([jobs.url_item(good)])
    assert job.items.get().outcome == IngestItem.NEW


def test_a_page_that_drips_is_cut_at_the_fetch_s_deadline(loaded_catalogue, site, settings):
    settings.FETCH_TIMEOUT = 2  # each byte comes well within it
    settings.FETCH_DEADLINE = 1
    url = site.add("/drip", article_page("أ", LAVROV))
    site.drip["/drip"] = 0.05
    job = jobs.start([jobs.url_item(url)])
    assert "not fetched within 1 s" in job.items.get().error


def test_private_addresses_are_refused_unless_allowed(loaded_catalogue, settings):
    settings.FETCH_ALLOWED_HOSTS = []
    with Site() as site:
        url = site.add("/a", article_page("أ", PUTIN))
        job = jobs.start([jobs.url_item(url)])
        assert "private or loopback address" in job.items.get().error
        assert site.hits == {}


def test_an_oversized_page_is_refused(loaded_catalogue, site, settings):
    settings.FETCH_MAX_BYTES = 2_000
    url = site.add("/big", article_page("أ", PUTIN * 40))
    job = jobs.start([jobs.url_item(url)])
    assert "byte limit" in job.items.get().error


def test_a_redirect_is_followed_and_checked(loaded_catalogue, site):
    target = site.add("/target", article_page("أ", LAVROV))
    url = site.add("/old", "", status=301, headers={"Location": "/target"})
    job = jobs.start([jobs.url_item(url)])
    assert job.items.get().outcome == IngestItem.NEW
    assert Article.objects.get().url == url
    assert site.hits["/target"] == 1
    assert target


def test_a_redirect_loop_stops_after_a_few_hops(loaded_catalogue, site, settings):
    settings.FETCH_MAX_REDIRECTS = 3
    url = site.add("/loop", "", status=302, headers={"Location": "/loop"})
    job = jobs.start([jobs.url_item(url)])
    assert "more than 3 redirects" in job.items.get().error
    assert site.hits["/loop"] == 4


def test_a_redirect_to_a_private_address_is_refused(loaded_catalogue, site):
    url = site.add("/out", "", status=302, headers={"Location": "http://10.1.2.3/admin"})
    job = jobs.start([jobs.url_item(url)])
    assert "10.1.2.3 is a private or loopback address" in job.items.get().error


def test_the_command_records_a_manifest_entry_without_its_file(loaded_catalogue, tmp_path, capsys):
    (tmp_path / "a.txt").write_text("\n".join(LAVROV), encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        '{"articles": [{"file": "a.txt", "source": "Outlet A", "published": "2022-01-09"},'
        ' {"file": "gone.txt", "source": "Outlet A"}]}'
    )
    call_command("ingest", str(tmp_path))
    out, err = capsys.readouterr()
    assert "2 items: 1 new, 0 duplicate, 1 failed" in out
    assert "gone.txt: named in the manifest but not found" in err
    assert Source.objects.get().name == "Outlet A"


def test_a_job_of_bad_items_only_fails(loaded_catalogue):
    job = jobs.start([jobs.error_item("x.txt", "x.txt: empty file")])
    job.refresh_from_db()
    assert job.status == IngestJob.FAILED


def test_a_finished_job_warms_the_unfiltered_counts_through_its_signal(loaded_catalogue):
    """Ingest says a job is done (articles.signals.job_done); the read side counts the unfiltered
    list again (reactions/apps.py), so the first reader after an ingest does not wait for it."""
    from django.core.cache import cache
    from django.http import QueryDict

    from articles.signals import job_done
    from reactions.data_version import peek
    from reactions.facets import filters_key
    from reactions.overview import warm_series
    from reactions.queries import cached_list_counts

    heard: list[int] = []

    def listen(job_id, **_kwargs):
        heard.append(job_id)

    job_done.connect(listen)
    try:
        cache.clear()
        job = jobs.start(
            [jobs.text_item("a.txt", "\n".join(PUTIN), ManifestEntry(file="a.txt", source="Outlet"))]
        )
    finally:
        job_done.disconnect(listen)
    assert heard == [job.pk]
    counts = cached_list_counts(QueryDict())
    assert counts is not None
    assert counts.total == Statement.objects.count() > 0
    # And the unfiltered overview's tally, which each web process would otherwise read first.
    assert peek("series", filters_key(QueryDict())) == warm_series()
    # A job that stored nothing says nothing: there is nothing new to count.
    job_done.connect(listen)
    try:
        jobs.start([jobs.error_item("x.txt", "x.txt: empty file")])
    finally:
        job_done.disconnect(listen)
    assert heard == [job.pk]


def test_a_retried_item_counts_once(loaded_catalogue):
    item = jobs.text_item("a.txt", "\n".join(PUTIN), ManifestEntry(file="a.txt", source="Outlet"))
    job = jobs.start([item])
    jobs.process(job.pk, 0, item)  # the broker delivers it again after a lost acknowledgement
    assert job.items.count() == 1
    assert Article.objects.count() == 1


def test_reextract_replaces_machine_statements_and_keeps_corrections(loaded_catalogue, capsys):
    jobs.start([jobs.text_item("a.txt", "\n".join(LAVROV), ManifestEntry(file="a.txt", source="Outlet"))])
    article = Article.objects.get()
    corrected = article.statements.first()
    corrected.act, corrected.corrected_by_human = "support", True
    corrected.save()
    Article.objects.update(pipeline_version="0.0.1")
    call_command("reextract")
    assert "reextract: 1 articles" in capsys.readouterr().out
    corrected.refresh_from_db()
    assert corrected.act == "support"
    assert Statement.objects.filter(article=article).count() == 2
    call_command("reextract")
    assert "reextract: 0 articles" in capsys.readouterr().out


def test_items_no_rule_foresaw_fail_with_their_reason_and_the_job_finishes(loaded_catalogue, site):
    long_title = "عنوان " * 400  # over the 1,000-character column: cut, not fatal
    page = site.add("/long", article_page(long_title, PUTIN, site="N" * 500))
    nul_upload = ("\n".join(LAVROV) + "\n" + "ك" * 9000 + "\x00").encode()
    job = jobs.start(
        [
            jobs.url_item("https://example.org:99999/a"),  # a port out of range
            jobs.url_item("https://[::1x]/a"),  # a malformed IPv6 host
            jobs.url_item(page),
            jobs.upload_item("nul.txt", nul_upload, ManifestEntry(file="nul.txt")),
        ]
    )
    job.refresh_from_db()
    assert job.status == IngestJob.DONE
    failed = {i.position: i.error for i in job.items.filter(outcome=IngestItem.FAILED)}
    assert sorted(failed) == [0, 1, 3]
    assert all(failed.values())
    assert "null character" in failed[3]
    article = Article.objects.get(url=page)
    assert len(article.title) <= 1000
    assert len(article.source.name) == 200


def test_a_task_that_gives_up_records_its_item_as_failed(loaded_catalogue, monkeypatch):
    # An error `jobs.process` lets through ends the task (as spent retries do): Celery's tracer runs
    # the task's on_failure, which records the item, and the job finishes.
    from articles import tasks

    def broken(*args):
        raise RuntimeError("nothing foresaw this")

    monkeypatch.setattr(jobs, "process", broken)
    job = IngestJob.objects.create(inputs=["a.txt"], total=1)
    item = jobs.text_item("a.txt", "\n".join(PUTIN), ManifestEntry(file="a.txt"))
    assert tasks.ingest_item.apply(args=(job.pk, 0, item), throw=False).failed()
    job.refresh_from_db()
    assert job.status == IngestJob.FAILED
    (recorded,) = job.items.all()
    assert recorded.outcome == IngestItem.FAILED
    assert recorded.error == "gave up: RuntimeError: nothing foresaw this"


def test_two_articles_making_the_same_provisional_speaker_at_once_both_keep_it(loaded_catalogue):
    import threading

    from django.db import connection, transaction

    from reactions.catalogue.store import provisional_actor
    from reactions.models import Actor

    started, found, errors = threading.Barrier(2), [], []

    def make() -> None:
        try:
            started.wait()
            with transaction.atomic():
                found.append(provisional_actor("المتحدث باسم الحرس الوطني"))
                started_second = threading.Event()
                started_second.wait(0.3)  # hold the transaction open while the other inserts
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=make) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert found[0].pk == found[1].pk
    assert Actor.objects.filter(provisional=True).count() == 1


def _feed_of(site, n: int) -> str:
    pages = [
        site.add(f"/n{i}", article_page(f"خبر {i}", [PUTIN[0].replace("اليوم", f"اليوم {i}")]))
        for i in range(n)
    ]
    return site.add("/many.xml", rss(pages), kind="application/rss+xml")


def test_a_queue_lost_while_a_feed_expands_fails_the_items_it_did_not_queue(
    loaded_catalogue, site, monkeypatch
):
    from kombu.exceptions import OperationalError as BrokerError

    from articles import tasks

    feed = _feed_of(site, 5)
    real_delay, calls = tasks.ingest_item.delay, []

    def delay(job_id, position, item):
        calls.append(position)
        if len(calls) > 3:  # the feed itself and two of its articles were queued, then Redis went
            raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        return real_delay(job_id, position, item)

    monkeypatch.setattr(tasks.ingest_item, "delay", delay)
    job = jobs.start([jobs.url_item(feed)])
    job.refresh_from_db()
    assert job.total == 6
    assert job.items.count() == 6
    assert job.status == IngestJob.DONE
    assert job.counts()["new"] == 2
    not_queued = job.items.filter(outcome=IngestItem.FAILED)
    assert not_queued.count() == 3
    assert all("not queued" in i.error and "6379" not in i.error for i in not_queued)


def test_a_feed_delivered_again_queues_only_what_never_ran(loaded_catalogue, site, monkeypatch):
    feed = _feed_of(site, 4)
    item = jobs.url_item(feed)
    # The worker dies between the expansion's commit and queueing its articles.
    monkeypatch.setattr(jobs, "_dispatch_children", lambda feed: None)
    job = jobs.start([item])
    job.refresh_from_db()
    assert (job.total, job.items.count(), job.status) == (5, 1, IngestJob.RUNNING)
    monkeypatch.undo()
    jobs.process(job.pk, 0, item)  # the broker delivers the feed's task again
    jobs.process(job.pk, 0, item)  # and again: nothing more
    job.refresh_from_db()
    assert (job.total, job.items.count(), job.status) == (5, 5, IngestJob.DONE)
    assert Article.objects.count() == 4


def test_items_whose_message_was_lost_are_queued_again_and_no_other(loaded_catalogue, monkeypatch):
    items = [
        jobs.text_item(f"{n}.txt", "\n".join(words), ManifestEntry(file=f"{n}.txt", source="Outlet"))
        for n, words in enumerate([PUTIN, LAVROV, PUTIN[:1], LAVROV[:1]])
    ]
    monkeypatch.setattr(jobs, "_queue", lambda *args: None)  # the broker loses every message
    job = jobs.start(items)
    monkeypatch.undo()
    # A worker holds item 1 (kombu gives it back if that worker dies): not lost.
    QueuedItem.objects.filter(job=job, position=1).update(started_at=timezone.now())
    assert jobs.requeue_lost(timedelta(hours=1)) == 0  # queued too recently to be called lost
    assert jobs.requeue_lost(timedelta(0)) == 3
    job.refresh_from_db()
    assert sorted(job.items.values_list("position", flat=True)) == [0, 2, 3]
    assert job.status == IngestJob.RUNNING
    assert jobs.requeue_lost(timedelta(0)) == 0  # recorded items are not queued again
    jobs.process(job.pk, 1, items[1])
    job.refresh_from_db()
    assert job.status == IngestJob.DONE
    assert not QueuedItem.objects.filter(job=job).exists()  # a finished job keeps no copies


def test_a_feed_s_items_lost_before_they_were_queued_are_queued_again(loaded_catalogue, site, monkeypatch):
    monkeypatch.setattr(jobs, "_dispatch_children", lambda feed: None)  # lost with the worker
    job = jobs.start([jobs.url_item(_feed_of(site, 3))])
    monkeypatch.undo()
    assert jobs.requeue_lost(timedelta(0)) == 3
    job.refresh_from_db()
    assert (job.total, job.items.count(), job.status) == (4, 4, IngestJob.DONE)
    assert Article.objects.count() == 3


def test_an_article_keeps_its_first_statements_and_unknown_speakers_and_says_what_it_left_out(
    loaded_catalogue, settings, client
):
    from reactions.models import Actor

    settings.ARTICLE_MAX_STATEMENTS = 6
    settings.ARTICLE_MAX_NEW_SPEAKERS = 2
    unknown = [
        f"وقال المتحدث باسم حزب {party} إن الوضع مستقر." for party in ("النور", "الأمل", "الفجر", "الغد")
    ]
    known = [f"وقال بوتين إن القوات ستبقى {n} أيام." for n in range(4)]
    text = "عنوان\n" + "\n".join(unknown + known) + "\n"
    job = jobs.start([jobs.text_item("many.txt", text, ManifestEntry(file="many.txt", source="X"))])
    article = Article.objects.get()
    assert job.items.get().statements == 4  # two unknown speakers' and the first two of Putin's
    assert Actor.objects.filter(provisional=True).count() == 2
    assert article.error == (
        "2 statements past the first 6 not stored; 2 statements by speakers the catalogue lacks past "
        "the first 2 such speakers not stored"
    )
    assert article.error in client.get(f"/articles/{article.pk}/").text


def test_a_feed_adds_no_more_items_than_a_job_holds(loaded_catalogue, site, monkeypatch):
    monkeypatch.setattr(jobs, "MAX_ITEMS", 4)
    feed = _feed_of(site, 6)
    job = jobs.start([jobs.url_item(feed)])
    job.refresh_from_db()
    assert (job.total, job.items.count(), job.status) == (4, 4, IngestJob.DONE)
    assert (
        job.items.get(position=0).error
        == "3 of the feed's new article links left out: a job holds at most 4 items"
    )
