"""The canonical paper text: structure, offsets, and faithfulness to the shared source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from b2bkg.errors import SourceError
from b2bkg.sources.paper import load_paper, parse_paper
from support.requires import require_that

PAPER = Path(__file__).resolve().parents[2] / "data" / "papers" / "wang-2025" / "paper.txt"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "paper" / "wang-2025-ecl-cross-border-b2b.txt"


def test_sections_and_paragraphs_have_stable_ids():
    paper = load_paper(PAPER)
    assert list(paper.sections)[:3] == ["front", "abstract", "keywords"]
    for sid in ["1", "2.1", "2.5", "3.1", "4.4", "5.5", "6.2.1", "6.2.2", "6.3", "7", "references"]:
        assert sid in paper.sections
    assert [p for p in paper.sections["references"].paragraphs] == [f"references-{n}" for n in range(1, 27)]
    assert paper.paragraphs["3.1-2"].kind == "heading"
    assert sum(p.is_body for p in paper.paragraphs.values()) == 58


def test_offsets_point_into_the_canonical_string():
    paper = load_paper(PAPER)
    for p in paper.paragraphs.values():
        assert paper.text[p.start : p.end] == p.text
    sec = paper.sections["2.4"]
    assert paper.text[sec.start :].startswith("2.4. 平台治理与制度挑战")


def test_page_break_artefacts_are_normalised():
    paper = load_paper(PAPER)
    assert paper.find("并结合人工智能、区块链与虚拟展会等新兴趋势")[0].id == "1-5"
    assert paper.find("在此背景下，制度协同成为平台治理优化的关键方向")[0].id == "6.2.1-1"
    assert paper.find("未来研究可结合企业异质性与国际比较")[0].id == "7-4"
    assert "文章引用" not in paper.paragraphs["abstract-en-1"].text
    assert "^{" not in paper.text and "^[" not in paper.text


def test_wording_is_the_shared_source_wording():
    """Ignoring whitespace and the documented markup normalisations, the words are the source's."""
    require_that(SHARED.exists(), f"the shared source text {SHARED} (../shared beside the clone)")

    def squash(s: str) -> str:
        s = re.sub(r"\^\{|\}|\^|\*|^- ", "", s, flags=re.M)
        return re.sub(r"\s+|-", "", s)

    raw = SHARED.read_text(encoding="utf-8").replace("Open Access", "")
    source = squash(re.sub(r"(?m)^文章引用: .*$", "", raw))  # the footer interrupts the abstract
    with_footer = squash(raw)
    paper = load_paper(PAPER)
    for p in paper.paragraphs.values():
        assert squash(p.text) in source or squash(p.text) in with_footer, p.id


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("@para 1-1\nx\n", "paragraph before any '@section'"),
        ("@section 1 | a\n", "expected '@section ID | zh title | en title'"),
        ("@section 1 | a | b\nfree text\n", "text outside a paragraph"),
        ("@section 1 | a | b\n@para 1-1 bogus\nx\n", "expected '@para ID [title|heading]'"),
        ("@section 1 | a | b\n@para 1-1\nx\n@para 1-1\ny\n", "paragraph 1-1 defined twice"),
        ("@section 1 | a | b\n@para 1-1\n\n@section 2 | c | d\n", "paragraph 1-1 is empty"),
        ("@bogus\n", "unknown directive"),
    ],
)
def test_malformed_text_names_the_line(text, message):
    with pytest.raises(SourceError) as err:
        parse_paper(text, "t.txt")
    assert message in str(err.value)
    assert "t.txt:" in str(err.value)
