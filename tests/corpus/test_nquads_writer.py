"""The import's N-Quads writer: an external merge sort gives the bytes of one in-memory sort."""

from __future__ import annotations

import random

from b2bkg.corpus.rdf import write_nquads


def test_spilled_runs_give_the_same_bytes_as_one_sort(tmp_path):
    rng = random.Random(3)
    triples = [(f"<urn:s{rng.randrange(400)}>", "<urn:p>", f'"{rng.randrange(60)}"') for _ in range(5000)]
    one = write_nquads(tmp_path / "one.nq", "urn:g", triples)
    many = write_nquads(tmp_path / "many.nq", "urn:g", triples, chunk=97)  # dozens of runs, duplicates across them
    text = (tmp_path / "one.nq").read_text()
    assert one == many == len(set(triples)) == text.count("\n")
    assert (tmp_path / "many.nq").read_bytes() == (tmp_path / "one.nq").read_bytes()
    assert text.splitlines() == sorted(set(text.splitlines()))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.nq", "one.nq"]  # no run file left
