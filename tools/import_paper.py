"""One-off importer: shared paper text -> data/papers/wang-2025/paper.txt (the canonical copy).

Kept for provenance: it records every normalisation applied to the extracted text.
Run: python tools/import_paper.py ../shared/paper/wang-2025-ecl-cross-border-b2b.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SECTION_EN = {
    "1": "Introduction",
    "2": "Research status and problems",
    "2.1": "Cross-border e-commerce and enterprise internationalisation",
    "2.2": "The evolution of B2B platform functions",
    "2.3": "Differences in SMEs' participation",
    "2.4": "Platform governance and institutional challenges",
    "2.5": "Research gaps and directions for extension",
    "3": "Theoretical foundations and analytical approach",
    "3.1": "Theoretical foundations",
    "3.2": "Analytical approach",
    "4": "Stages and features of the digital development of cross-border B2B platforms",
    "4.1": "The information matching stage",
    "4.2": "The functional integration stage",
    "4.3": "The ecological collaboration stage",
    "4.4": "Comparison of stages and implications for trends",
    "5": "Digital empowerment and the mechanisms of SMEs' participation",
    "5.1": "The cost reduction mechanism",
    "5.2": "The credit enhancement mechanism",
    "5.3": "The market expansion mechanism",
    "5.4": "The resource integration mechanism",
    "5.5": "Synthesis",
    "6": "Governance logic and future trends",
    "6.1": "The overall framework of governance logic",
    "6.2": "The structure of the governance system",
    "6.2.1": "Institutional constraints and the need for coordination",
    "6.2.2": "Governance innovation enabled by technology",
    "6.3": "Future trends of governance",
    "7": "Conclusions and implications",
}

JOINS = [  # words split across a page break: (end of line before, start of line after)
    ("并结合人工智能、区块", "链与虚拟展会"),
    ("交易成本理论、资源基础理论、", "平台生态理论与制度理论"),
    ("在此背景下，制度", "协同成为平台治理优化"),
    ("未来研究可结", "合企业异质性"),
]


def normalise(raw: str) -> str:
    text = raw
    # the English abstract is interrupted by the page's citation footer: move the footer out
    footer = re.search(r"\n\n(文章引用: [^\n]+)\n\n", text)
    assert footer
    text = text.replace(footer.group(0), " ", 1)
    for left, right in JOINS:
        text, n = re.subn(re.escape(left) + r"\n\n" + re.escape(right), left + right, text)
        assert n == 1, left
    # markdown superscript citation markers -> plain bracketed numbers, as elsewhere in the text
    text = re.sub(r"\^\{((?:\[\d+\]\s*)+)\}", lambda m: m.group(1).replace(" ", ""), text)
    text = re.sub(r"\^(\[\d+\])", r"\1", text)
    return text, footer.group(1)


def blocks(text: str) -> list[str]:
    return [b.strip() for b in text.split("\n\n") if b.strip()]


def main(src: str) -> None:
    raw = Path(src).read_text(encoding="utf-8")
    text, footer = normalise(raw)
    bs = blocks(text)
    out: list[str] = [
        "%% Canonical text of: Wang Yilin (王艺霖) (2025). 跨境电商B2B平台的数字化演进与中小企业参与机制研究",
        "%% [The Digital Evolution of Cross-Border E-Commerce B2B Platforms and the Mechanism of",
        "%% SMEs' Participation]. E-Commerce Letters (电子商务评论) 14(12): 202-210.",
        "%% DOI 10.12677/ecl.2025.14123846. Copyright (c) 2025 by the author and Hans Publishers Inc.",
        "%% Licensed CC BY 4.0 <http://creativecommons.org/licenses/by/4.0/>; reused here with attribution.",
        "%% Normalised from the extracted text: words split across page breaks re-joined; the citation",
        "%% footer that interrupted the English abstract moved out (kept in front matter); markdown",
        "%% superscripts ^{[3] [4]} / ^[7] written as [3][4] / [7]; list items and reference",
        "%% entries one per paragraph, markdown italics dropped. Wording is otherwise verbatim.",
        "%% Format: '@section ID | zh title | en title', '@para ID' then the paragraph's text; '%%' comments.",
        "",
    ]
    section = "front"
    counters: dict[str, int] = {}

    def start(sec: str, zh: str, en: str) -> None:
        nonlocal section
        section = sec
        out.append(f"@section {sec} | {zh} | {en}")
        out.append("")

    def para(body: str, kind: str = "") -> None:
        counters[section] = counters.get(section, 0) + 1
        pid = f"{section}-{counters[section]}"
        out.append(f"@para {pid}{' ' + kind if kind else ''}")
        out.append(body)
        out.append("")

    start("front", "题名与作者", "Title and authors")
    i = 0
    mode = "front"
    while i < len(bs):
        b = bs[i]
        m = re.match(r"^(\d+(?:\.\d+)*)\.\s+(.+)$", b)
        if b == "摘要":
            start("abstract", "摘要", "Abstract (Chinese)")
        elif b == "关键词":
            start("keywords", "关键词", "Keywords (Chinese)")
        elif b.startswith("The Digital Evolution"):
            start("front-en", "英文题名与作者", "Title and authors (English)")
            para(b, "title")
        elif b == "Abstract":
            start("abstract-en", "英文摘要", "Abstract")
        elif b == "Keywords":
            start("keywords-en", "英文关键词", "Keywords")
        elif b.startswith("Copyright"):
            start("rights", "版权与许可", "Copyright and licence")
            para(b)
            para(footer)
        elif b == "Open Access":
            pass
        elif b == "参考文献":
            start("references", "参考文献", "References")
            mode = "refs"
        elif m and m.group(1) in SECTION_EN and mode != "refs":
            start(m.group(1), m.group(2).strip(), SECTION_EN[m.group(1)])
        elif re.match(r"^\d\) \S+$", b):
            para(b, "heading")
        elif mode == "refs":  # one entry per line; markdown italics dropped
            for line in b.split("\n"):
                para(re.sub(r"\*([^*]+)\*", r"\1", re.sub(r"^- ", "", line.strip())))
        else:
            if section == "front" and counters.get("front", 0) == 0:
                para(b, "title")
            else:
                for line in b.split("\n"):  # a list block holds one item per line
                    para(re.sub(r"^- (\d\))", r"\1", line.strip()))
        i += 1
    Path("data/papers/wang-2025/paper.txt").write_text("\n".join(out).rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
