"""Cited references: the WoS short form, Scopus' long form, and what is not a reference."""

from __future__ import annotations

import doctest

import pytest

import b2bkg.corpus.refs as refs
from b2bkg.corpus.refs import parse_scopus_reference, parse_wos_reference, rejection


def test_docstring_examples():
    assert doctest.testmod(refs).failed == 0


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ASHKIN A, 1970, PHYS REV LETT, V24, P156, DOI 10.1103/PhysRevLett.24.156",
         ("ASHKIN A", 1970, "PHYS REV LETT", "24", "156", "10.1103/physrevlett.24.156")),
        ("BOTTCHER CJF, 1973, THEORY ELECTRIC POLA, V1", ("BOTTCHER CJF", 1973, "THEORY ELECTRIC POLA", "1", "", None)),
        ("JAMES RP, 1968, THESIS STANFORD U", ("JAMES RP", 1968, "THESIS STANFORD U", "", "", None)),
        ("[ANONYMOUS], 1968, PHYS REV, V171, P1385", ("", 1968, "PHYS REV", "171", "1385", None)),
        ("Zhang Zhi-Wei, 2009, CHINESE PHYS LETT, V26, DOI [10.1088/0256-307X/26/3/034214, 10.1088/x]",
         ("Zhang Zhi-Wei", 2009, "CHINESE PHYS LETT", "26", "", "10.1088/0256-307x/26/3/034214")),
    ],
)
def test_wos_short_form(raw, expected):
    r = parse_wos_reference(raw)
    assert (r.author, r.year, r.source, r.volume, r.page, r.doi) == expected


def test_wos_and_scopus_forms_of_one_reference_share_the_loose_key():
    from b2bkg.corpus.match import loose_key

    wos = parse_wos_reference("GOOS F, 1947, ANN PHYS-BERLIN, V1, P333")
    scopus = parse_scopus_reference("Goos, F., Hänchen, H., Ein neuer und fundamentaler Versuch zur "
                                    "Totalreflexion (1947) Annalen der Physik, 1, pp. 333-346.")
    assert wos.key != scopus.key
    assert loose_key(wos.key) == loose_key(scopus.key) == "goos-f-1947-1-333"


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("NO TITLE CAPTURED", "no title captured"),
        ("[No title captured]", "no title captured"),
        ("[ANONYMOUS]", "anonymous with nothing else"),
        ("[Anonymous].", "anonymous with nothing else"),
        ("LEVY Y, PRIVATE COMMUNICATIO", "fragment: neither year nor DOI"),
        ("", "empty entry"),
        ("BROWN J, 1999, NATURE, V1, P2", None),
        ("DOI 10.1038/nature12373", None),
    ],
)
def test_rejection(raw, reason):
    assert rejection(raw) == reason
