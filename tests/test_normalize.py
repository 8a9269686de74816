import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.extraction.normalize import normalize, normalize_with_map


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
    assert index == sorted(set(index))
    assert all(0 <= i < len(text) for i in index)
