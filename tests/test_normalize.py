import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.extraction.normalize import (
    bag_f1,
    claim_words,
    normalize,
    normalize_with_map,
    passage_runs,
    word_bag,
    word_runs,
)
from articles.extraction.segment import lines_of, normalised_span, tokens_of


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أحمد إسماعيل آمنة", "احمد اسماعيل امنه"),  # hamza and madda alefs, teh marbuta
        ("مُسْتَشْفَى", "مستشفي"),  # harakat, alef maqsura
        ("كـــازاخستان", "كازاخستان"),  # tatweel
        ("توكاييف", "توكايف"),  # a doubled yeh is folded
        ("مؤتمر رئيس", "موتمر ريس"),  # hamza carriers
        ("«قال» “نعم”", '"قال" "نعم"'),  # quotation marks of every kind
        ("١٠ كانون", "10 كانون"),  # Arabic-Indic digits
        ("МИД России", "мид россии"),
        ("\u200fنص\u200e", "نص"),  # direction marks
    ],
)
def test_it_folds_what_spelling_varies_on(raw, folded):
    assert normalize(raw) == folded


@given(st.text())
def test_the_map_points_every_folded_character_at_its_original(text):
    folded, index = normalize_with_map(text)
    assert folded == normalize(text)
    assert len(index) == len(folded)
    assert list(index) == sorted(set(index))
    assert all(0 <= i < len(text) for i in index)


@given(st.text(alphabet='اأبةيـَ ًّ،.\n"«»Ab', max_size=80), st.data())
def test_a_span_of_tokens_normalises_as_its_slice_of_the_normalised_line(text, data):
    # The pipeline cuts statements' normalised words out of their line's normalised text.
    for line in lines_of(text):
        if line.kind == "blank":
            continue
        tokens = tokens_of(text, line.start, line.end, line.quotes, (line.norm, line.index))
        if not tokens:
            continue
        a = data.draw(st.integers(0, len(tokens) - 1))
        b = data.draw(st.integers(a, len(tokens) - 1))
        start, stop = tokens[a].start, tokens[b].end
        assert normalised_span(line, start, stop) == normalize(text[start:stop])


def multiset_f1(a: list[str], b: list[str]) -> float:
    """Token F1 by its definition: twice the words in common (with repeats) over both lengths."""
    if not a or not b:
        return 0.0
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    return 2 * common / (len(a) + len(b))


WORDS = st.lists(st.sampled_from(["قال", "إن", "الوضع", "مستقر", "في", "كازاخستان", "القوات"]), max_size=12)


@given(a=WORDS, b=WORDS, at_least=st.sampled_from([0.0, 0.5, 0.8]))
def test_the_word_bags_f1_is_token_f1_and_skips_only_pairs_that_cannot_reach_the_bar(a, b, at_least):
    bag_a, bag_b = word_bag(" ".join(a)), word_bag(" ".join(b))
    f1 = bag_f1(bag_a, bag_a.total(), bag_b, bag_b.total(), at_least=at_least)
    expected = multiset_f1(a, b)
    assert f1 == expected or (f1 == 0.0 and expected < at_least)


def test_a_fragment_cut_from_a_statement_shares_its_runs_and_other_words_share_none():
    statement = normalize("The Collective Security Treaty Organization will send peacekeepers to Kazakhstan")
    stored = set(word_runs(statement).split())
    cut = claim_words(normalize("security treaty organization will send peacekeepers"))
    reordered = claim_words(normalize("peacekeepers send will organization treaty security"))
    assert len(stored) == 5  # seven claim words ("the", "will", "to" are none), five runs of three
    assert set(passage_runs(cut)) & stored
    assert not set(passage_runs(reordered)) & stored


def test_a_statement_of_two_claim_words_is_found_by_a_passage_that_holds_them_in_a_row():
    passage = claim_words(normalize("Tokayev resigned today"))
    assert word_runs(normalize("Tokayev resigned.")) in passage_runs(passage)
    assert word_runs(normalize("the resignation")) == ""  # one claim word is no quote
