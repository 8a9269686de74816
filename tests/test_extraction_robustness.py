"""Bad input never crashes the pipeline, never hangs it, and offsets always point at the words."""

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.extraction.catalogue import Catalogue
from articles.extraction.pipeline import MAX_ARTICLE_CHARS, ArticleMeta, ExtractionError, extract
from reactions.catalogue.loader import load

# Module level rather than a fixture: Hypothesis would print the whole catalogue with a failing example.
CATALOGUE = Catalogue.of(load())

ARABIC_BITS = st.sampled_from(
    [
        "وقال",
        "بوتين",
        "إن",
        "أن",
        '"',
        "«",
        "»",
        ":",
        "،",
        ".",
        "\n",
        " ",
        "وأضاف",
        "الرئيس",
        "أمس",
        "مضيفا",
        "حسب",
        "لافروف",
        "— Name (@MID_RF) January 5, 2022",
        "موضوعات ذات صلة",
        "- ",
        "عن",
        "في",
    ]
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_unicode_never_raises(text):
    for s in extract(text, ArticleMeta(published=date(2022, 1, 10)), CATALOGUE):
        assert text[s.start : s.end] == s.content


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ARABIC_BITS, max_size=60).map("".join))
def test_random_reporting_fragments_give_exact_spans(text):
    for s in extract(text, ArticleMeta(published=date(2022, 1, 10)), CATALOGUE):
        assert text[s.start : s.end] == s.content
        assert s.content.strip() == s.content


# English and Russian pieces the reader of reported speech acts on, mixed with Arabic ones.
LATIN_CYRILLIC_BITS = st.sampled_from(
    [
        "Peskov",
        "said",
        "that",
        "according to",
        "he",
        "the minister",
        "added",
        ", adding",
        "Mr.",
        "Jan.",
        "on Friday",
        "Песков",
        "заявил",
        "что",
        "по словам",
        "Об этом",
        "О том, что",
        "— сказал он",
        "добавив",
        "в пятницу",
        "Как заявил",
        "As",
        "told",
        "were reiterated by",
        "officially",
        "Russian officials",
        "the head of state",
        "called for",
        "EU",
        "ранее",
        "BEIJING, Jan. 7 (Xinhua) --",
        "по его словам",
        "заявили в МИД России",
        "«",
        "»",
        "“",
        "”",
        '"',
        ",",
        ".",
        ":",
        "(",
        ")",
        "\n",
        " ",
    ]
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(LATIN_CYRILLIC_BITS, ARABIC_BITS, st.text(max_size=8)), max_size=60).map("".join),
    st.sampled_from(["en", "ru", "ar"]),
)
def test_random_latin_cyrillic_and_mixed_text_never_raises_in_any_language(text, language):
    for s in extract(text, ArticleMeta(published=date(2022, 1, 10), language=language), CATALOGUE):
        assert text[s.start : s.end] == s.content
        assert s.content.strip() == s.content


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Found by a fuzzer: an «as» attribution whose comma ends the line.
        ("Как заявил Peskov ,\nthe minister\nТокаев в пятницу", "ru"),
        ("As Peskov said,", "en"),
    ],
)
def test_an_attribution_cut_by_the_end_of_a_line_reads_nothing_past_it(catalogue, text, language):
    assert extract(text, ArticleMeta(language=language), catalogue) == []


@pytest.mark.parametrize(
    "text",
    [
        "<html><body><p>وقال بوتين إن الوضع مستقر</p></body></html>",
        "No Arabic here at all, only English prose about the weather.",
        'وقال بوتين إن "الوضع مستقر. وأضاف أن «القوات ستبقى',  # unbalanced quotation marks
        "وقال Putin إن situation «stable» و‮override‬ النص",  # mixed directions and overrides
    ],
)
def test_odd_input_is_handled(catalogue, text):
    for s in extract(text, ArticleMeta(), catalogue):
        assert text[s.start : s.end] == s.content


@pytest.mark.parametrize("separator", ["\n", " "])  # many paragraphs, or one 5 MB line
def test_a_five_megabyte_article_is_extracted_in_linear_time(catalogue, separator):
    # Numbered, so that no paragraph repeats the one before (a repeated line is a caption).
    def article(n: int) -> str:
        return "".join(
            f'وقال بوتين إن "القوات ستغادر {i}"، مضيفا أن المهمة محدودة. وأكدت زاخاروفا أن موسكو تراقب.'
            + separator
            for i in range(n)
        )

    small, big = article(3_000), article(30_000)
    assert len(big.encode()) > 4_500_000
    t0 = time.perf_counter()
    n_small = len(extract(small, ArticleMeta(), catalogue))
    t1 = time.perf_counter()
    n_big = len(extract(big, ArticleMeta(), catalogue))
    t2 = time.perf_counter()
    assert n_big == 10 * n_small
    # Ten times the text takes about ten times as long, not a hundred (a generous bound for noise).
    assert (t2 - t1) < 30 * max(t1 - t0, 0.01)


def test_an_article_over_the_limit_is_refused_with_a_message(catalogue):
    with pytest.raises(ExtractionError, match="over the"):
        extract("ا" * (MAX_ARTICLE_CHARS + 1), ArticleMeta(), catalogue)


def test_the_pipeline_runs_without_django():
    """Every stage module is pure Python: extraction runs where Django is not even imported."""
    import subprocess
    import sys

    code = (
        "import sys, datetime\n"
        "from articles.extraction.catalogue import Alias, Catalogue, CatalogueActor\n"
        "from articles.extraction.pipeline import ArticleMeta, extract\n"
        "cat = Catalogue.of([CatalogueActor('putin', 'Vladimir Putin', 'person', "
        "aliases=(Alias('بوتين', 'ar'),))])\n"
        "found = extract('عنوان\\n\\nقال بوتين إن الوضع مستقر.', "
        "ArticleMeta(published=datetime.date(2022, 1, 7)), cat)\n"
        "assert [s.speaker_key for s in found] == ['putin'], found\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert run.returncode == 0, run.stderr
