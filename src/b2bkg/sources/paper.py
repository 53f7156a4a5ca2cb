"""The canonical paper text: sections and paragraphs with stable ids and character offsets.

The file format is described in ``docs/design.md``. The *canonical string* is rendered from it
deterministically: for each section its heading line, a blank line, then its paragraphs separated
by blank lines. Every offset in the dataset (``oa:TextPositionSelector``) points into that string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from b2bkg.errors import SourceError

__all__ = ["Paper", "Paragraph", "Section", "load_paper", "parse_paper"]


@dataclass(frozen=True)
class Paragraph:
    id: str
    section: str
    order: int
    kind: str  # "" for body text, "title" or "heading"
    text: str
    start: int
    end: int
    line: int  # line of the '@para' marker in the source file

    @property
    def is_body(self) -> bool:
        """A body paragraph: text (not a title or heading) of a numbered section (``1``, ``2.3`` …);
        front matter, abstracts and the reference list have named sections."""
        return self.kind == "" and self.section[:1].isdigit()


@dataclass(frozen=True)
class Section:
    id: str
    title_zh: str
    title_en: str
    order: int
    heading: str  # the heading line as rendered in the canonical string
    start: int
    paragraphs: tuple[str, ...] = field(default_factory=tuple)

    @property
    def parent(self) -> str | None:
        return self.id.rsplit(".", 1)[0] if "." in self.id else None


@dataclass(frozen=True)
class Paper:
    text: str
    sections: dict[str, Section]
    paragraphs: dict[str, Paragraph]
    comments: tuple[str, ...]
    path: str

    def find(self, quote: str, para: str | None = None) -> list[Paragraph]:
        """Paragraphs whose text contains ``quote`` (only ``para`` if given)."""
        candidates = [self.paragraphs[para]] if para in self.paragraphs else []
        if para is None:
            candidates = list(self.paragraphs.values())
        return [p for p in candidates if quote in p.text]

    def section_of(self, paragraph_id: str) -> Section:
        return self.sections[self.paragraphs[paragraph_id].section]


def _heading(section_id: str, title_zh: str) -> str:
    if section_id[0].isdigit():
        return f"{section_id}. {title_zh}"
    return title_zh


def parse_paper(source: str, path: str = "<string>") -> Paper:
    """Parse the canonical text format. Raises SourceError naming the line on bad input."""
    sections: dict[str, Section] = {}
    paragraphs: dict[str, Paragraph] = {}
    comments: list[str] = []
    pieces: list[str] = []
    offset = 0
    current_section: dict | None = None
    current_para: dict | None = None
    section_paras: dict[str, list[str]] = {}

    def emit(chunk: str) -> int:
        nonlocal offset
        if pieces:
            pieces.append("\n\n")
            offset += 2
        start = offset
        pieces.append(chunk)
        offset += len(chunk)
        return start

    def close_para() -> None:
        nonlocal current_para
        if current_para is None:
            return
        text = " ".join(current_para["lines"]).strip()
        if not text:
            raise SourceError(f"{path}:{current_para['line']}: paragraph {current_para['id']} is empty")
        start = emit(text)
        p = Paragraph(
            id=current_para["id"],
            section=current_para["section"],
            order=current_para["order"],
            kind=current_para["kind"],
            text=text,
            start=start,
            end=start + len(text),
            line=current_para["line"],
        )
        paragraphs[p.id] = p
        section_paras[p.section].append(p.id)
        current_para = None

    for lineno, raw in enumerate(source.splitlines(), start=1):
        line = raw.rstrip()
        if line.startswith("%%"):
            comments.append(line[2:].strip())
        elif line.startswith("@section "):
            close_para()
            parts = [x.strip() for x in line[len("@section "):].split("|")]
            if len(parts) != 3 or not all(parts):
                raise SourceError(f"{path}:{lineno}: expected '@section ID | zh title | en title'")
            sid, zh, en = parts
            if sid in sections:
                raise SourceError(f"{path}:{lineno}: section {sid} defined twice")
            heading = _heading(sid, zh)
            start = emit(heading)
            sections[sid] = Section(sid, zh, en, len(sections) + 1, heading, start)
            section_paras[sid] = []
            current_section = {"id": sid}
        elif line.startswith("@para "):
            close_para()
            parts = line[len("@para "):].split()
            if current_section is None:
                raise SourceError(f"{path}:{lineno}: paragraph before any '@section'")
            if not parts or len(parts) > 2 or (len(parts) == 2 and parts[1] not in ("title", "heading")):
                raise SourceError(f"{path}:{lineno}: expected '@para ID [title|heading]'")
            pid = parts[0]
            if pid in paragraphs:
                raise SourceError(f"{path}:{lineno}: paragraph {pid} defined twice")
            sid = current_section["id"]
            current_para = {
                "id": pid,
                "section": sid,
                "order": len(section_paras[sid]) + 1,
                "kind": parts[1] if len(parts) == 2 else "",
                "lines": [],
                "line": lineno,
            }
        elif line.startswith("@"):
            raise SourceError(f"{path}:{lineno}: unknown directive {line.split()[0]!r}")
        elif line:
            if current_para is None:
                raise SourceError(f"{path}:{lineno}: text outside a paragraph")
            current_para["lines"].append(line)
    close_para()
    final_sections = {
        sid: Section(s.id, s.title_zh, s.title_en, s.order, s.heading, s.start, tuple(section_paras[sid]))
        for sid, s in sections.items()
    }
    return Paper("".join(pieces), final_sections, paragraphs, tuple(comments), path)


def load_paper(path: str | Path) -> Paper:
    """Load a canonical paper text (``data/papers/<id>/paper.txt``)."""
    p = Path(path)
    try:
        source = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError(f"cannot read paper text {p}: {exc.strerror}") from exc
    return parse_paper(source, str(p))
