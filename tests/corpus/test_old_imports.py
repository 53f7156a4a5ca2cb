"""An import made before the co-citation helper triples (``b2b:citedAuthorKey``,
``b2b:citedVenue``) gives a clear error for those networks, not an empty network."""

from __future__ import annotations

from pathlib import Path

import pytest

from b2bkg.corpus.persist import import_corpus
from b2bkg.corpus.service import CorpusView
from b2bkg.errors import BadRequest
from b2bkg.store import MemoryStore


@pytest.fixture(scope="module")
def imports(tmp_path_factory, wos_damaged):
    tmp = tmp_path_factory.mktemp("old")
    report = import_corpus([wos_damaged], "optics", directory=tmp)
    old = tmp / "old.nq"
    lines = Path(report.path).read_text(encoding="utf-8").splitlines(keepends=True)
    old.write_text("".join(x for x in lines if "citedAuthorKey" not in x and "citedVenue" not in x), encoding="utf-8")
    assert len(old.read_text(encoding="utf-8").splitlines()) < len(lines)
    return CorpusView(MemoryStore(report.path)), CorpusView(MemoryStore(old))


@pytest.mark.parametrize("unit", ["authors", "sources"])
def test_an_import_without_the_helpers_is_told_to_import_again(imports, unit):
    current, old = imports
    assert current.network("co-citation", unit, corpus="optics", min_occurrences=2).nodes
    with pytest.raises(BadRequest, match="import its files again"):
        old.network("co-citation", unit, corpus="optics", min_occurrences=2)
    assert old.network("co-citation", "references", corpus="optics", min_occurrences=2).nodes  # others unaffected
