"""The alias trie that names catalogue actors in a run of normalised words."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.extraction.aliases import AliasAutomaton, alias_tokens
from articles.extraction.catalogue import Alias, Catalogue, CatalogueActor


def actor(key, *aliases, kind="person"):
    return CatalogueActor(key, key, kind, aliases=tuple(Alias(a, "ar") for a in aliases))


MATCHER = AliasAutomaton(
    Catalogue.of(
        [
            actor("ministry", "وزارة الخارجية", kind="government_body"),
            actor("russian_ministry", "وزارة الخارجية الروسية", kind="government_body"),
            actor("putin", "بوتين", "فلاديمير بوتين"),
            actor("first", "الناطق"),
            actor("second", "الناطق"),  # the same alias, later in the catalogue
            actor("lab", "لابيد"),
            actor("bid", "ابيد"),
            actor("us", "US", kind="country"),
        ]
    )
)


def found(text):
    return [(m.key, m.start, m.end) for m in MATCHER.find(list(alias_tokens(text)))]


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        # The longest alias wins over its prefix.
        ("قالت وزارة الخارجية الروسية", [("russian_ministry", 1, 4)]),
        ("قالت وزارة الخارجية", [("ministry", 1, 3)]),
        # A mention is never overlapped by the next one.
        ("فلاديمير بوتين بوتين", [("putin", 0, 2), ("putin", 2, 3)]),
        # A leading conjunction or preposition comes off the first word.
        ("وبوتين", [("putin", 0, 1)]),
        ("لوزارة الخارجية", [("ministry", 0, 2)]),
        # Two actors with one alias: the first in catalogue order keeps it.
        ("الناطق", [("first", 0, 1)]),
        # Where both readings match, the word as written wins over the word stripped of «ل».
        ("لابيد", [("lab", 0, 1)]),
        # Short Latin capitals would match English words: never aliases.
        ("us and US", []),
        ("", []),
        ("كلمات لا تسمي أحدا", []),
    ],
)
def test_it_finds_the_longest_non_overlapping_aliases(text, mentions):
    assert found(text) == mentions


@given(st.lists(st.sampled_from(["وزارة", "الخارجية", "الروسية", "بوتين", "فلاديمير", "قال", "و"])))
def test_mentions_are_in_order_inside_the_words_and_never_overlap(words):
    mentions = MATCHER.find([w for t in words for w in alias_tokens(t)])
    ends = [0] + [m.end for m in mentions]
    assert all(m.start >= end and m.end > m.start for m, end in zip(mentions, ends, strict=False))
