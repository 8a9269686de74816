"""The review queue (/review/): its order, each verdict recorded and kept by re-extraction, the
correction form's refusals, provisional speakers from the queue, and the accuracy the reviews
measure."""

from datetime import date

import pytest

from articles import services as ingest
from articles.models import Article
from reactions import review, services
from reactions.models import Actor, ActorAlias, Correction, Flag, Review, Statement, matched_columns

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


def _form(statement: Statement, **changes) -> dict:
    form = {
        "action": "correct",
        "speaker": statement.speaker.slug,
        "start": statement.start,
        "end": statement.end,
        "said_on": statement.said_on.isoformat() if statement.said_on else "",
        "act": statement.act,
        "topic": statement.topic,
        "quote": statement.quote,
    }
    form.update(changes)
    return form


def _after_reextract(statement: Statement) -> Statement:
    ingest.reextract(Article.objects.get(pk=statement.article_id))
    return Statement.all_objects.get(pk=statement.pk)


def test_the_queue_puts_reported_then_provisional_then_least_confident_first(said, analyst):
    sure = said("vladimir-putin", "support", "csto", 6)
    unsure = said("vladimir-putin", "support", "csto", 6)
    undated = said("vladimir-putin", "support", "csto", None)
    made_up = said("vladimir-putin", "support", "csto", 7)
    reported = said("vladimir-putin", "support", "csto", 7)
    corrected = said("vladimir-putin", "support", "csto", 7)
    someone = Actor.objects.create(slug="someone", name="Someone", kind="person", provisional=True)
    Statement.objects.filter(pk=sure.pk).update(confidence=0.9)
    Statement.objects.filter(pk__in=[unsure.pk, undated.pk]).update(confidence=0.4)
    Statement.objects.filter(pk__in=[made_up.pk, reported.pk, corrected.pk]).update(confidence=0.95)
    Statement.objects.filter(pk=made_up.pk).update(speaker=someone)
    Statement.objects.filter(pk=corrected.pk).update(corrected_by_human=True)
    Flag.objects.create(statement=reported, reason="speaker", address_digest="x")
    order = list(review.queue().values_list("pk", flat=True))
    assert order == [reported.pk, made_up.pk, undated.pk, unsure.pk, sure.pk]
    # The page's quick way to the next one walks the same order.
    walked = []
    while (found := review.next_in_queue(skipped=walked)) is not None:
        walked.append(found.pk)
    assert walked == order
    assert next(iter(review.queue(skipped=[reported.pk]).values_list("pk", flat=True))) == made_up.pk
    services.review(Statement.objects.get(pk=reported.pk), analyst, "confirmed")
    assert reported.pk not in review.queue().values_list("pk", flat=True)
    Flag.objects.create(statement=reported, reason="day", address_digest="y")  # reported again
    assert review.queue().first().pk == reported.pk


def test_the_page_shows_the_first_in_the_queue_with_its_words_marked(signed_in, statement):
    page = signed_in.get("/review/")
    assert page.status_code == 200
    assert f'action="/review/{statement.pk}/"' in page.text
    assert f'<mark id="words">{statement.content}</mark>' in page.text
    assert "You reviewed 0 today, 1 left" in page.text


def test_confirming_records_it_and_reextraction_keeps_the_statement(signed_in, statement, analyst):
    Flag.objects.create(statement=statement, reason="day", address_digest="x")
    response = signed_in.post(f"/review/{statement.pk}/", {"action": "confirm"})
    assert response.status_code == 302
    assert response["Location"] == "/review/"
    [verdict] = Review.objects.all()
    assert (verdict.outcome, verdict.user, verdict.language, verdict.date_rule) == (
        "confirmed",
        analyst,
        "ar",
        statement.date_rule,
    )
    assert not Flag.objects.filter(handled=False).exists()
    assert not Correction.objects.exists()
    assert _after_reextract(statement).corrected_by_human
    assert "You reviewed 1 today, 0 left" in signed_in.get("/review/").text


def test_a_correction_of_speaker_words_and_day_is_recorded_and_kept(signed_in, statement):
    lavrov_in_russian = ActorAlias.objects.filter(actor__slug="sergey-lavrov", language="ru").first().text
    words = "روسيا لن تتدخل"
    start = statement.article.text.index(words)
    form = _form(statement, speaker=lavrov_in_russian, start=start - 1, end=start + len(words))
    form["said_on"] = "2022-01-06"
    response = signed_in.post(f"/review/{statement.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    kept = _after_reextract(statement)
    assert (kept.speaker.slug, kept.content, kept.said_on) == ("sergey-lavrov", words, date(2022, 1, 6))
    assert (kept.start, kept.end) == (start, start + len(words))  # the spaces around a selection dropped
    assert {c.field for c in kept.corrections.all()} == {"speaker", "words", "said_on"}
    assert Review.objects.get().changed == ["said_on", "speaker", "words"]
    words_fixed = kept.corrections.get(field="words")
    services.undo(words_fixed, None)
    back = Statement.objects.get(pk=statement.pk)
    assert (back.start, back.end, back.content) == (statement.start, statement.end, statement.content)
    # What the quote check compares moved with the words, there and back.
    assert kept.word_runs == matched_columns(words)["word_runs"]
    assert back.word_runs == matched_columns(statement.content)["word_runs"]


def test_rejecting_from_the_queue_hides_it_for_good(signed_in, statement):
    assert signed_in.post(f"/review/{statement.pk}/", {"action": "reject"}).status_code == 302
    assert not Statement.objects.filter(pk=statement.pk).exists()
    assert _after_reextract(statement).rejected
    assert Review.objects.get().outcome == "rejected"


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"speaker": "Nobody Anyone"}, "No actor in the catalogue is called “Nobody Anyone”"),
        ({"start": 5000, "end": 5010}, "The words must be a span of the article"),
        ({"start": 10, "end": 5}, "The words must be a span of the article"),
        ({"said_on": "2022-01-09"}, "the words cannot have been said after it"),
        ({"said_on": "2020-06-01"}, "more than a year before the article was published"),
        ({"said_on": "9999-12-31"}, "outside the days accepted"),
        ({"act": "praise"}, "Select a valid choice"),
    ],
)
def test_it_refuses_a_correction_it_cannot_take_and_changes_nothing(signed_in, statement, changes, said):
    response = signed_in.post(f"/review/{statement.pk}/", _form(statement, **changes))
    assert response.status_code == 400
    assert said in response.content.decode()
    assert not Correction.objects.exists()
    assert not Review.objects.exists()
    assert Statement.objects.get(pk=statement.pk).speaker == statement.speaker


def test_it_refuses_words_that_are_only_spaces_or_another_statements(signed_in, statement):
    text = statement.article.text
    space = text.index(" ")
    only_spaces = signed_in.post(f"/review/{statement.pk}/", _form(statement, start=space, end=space + 1))
    assert "only spaces" in only_spaces.content.decode()
    headline = Statement.objects.get(content="عنوان") if Statement.objects.filter(content="عنوان") else None
    if headline is None:
        headline = Statement.objects.create(
            article=statement.article,
            speaker=statement.speaker,
            content="عنوان",
            start=0,
            end=5,
            quote="direct",
            topic="other",
            act="statement",
        )
    taken = signed_in.post(f"/review/{statement.pk}/", _form(statement, start=0, end=5))
    assert taken.status_code == 400
    assert f"Statement {headline.pk} already holds exactly these words" in taken.content.decode()


def test_only_analysts_review_and_only_with_a_token(client, statement, django_user_model, analyst):
    assert client.get("/review/").status_code == 302  # to the sign-in page
    assert client.post(f"/review/{statement.pk}/", {"action": "reject"}).status_code == 302
    client.force_login(django_user_model.objects.create_user("reader", password="another-password-2"))
    assert client.get("/review/").status_code == 403
    assert client.post(f"/review/{statement.pk}/", {"action": "reject"}).status_code == 403
    strict = type(client)(enforce_csrf_checks=True)
    strict.force_login(analyst)
    assert strict.post(f"/review/{statement.pk}/", {"action": "reject"}).status_code == 403
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_skipping_passes_a_statement_by_for_the_session(signed_in, said):
    first = said("vladimir-putin", "support", "csto", None)
    second = said("vladimir-putin", "support", "csto", 6)
    assert f"/review/{first.pk}/" in signed_in.get("/review/").text
    signed_in.post(f"/review/{first.pk}/", {"action": "skip"})
    page = signed_in.get("/review/").text
    assert f"/review/{second.pk}/" in page
    assert "1 skipped this session" in page
    assert not Review.objects.exists()


def test_a_provisional_speaker_is_approved_renamed_or_merged_from_the_queue(signed_in, said):
    statement = said("vladimir-putin", "support", "csto", 6)
    made = Actor.objects.create(slug="fulan", name="فلان", kind="person", provisional=True)
    Statement.objects.filter(pk=statement.pk).update(speaker=made)
    page = signed_in.get(f"/review/{statement.pk}/").text
    assert "is a provisional speaker" in page
    url = f"/review/actors/{made.pk}/"
    signed_in.post(url, {"action": "rename", "name": "Fulan Fulani"})
    assert Actor.objects.get(pk=made.pk).name == "Fulan Fulani"
    moved = signed_in.post(
        url, {"action": "merge", "into": "Nobody Anyone", "next": f"/review/{statement.pk}/"}
    )
    assert moved.status_code == 302
    assert Actor.objects.filter(pk=made.pk).exists()
    signed_in.post(url, {"action": "merge", "into": "Vladimir Putin"})
    assert not Actor.objects.filter(pk=made.pk).exists()
    assert Statement.objects.get(pk=statement.pk).speaker.slug == "vladimir-putin"
    other = Actor.objects.create(slug="other", name="Other", kind="person", provisional=True)
    signed_in.post(f"/review/actors/{other.pk}/", {"action": "approve"})
    assert not Actor.objects.get(pk=other.pk).provisional
    assert signed_in.post(f"/review/actors/{other.pk}/", {"action": "approve"}).status_code == 404


def test_accuracy_counts_each_statements_first_verdict_per_language_and_rule(said, analyst, signed_in):
    right = said("vladimir-putin", "support", "csto", 6, language="ru")
    wrong_speaker = said("vladimir-putin", "support", "csto", 6, language="ru")
    not_one = said("vladimir-putin", "support", "csto", 6, language="en")
    Statement.objects.filter(pk=right.pk).update(speaker_rule="alias", date_rule="relative")
    Statement.objects.filter(pk=wrong_speaker.pk).update(speaker_rule="nearest", date_rule="relative")
    services.review(Statement.objects.get(pk=right.pk), analyst, "confirmed")
    lavrov = Actor.objects.get(slug="sergey-lavrov")
    services.review(Statement.objects.get(pk=wrong_speaker.pk), analyst, "corrected", speaker=lavrov)
    services.review(Statement.all_objects.get(pk=wrong_speaker.pk), analyst, "confirmed")  # a second look
    services.review(Statement.objects.get(pk=not_one.pk), analyst, "rejected")
    found = review.accuracy()
    assert found.total.reviewed == 3
    assert found.by_language["ru"].share() == 0.5
    assert found.by_language["ru"].share("speaker") == 0.5
    assert found.by_language["ru"].share("said_on") == 1.0
    assert found.by_language["en"].share("words") == 0.0
    assert found.by_rule["speaker"]["alias"].share("speaker") == 1.0
    assert found.by_rule["speaker"]["nearest"].share("speaker") == 0.0
    assert found.by_rule["said_on"]["relative"].share("said_on") == 1.0
    page = signed_in.get("/review/accuracy/").text
    assert "<td>50.0%</td>" in page
    assert "nearest" in page


@pytest.mark.parametrize(
    ("day", "said"),
    [("2022-01-09", "cannot have been said after it"), ("2020-06-01", "more than a year before")],
)
def test_the_api_refuses_the_days_the_review_page_refuses(statement, analyst, day, said):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(analyst)
    response = api.patch(f"/api/statements/{statement.pk}/", {"said_on": day}, format="json")
    assert response.status_code == 400
    assert said in response.json()["error"]["fields"]["said_on"][0]
    assert Statement.objects.get(pk=statement.pk).said_on == statement.said_on


def test_a_long_queue_is_said_as_more_than_its_counted_part(signed_in, said, monkeypatch):
    for _ in range(4):
        said("vladimir-putin", "support", "csto", 6)
    assert "You reviewed 0 today, 4 left" in signed_in.get("/review/").text
    monkeypatch.setattr(review, "COUNTED_UP_TO", 3)
    assert "You reviewed 0 today, more than 3 left" in signed_in.get("/review/").text


def test_it_refuses_to_send_the_analyst_elsewhere_after_a_speaker_action(signed_in):
    made = Actor.objects.create(slug="fulan", name="فلان", kind="person", provisional=True)
    answer = signed_in.post(f"/review/actors/{made.pk}/", {"action": "approve", "next": "//example.org/x"})
    assert answer["Location"] == "/review/"
