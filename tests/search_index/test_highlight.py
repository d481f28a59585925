"""The marks on a results page: every match and only matches, escaped."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_credit.search_index import analysis
from workshop_credit.search_index.highlight import Highlighter


@pytest.fixture(scope="module", autouse=True)
def dictionary(tmp_path_factory):
    # As the application loads it (its folder has the same name), once, not in an example.
    analysis.load(str(tmp_path_factory.mktemp("highlight") / "jieba-cache"))


def marked_by_character(highlighter, text):
    """The pieces a per-character marking gives: the plain reading of the rule."""
    flags = [False] * len(text)
    for start, end in highlighter._spans(text.lower()):
        flags[start:end] = [True] * (end - start)
    pieces = []
    for ch, flag in zip(text, flags, strict=True):
        if pieces and pieces[-1][1] == flag:
            pieces[-1] = (pieces[-1][0] + ch, flag)
        else:
            pieces.append((ch, flag))
    return pieces


@given(
    query=st.lists(
        st.sampled_from(["米粉", "粉", "米", "峡江", "ab", "a"]), min_size=1, max_size=3
    ),
    text=st.text(st.sampled_from("米粉峡江县ab <&"), max_size=30),
)
def test_pieces_cover_the_text_and_mark_exactly_the_matches(query, text):
    highlighter = Highlighter(" ".join(query))
    pieces = highlighter.segments(text)
    assert "".join(piece for piece, _ in pieces) == text
    assert pieces == marked_by_character(highlighter, text)


def test_marked_text_is_escaped_and_its_matches_wrapped():
    html = Highlighter("米粉").marked("<b>峡江米粉</b> & 米粉干")
    assert html == "&lt;b&gt;峡江<mark>米粉</mark>&lt;/b&gt; &amp; <mark>米粉</mark>干"


def test_pinyin_marks_the_words_it_spells():
    assert Highlighter("mifen").marked("老王米粉坊") == "老王<mark>米粉</mark>坊"
    assert Highlighter("lw").marked("老王米粉坊") == "<mark>老王</mark>米粉坊"
