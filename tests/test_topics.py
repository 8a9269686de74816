"""Topic and act words, found in one pass over a statement's normalised words."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.extraction.lexicon import ACT_WORDS
from articles.extraction.normalize import normalize
from articles.extraction.phrases import PhraseSet
from articles.extraction.topics import LEXICON, act_of, topic_of


def test_a_phrase_is_found_inside_a_longer_word_and_where_phrases_overlap():
    phrases = PhraseSet(["احتجاج", "احتجاجات", "جات", "قوات حفظ"])
    assert phrases.present("الاحتجاجات و قوات حفظ السلام") == {"احتجاج", "احتجاجات", "جات", "قوات حفظ"}


def test_an_empty_phrase_set_and_an_empty_text_find_nothing():
    assert PhraseSet([]).present("نص") == set()
    assert PhraseSet(["", "نص"]).present("") == set()


@given(st.text(alphabet="ابتثج ", max_size=40), st.lists(st.text(alphabet="ابتثج", max_size=4), max_size=8))
def test_it_finds_exactly_the_phrases_that_occur(text, phrases):
    assert PhraseSet(phrases).present(text) == {p for p in phrases if p and p in text}


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("قوات حفظ السلام ستغادر", "csto"),
        ("المتظاهرون في الشوارع", "protests"),
        ("الموظفون بخير", ""),
        # Both named: the topic is "both" only when the protest words clearly outnumber the CSTO's.
        ("الاحتجاجات والمتظاهرون والاضطرابات ثم قوات حفظ السلام", "both"),
        ("الاحتجاجات وقوات حفظ السلام", "csto"),
    ],
)
def test_the_topic_follows_the_words_named(text, topic):
    assert topic_of(normalize(text)) == topic


@pytest.mark.parametrize(
    ("cue_act", "text", "act"),
    [
        ("statement", "إن الوضع هادئ", "statement"),
        ("appeal", "إن الوضع هادئ", "appeal"),  # the cue verb alone decides
        ("statement", "ندين إطلاق النار", "disapprove"),
        ("statement", "نرفض الاتهامات", "reject"),
    ],
)
def test_the_act_follows_the_cue_and_the_words(cue_act, text, act):
    norm = normalize(text)
    assert act_of(cue_act, LEXICON.present(norm)) == act


@pytest.mark.parametrize("word", sorted({w for words in ACT_WORDS.values() for w in words}))
def test_every_act_word_alone_names_an_act(word):
    assert act_of("statement", LEXICON.present(word)) != "statement"
