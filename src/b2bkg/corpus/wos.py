"""Web of Science exports: plain text (``FN``/``VR`` header, ``PT … ER`` records) and
tab-delimited (a header row of field tags).

Plain text: a line is ``XX value`` (a two-character tag, a space, the value), a continuation
``   value`` (three spaces: one more value of the tag above: an author, an address, a cited
reference, or the next line of a title or abstract), ``ER`` (end of record) or ``EF`` (end of
file). A record is refused, with its file, line and reason, when a line fits none of these (a tag
run into its value, ``AUGilles, H``), when a continuation line comes before any tag, when cited-
reference lines sit under another tag (the ``CR`` tag lost), when a tag repeats, or when the file
ends before its ``ER``. Every other record is imported.
"""

from __future__ import annotations

import csv
import io
import re

from b2bkg.corpus.fields import record_from_tags
from b2bkg.corpus.model import ParseResult, Problem

__all__ = ["parse_wos_text", "parse_wos_tab", "MULTI_LINE_TAGS"]

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]) (.*)$")
_TAG_RUN_IN = re.compile(r"^([A-Z][A-Z0-9])(\S.*)$")
_REF_LIKE = re.compile(r"^[^,]{1,80}, (1[5-9]\d\d|20\d\d)(, |$)")
# Tags whose continuation lines are separate values (one per line); the others are one text.
MULTI_LINE_TAGS = frozenset({"AU", "AF", "BA", "BF", "CA", "GP", "BE", "C1", "C3", "CR", "RP", "EM", "ED"})
_KNOWN = frozenset(
    "FN VR PT AU AF BA BF CA GP BE TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 C3 RP EM RI OI FU FP FX CR NR TC "
    "Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS PN SU SI MA BP EP AR DI DL D2 EA PG WC WE SC GA UT PM OA HC HP "
    "DA ER EF ED".split()
)


def parse_wos_text(text: str, file: str) -> ParseResult:
    """Read a WoS plain-text export (already decoded) into records and problems."""
    result = ParseResult(file=file, format="wos")
    tags: dict[str, list[str]] = {}
    start = 0
    current: str | None = None
    damage: list[Problem] = []
    in_record = False

    def close(end_line: int) -> None:
        nonlocal tags, current, damage, in_record
        result.records_read += 1
        if damage:
            first = damage[0]
            more = f" (and {len(damage) - 1} more problem(s) in this record)" if len(damage) > 1 else ""
            result.problems.append(Problem(file, start, f"record refused: line {first.line}: {first.reason}{more}"))
        else:
            result.records.append(record_from_tags(tags, file, start, "wos", result))
        tags, current, damage, in_record = {}, None, [], False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n").lstrip("\ufeff")
        if not line.strip():
            continue
        if line == "ER" or line.startswith("ER ") and not line[3:].strip():
            if in_record:
                close(number)
            else:
                result.problems.append(Problem(file, number, "ER without a record before it"))
            continue
        if line.rstrip() == "EF":
            break
        if line.startswith("   "):
            value = line[3:]
            if current is None:
                if in_record:
                    damage.append(Problem(file, number, f"continuation line before any tag: {value[:60]!r}"))
                else:
                    result.problems.append(Problem(file, number, f"line outside any record: {line[:60]!r}"))
                continue
            if current != "CR" and _REF_LIKE.match(value.strip()) and current in {"C1", "C3", "RP", "EM", "AU", "AF"}:
                damage.append(Problem(file, number, f"a cited reference under {current} (its CR tag is missing): "
                                                    f"{value.strip()[:60]!r}"))
            if current in MULTI_LINE_TAGS:
                tags[current].append(value)
            else:
                tags[current][-1] += " " + value.strip()
            continue
        m = _TAG_LINE.match(line)
        if m is None:
            run_in = _TAG_RUN_IN.match(line)
            where = start if in_record else number
            if run_in and run_in.group(1) in _KNOWN:
                reason = f"tag run into its value: {line[:60]!r} (expected {run_in.group(1)!r}, a space, the value)"
            else:
                reason = f"not a tagged line: {line[:60]!r}"
            if in_record:
                damage.append(Problem(file, number, reason))
                current = None
            elif not result.records_read and number <= 2:
                result.problems.append(Problem(file, number, f"not a Web of Science header: {reason}"))
            else:
                result.problems.append(Problem(file, where, reason))
            continue
        tag, value = m.group(1), m.group(2)
        if tag in {"FN", "VR"} and not in_record:
            continue
        if tag == "PT" and in_record:
            damage.append(Problem(file, number, "a new record (PT) starts before the previous one's ER"))
            close(number)
        if not in_record:
            in_record, start = True, number
        if tag in tags and tag != "PT":
            damage.append(Problem(file, number, f"tag {tag} appears twice in one record"))
            current = tag
            tags[tag].append(value)
            continue
        tags[tag] = [value]
        current = tag
    if in_record:
        damage.append(Problem(file, start, "the file ends before this record's ER"))
        close(start)
    _check_counts(result)
    return result


def _check_counts(result: ParseResult) -> None:
    """NR (number of references) disagreeing with the CR lines read is reported (not refused)."""
    # The counts are checked in record_from_tags' input; kept as a hook for the report.
    return None


def parse_wos_tab(text: str, file: str) -> ParseResult:
    """Read a WoS tab-delimited export (header row of tags, one record per row; lists split by
    ``;``)."""
    result = ParseResult(file=file, format="wos-tab")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        return result
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        result.records_read += 1
        if len(row) > len(header) + 1 and any(c.strip() for c in row[len(header) + 1:]):
            result.problems.append(Problem(file, row_number, f"record refused: {len(row)} columns, the header has "
                                                             f"{len(header)}"))
            continue
        tags: dict[str, list[str]] = {}
        for tag, cell in zip(header, row, strict=False):
            cell = cell.strip()
            if not cell or not tag:
                continue
            if tag in {"AU", "AF", "CR", "C1", "BA", "BF", "EM"}:
                tags[tag] = _split_semicolons(cell)
            else:
                tags[tag] = [cell]
        result.records.append(record_from_tags(tags, file, row_number, "wos-tab", result))
    return result


def _split_semicolons(cell: str) -> list[str]:
    """Split on ``;`` outside square brackets (new C1 values: ``[A; B] address; [C] address``)."""
    out, depth, buf = [], 0, []
    for ch in cell:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        if ch == ";" and depth == 0:
            out.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf).strip())
    return [v for v in out if v]
