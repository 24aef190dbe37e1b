"""Analyzer and analyzer_names."""

import pytest

import trawl


def test_english_stems_and_offsets():
    text = "Ukraine’s leaders met"
    tokens = trawl.Analyzer("english").tokens(text)
    assert [t[0] for t in tokens] == ["ukrain", "leader", "met"]
    assert [t[1] for t in tokens] == [0, 1, 2]
    for _, _, start, end in tokens:
        assert text[start:end] in ("Ukraine’s", "Ukraine", "leaders", "met")


def test_offsets_are_str_indices_with_non_ascii():
    text = "café naïve Zürich"
    tokens = trawl.Analyzer("standard").tokens(text)
    assert [text[s:e] for _, _, s, e in tokens] == ["café", "naïve", "Zürich"]
    assert [t[0] for t in tokens] == ["café", "naïve", "zürich"]


def test_names_and_errors():
    names = trawl.analyzer_names()
    for name in ("standard", "english", "keyword", "whitespace", "german"):
        assert name in names
        analyzer = trawl.Analyzer(name)
        assert analyzer.name == name
        assert repr(analyzer) == f"Analyzer('{name}')"
    assert trawl.Analyzer("keyword").tokens("New York") == [("New York", 0, 0, 8)]
    assert trawl.Analyzer("whitespace").tokens("New  York") == [("New", 0, 0, 3), ("York", 1, 5, 9)]
    assert trawl.Analyzer("standard").tokens("") == []
    with pytest.raises(trawl.InvalidArgumentError):
        trawl.Analyzer("klingon")
