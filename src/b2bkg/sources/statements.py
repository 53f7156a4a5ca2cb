"""Read the curated statement files (``data/papers/<id>/statements/*.yaml``) into plain records with line numbers.

The format is described in ``docs/design.md``. This module only reads and checks the *shape* of
each entry; resolving ids and terms and verifying quotes is the build's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from b2bkg.errors import SourceError

__all__ = [
    "Citation",
    "EntityEntry",
    "StatementEntry",
    "StatementFile",
    "load_statement_files",
    "parse_statement_file",
]


@dataclass(frozen=True)
class EntityEntry:
    file: str
    line: int
    id: str
    types: tuple[str, ...]
    label: dict[str, str]
    alt: dict[str, tuple[str, ...]]
    definition: dict[str, str]
    quote: str | None
    para: str | None
    data: dict[str, Any]
    authors: tuple[str, ...]


@dataclass(frozen=True)
class StatementEntry:
    file: str
    line: int
    s: str
    p: str
    o: Any  # an id / prefixed term (str) or a literal mapping {v:, type:|lang:}
    quote: str | None
    para: str | None
    kind: tuple[str, ...] = ()  # curated framing marks (see b2bkg.build.claims.KINDS)
    cue: str | None = None  # the words of the quote the curated marks rest on
    moderated_by: tuple[str, ...] = ()  # entity ids that moderate the stated relation
    moderation_quote: str | None = None  # the words that state the moderation


@dataclass(frozen=True)
class Citation:
    file: str
    line: int
    refs: tuple[int, ...]
    intent: str
    quote: str | None
    para: str | None
    about: tuple[str, ...]


@dataclass
class StatementFile:
    path: str
    entities: list[EntityEntry] = field(default_factory=list)
    statements: list[StatementEntry] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader that records the 1-based line of every mapping as key ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

_ENTITY_KEYS = {"id", "a", "label", "alt", "definition", "quote", "para", "data", "authors"}
_STATEMENT_KEYS = {"s", "p", "o", "quote", "para", "kind", "cue", "moderatedBy"}
_CITATION_KEYS = {"refs", "intent", "quote", "para", "about"}


def _as_tuple(value: Any) -> tuple:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(value)
    return (value,)


def _lang_map(value: Any, where: str, key: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SourceError(f"{where}: '{key}' must be a mapping of language to text, e.g. {{en: …, zh: …}}")
    out = {}
    for lang, text in value.items():
        if lang == "__line__":
            continue
        if not isinstance(text, str) or not text.strip():
            raise SourceError(f"{where}: '{key}.{lang}' must be non-empty text")
        out[str(lang)] = text.strip()
    return out


def _clean(value: Any) -> Any:
    """Strip the ``__line__`` bookkeeping from nested data."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _text(entry: dict, key: str, where: str, required: bool) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise SourceError(f"{where}: missing '{key}'")
        return None
    if isinstance(value, (int, float)) and key == "para":
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise SourceError(f"{where}: '{key}' must be non-empty text")
    return value.strip() if key != "quote" else value


def _check_keys(entry: dict, allowed: set[str], where: str, kind: str) -> None:
    unknown = sorted(k for k in entry if k not in allowed and k != "__line__")
    if unknown:
        raise SourceError(
            f"{where}: unknown key(s) {', '.join(unknown)} in {kind} (allowed: {', '.join(sorted(allowed))})"
        )


def _moderation(value: Any, where: str) -> tuple[tuple[str, ...], str | None]:
    """``moderatedBy: {by: [ids], quote: …}`` → (ids, quote)."""
    if value is None:
        return (), None
    if not isinstance(value, dict) or "by" not in value or "quote" not in value:
        raise SourceError(f"{where}: 'moderatedBy' must be a mapping {{by: [ids], quote: …}}")
    by = tuple(str(m) for m in _as_tuple(value.get("by")))
    quote = value.get("quote")
    if not by or not isinstance(quote, str) or not quote.strip():
        raise SourceError(f"{where}: 'moderatedBy' needs at least one id in 'by' and a non-empty 'quote'")
    return by, quote


def parse_statement_file(text: str, path: str = "<string>") -> StatementFile:
    """Parse one statement file. Raises SourceError naming file and line on bad shape."""
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(f"{path}:{line}: YAML error: {problem}") from None
    result = StatementFile(path)
    if doc is None:
        return result
    if not isinstance(doc, dict):
        raise SourceError(f"{path}:1: expected a mapping with 'entities', 'statements', 'citations'")
    unknown = sorted(k for k in doc if k not in ("entities", "statements", "citations", "__line__"))
    if unknown:
        raise SourceError(f"{path}:1: unknown top-level key(s): {', '.join(unknown)}")
    for section in ("entities", "statements", "citations"):
        items = doc.get(section) or []
        if not isinstance(items, list):
            raise SourceError(f"{path}: '{section}' must be a list")
        for item in items:
            if not isinstance(item, dict):
                raise SourceError(f"{path}: every item of '{section}' must be a mapping")
            where = f"{path}:{item['__line__']}"
            if section == "entities":
                _check_keys(item, _ENTITY_KEYS, where, "an entity")
                eid = _text(item, "id", where, True)
                types = tuple(str(t) for t in _as_tuple(item.get("a")))
                if not types:
                    raise SourceError(f"{where}: entity {eid} needs at least one class in 'a'")
                alt_raw = item.get("alt") or {}
                if not isinstance(alt_raw, dict):
                    raise SourceError(f"{where}: 'alt' must be a mapping of language to a list")
                alt = {
                    str(k): tuple(str(x) for x in _as_tuple(v))
                    for k, v in alt_raw.items()
                    if k != "__line__"
                }
                data = _clean(item.get("data") or {})
                if not isinstance(data, dict):
                    raise SourceError(f"{where}: 'data' must be a mapping of property to value(s)")
                result.entities.append(
                    EntityEntry(
                        file=path,
                        line=item["__line__"],
                        id=eid,
                        types=types,
                        label=_lang_map(item.get("label"), where, "label"),
                        alt=alt,
                        definition=_lang_map(item.get("definition"), where, "definition"),
                        quote=_text(item, "quote", where, False),
                        para=_text(item, "para", where, False),
                        data=data,
                        authors=tuple(str(a) for a in _as_tuple(item.get("authors"))),
                    )
                )
            elif section == "statements":
                _check_keys(item, _STATEMENT_KEYS, where, "a statement")
                if "o" not in item:
                    raise SourceError(f"{where}: missing 'o'")
                kinds = tuple(str(k) for k in _as_tuple(item.get("kind")))
                cue = _text(item, "cue", where, False)
                if kinds and cue is None:
                    raise SourceError(f"{where}: 'kind' needs 'cue': the words of the quote it rests on")
                moderators, moderation_quote = _moderation(item.get("moderatedBy"), where)
                result.statements.append(
                    StatementEntry(
                        file=path,
                        line=item["__line__"],
                        s=_text(item, "s", where, True),
                        p=_text(item, "p", where, True),
                        o=_clean(item["o"]),
                        quote=_text(item, "quote", where, False),
                        para=_text(item, "para", where, False),
                        kind=kinds,
                        cue=cue,
                        moderated_by=moderators,
                        moderation_quote=moderation_quote,
                    )
                )
            else:
                _check_keys(item, _CITATION_KEYS, where, "a citation")
                refs = _as_tuple(item.get("refs"))
                if not refs or not all(isinstance(r, int) for r in refs):
                    raise SourceError(f"{where}: 'refs' must be a list of reference numbers")
                result.citations.append(
                    Citation(
                        file=path,
                        line=item["__line__"],
                        refs=tuple(refs),
                        intent=_text(item, "intent", where, True),
                        quote=_text(item, "quote", where, False),
                        para=_text(item, "para", where, False),
                        about=tuple(str(a) for a in _as_tuple(item.get("about"))),
                    )
                )
    return result


def load_statement_files(directory: str | Path) -> list[StatementFile]:
    """Every ``*.yaml`` file of the directory, in file-name order."""
    d = Path(directory)
    if not d.is_dir():
        raise SourceError(f"statements directory not found: {d}")
    files = []
    for p in sorted(d.glob("*.yaml")):
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise SourceError(f"cannot read {p}: {exc.strerror}") from exc
        files.append(parse_statement_file(text, _display(p)))
    return files


def _display(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(p)
