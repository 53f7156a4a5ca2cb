"""Read export files: detect the format from the content, decode, call the format's parser."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from b2bkg.corpus.bibtex import parse_bibtex
from b2bkg.corpus.jsonfmt import iter_json_objects, json_kind, parse_csl_json, parse_openalex
from b2bkg.corpus.model import ParseResult
from b2bkg.corpus.ris import parse_ris
from b2bkg.corpus.scopus import parse_scopus_csv
from b2bkg.corpus.wos import parse_wos_tab, parse_wos_text
from b2bkg.errors import BadRequest

__all__ = ["FORMATS", "detect_format", "decode", "read_file", "parse_text"]

FORMATS: dict[str, Callable[[str, str], ParseResult]] = {
    "wos": parse_wos_text,
    "wos-tab": parse_wos_tab,
    "scopus": parse_scopus_csv,
    "bibtex": parse_bibtex,
    "ris": parse_ris,
    "csl-json": parse_csl_json,
    "openalex": parse_openalex,
}


def decode(data: bytes) -> str:
    """Bytes to text: UTF-16 by its BOM (WoS tab-delimited exports), else UTF-8 (BOM dropped),
    else Latin-1 (never fails; old exports)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def detect_format(text: str) -> str | None:
    """The format of ``text`` from its content, or None.

    >>> detect_format("FN Clarivate Analytics Web of Science\\nVR 1.0\\nPT J\\n")
    'wos'
    >>> detect_format("PT\\tAU\\tTI\\tSO\\nJ\\tX\\tY\\tZ\\n")
    'wos-tab'
    >>> detect_format('"Authors","Author full names","Title","Year","Source title"\\n')
    'scopus'
    >>> detect_format("TY  - JOUR\\nTI  - x\\nER  - \\n")
    'ris'
    >>> detect_format("@article{k, title={x}}")
    'bibtex'
    >>> detect_format('[{"id": "https://openalex.org/W1", "title": "x"}]')
    'openalex'
    >>> detect_format('[{"id": "a", "type": "article-journal", "title": "x"}]')
    'csl-json'
    """
    head = text.lstrip("\ufeff").lstrip()[:4000]
    first = head.split("\n", 1)[0]
    if head.startswith(("FN ", "VR ")) or (head.startswith("PT ") and "\nER" in text[:200000]):
        return "wos"
    if "\t" in first and {"PT", "AU", "TI"} <= {c.strip().strip('"') for c in first.split("\t")}:
        return "wos-tab"
    if head.startswith("TY  - ") or "\nTY  - " in head:
        return "ris"
    if head.startswith(("[", "{")):
        result = ParseResult(file="", format="")
        for _, obj in iter_json_objects(text, "", result):
            kind = json_kind(obj)
            return {"openalex": "openalex", "csl": "csl-json"}.get(kind or "")
        return None
    if head.startswith("@") or "\n@" in head:
        return "bibtex"
    columns = {c.strip().strip('"') for c in first.split(",")}
    if {"Title", "Year"} <= columns and ({"Authors", "Author full names"} & columns):
        return "scopus"
    return None


def parse_text(text: str, file: str, fmt: str | None = None) -> ParseResult:
    """Parse ``text`` (named ``file`` in problems) as ``fmt`` or as the detected format."""
    fmt = fmt or detect_format(text)
    if fmt is None:
        raise BadRequest(f"{file}: cannot tell the format from the content; give --format "
                         f"({', '.join(FORMATS)})")
    if fmt not in FORMATS:
        raise BadRequest(f"unknown corpus format {fmt!r}; known: {', '.join(FORMATS)}")
    return FORMATS[fmt](text, file)


def read_file(path: str | Path, fmt: str | None = None, *, name: str | None = None) -> ParseResult:
    """Read one export file (``name`` is how problems name it; the path by default)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadRequest(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_text(decode(data), name or str(path), fmt)


_ = json  # imported for callers that re-export json errors
