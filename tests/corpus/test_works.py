"""Shared work identifiers: DOIs, reference keys and author keys (src/b2bkg/works.py)."""

from __future__ import annotations

import doctest

import pytest

import b2bkg.works as works
from b2bkg.works import author_key, normalise_doi, reference_key, work_iri


def test_docstring_examples():
    assert doctest.testmod(works, optionflags=doctest.ELLIPSIS).failed == 0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10.1364/OL.32.002168", "10.1364/ol.32.002168"),
        ("https://doi.org/10.1364/OL.32.002168", "10.1364/ol.32.002168"),
        ("http://dx.doi.org/10.1364/OL.32.002168", "10.1364/ol.32.002168"),
        ("doi:10.1364/ol.32.002168", "10.1364/ol.32.002168"),
        ("DOI 10.1364/ol.32.002168", "10.1364/ol.32.002168"),
        ("[10.1364/ol.32.002168]", "10.1364/ol.32.002168"),
        ("10.1002/(SICI)1097-4571(199005)41:3<193::AID-ASI5>3.0.CO;2-D",
         "10.1002/(sici)1097-4571(199005)41:3<193::aid-asi5>3.0.co;2-d"),
        ("https://doi.org/10.1000/a%2Fb", "10.1000/a/b"),
        ("", None),
        (None, None),
        ("NO TITLE CAPTURED", None),
        ("11.1000/xyz", None),
    ],
)
def test_normalise_doi(text, expected):
    assert normalise_doi(text) == expected


def test_work_iri_same_for_every_spelling_of_a_doi():
    spellings = ["10.1364/OL.32.002168", "https://doi.org/10.1364/ol.32.002168", "DOI 10.1364/Ol.32.002168"]
    assert len({work_iri(doi=s) for s in spellings}) == 1


def test_work_iri_doi_wins_over_key_and_is_percent_encoded():
    iri = work_iri(doi="10.1002/(SICI)x y", key="a-b-1-c-1-1")
    assert str(iri).startswith("https://w3id.org/b2bkg/id/work/doi/10.1002/%28sici%29x%20y")
    tail = str(iri).removeprefix("https://w3id.org/b2bkg/id/work/doi/")
    assert all(c.isalnum() or c in "._~/-%" for c in tail)


def test_work_iri_refuses_nothing_and_non_doi():
    with pytest.raises(ValueError):
        work_iri()
    with pytest.raises(ValueError):
        work_iri(doi="not a doi")
    with pytest.raises(ValueError):
        work_iri(key="-----")


def test_work_iri_key_is_ascii_iri_with_cjk_key_kept():
    key = reference_key("王小明", "", 2020, "管理世界", "36", "1")
    assert key == "王小明--2020-管理世界-36-1"
    iri = str(work_iri(key=key))
    assert iri.isascii() and iri.startswith("https://w3id.org/b2bkg/id/work/key/")


@pytest.mark.parametrize(
    "args",
    [
        ("ABBE E", "E", "1873", "ARCH MIKROSK ANAT", "V9", "P413"),
        ("Abbe", "Ernst", 1873, "Arch. Mikrosk. Anat.", 9, 413),
        ("ABBE", "e.", "1873", "arch mikrosk anat", "v9", "p413"),
    ],
)
def test_reference_key_same_for_wos_and_other_spellings(args):
    surname = args[0].split()[0]
    assert reference_key(surname, *args[1:]) == "abbe-e-1873-archmikroskanat-9-413"


def test_reference_key_missing_parts_are_empty_and_order_fixed():
    assert reference_key("Smith", None, None, None, None, None) == "smith-----"
    assert reference_key(None, None, 1999, None, None, "12") == "--1999---12"


def test_reference_key_folds_latin_keeps_cjk():
    assert reference_key("Müller", "Ö", 2001, "Zeitschrift für Physik", "A12", "e123") == (
        "muller-o-2001-zeitschriftfurphysik-a12-e123"
    )
    assert reference_key("김민수", "M", 2019, "한국경영학회지", None, None).startswith("김민수--2019-한국경영학회지")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Aria, Massimo", "ARIA M"),
        ("Aria, M", "ARIA M"),
        ("ARIA M", "ARIA M"),
        ("Massimo Aria", "ARIA M"),
        ("de Solla Price, Derek John", "DE SOLLA PRICE DJ"),
        ("Price, DJD", "PRICE DJD"),
        ("Lee, J.-H.", "LEE JH"),
        ("Jean-Pierre Dupont", "DUPONT JP"),
        ("Ludwig van Beethoven", "VAN BEETHOVEN L"),
        ("García-Márquez, Gabriel", "GARCIA-MARQUEZ G"),
        ("Øster, Åse", "OSTER A"),
        ("O'Brien, Mary Ann", "O'BRIEN MA"),
        ("Wang, Xiaoming", "WANG X"),
        ("王小明", "王小明"),
        ("王, 小明", "王小明"),
        ("山田 太郎", "山田太郎"),
        ("김민수", "김민수"),
        ("", ""),
    ],
)
def test_author_key(name, expected):
    assert author_key(name) == expected


def test_author_key_never_cuts_cjk_into_initials():
    for name in ["欧阳修", "司马 光", "佐藤, 花子", "이 순신"]:
        key = author_key(name)
        assert len(key) == len(name.replace(" ", "").replace(",", "")), key
