"""Pure helpers of the Explorer pages: keyset positions, highlighted spans, periods. No database."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reactions.lib.highlight import Segment, context, segments
from reactions.lib.keyset import BadPosition, Position, decode
from reactions.lib.periods import period_end, period_label, period_start, span


@given(st.one_of(st.none(), st.dates()), st.integers(min_value=1, max_value=10**15))
def test_a_position_reads_back_as_it_was_written(day, ident):
    position = Position(day, ident)
    assert decode(position.encode()) == position


@pytest.mark.parametrize(
    "value", ["", "2022-01-10", "2022-01-10.", "2022-13-01.5", "x.5", "none.-1", "none.1e3"]
)
def test_a_position_the_app_did_not_write_is_refused(value):
    with pytest.raises(BadPosition):
        decode(value)


@given(
    st.text(max_size=200),
    st.lists(st.tuples(st.integers(-5, 220), st.integers(-5, 220)), max_size=12),
)
def test_segments_join_back_into_the_text_whatever_the_spans(text, spans):
    parts = segments(text, [(a, b, i) for i, (a, b) in enumerate(spans)])
    assert "".join(p.text for p in parts) == text
    marked = [p.mark for p in parts if p.mark is not None]
    assert len(marked) == len(set(marked))  # a span is shown once or not at all


def test_a_span_nested_in_another_is_left_unmarked():
    assert segments("abcdef", [(0, 4, "outer"), (1, 3, "inner")]) == [Segment("abcd", "outer"), Segment("ef")]


def test_context_stops_at_the_paragraph():
    text = "first line\nbefore WORDS after\nlast line"
    start = text.index("WORDS")
    assert context(text, start, start + 5) == ("before ", "WORDS", " after")


@pytest.mark.parametrize(
    ("day", "group", "start", "end"),
    [
        (date(2022, 1, 12), "day", date(2022, 1, 12), date(2022, 1, 12)),
        (date(2022, 1, 12), "week", date(2022, 1, 10), date(2022, 1, 16)),  # Monday to Sunday
        (date(2022, 1, 12), "month", date(2022, 1, 1), date(2022, 1, 31)),
        (date(2022, 2, 14), "month", date(2022, 2, 1), date(2022, 2, 28)),
        (date(2024, 2, 14), "month", date(2024, 2, 1), date(2024, 2, 29)),
        (date(2021, 12, 31), "month", date(2021, 12, 1), date(2021, 12, 31)),
    ],
)
def test_a_day_falls_in_its_week_and_month(day, group, start, end):
    assert period_start(day, group) == start
    assert period_end(start, group) == end


def test_a_span_fills_the_quiet_periods_between_the_first_and_the_last():
    assert span(date(2022, 1, 5), date(2022, 1, 8), "day") == [date(2022, 1, d) for d in (5, 6, 7, 8)]
    assert span(date(2021, 12, 30), date(2022, 2, 2), "month") == [
        date(2021, 12, 1),
        date(2022, 1, 1),
        date(2022, 2, 1),
    ]
    assert len(span(date(2000, 1, 1), date(2022, 1, 1), "day", limit=10)) == 10


def test_periods_have_readable_labels():
    assert period_label(date(2022, 1, 10), "week") == "week of 10 Jan 2022"
    assert period_label(date(2022, 1, 1), "month") == "January 2022"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("statement", 1),
        ("statement", 987654),
        ("article", 42),
        ("actor", "sergey-lavrov"),
        ("actor", "وزارة-الخارجية"),
        ("actor", "a b%c?d#e&f+g"),
        ("event", "csto-deployment"),
    ],
)
def test_an_address_made_without_the_resolver_is_the_one_reverse_gives(name, value):
    from django.urls import reverse

    from reactions.lib.addresses import address

    assert address(name, value) == reverse(name, args=[value])


def test_an_address_carries_the_script_prefix_the_site_is_served_under():
    from django.urls import reverse, set_script_prefix

    from reactions.lib.addresses import address

    set_script_prefix("/reactions-app/")
    try:
        assert address("statement", 7) == reverse("statement", args=[7]) == "/reactions-app/statements/7/"
    finally:
        set_script_prefix("/")
