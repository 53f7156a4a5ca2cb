"""A reference's entity page (the printed entry, and the work it points to) offers the reference
as BibTeX, RIS and CSL-JSON; each button downloads that one reference, which its own reader
(bibtexparser, rispy, json) reads back."""

from __future__ import annotations

import html
import json
import re

import bibtexparser
import rispy

KG = "https://w3id.org/b2bkg/id/"
ENTRY = "/id/paper/wang-2025/reference/22"
WORK = KG + "work/doi/10.1111/j.1468-0335.1937.tb00002.x"  # Coase (1937), The nature of the firm
BROWSER = {"Accept": "text/html"}


def buttons(page: str) -> dict[str, str]:
    return {label: html.unescape(href) for href, label in
            re.findall(r'<a class="cite-[^"]+" href="([^"]+)" download>([^<]+)</a>', page)}


def test_entry_and_work_pages_offer_the_three_formats(client):
    for path in (ENTRY, "/id/work/doi/10.1111/j.1468-0335.1937.tb00002.x"):
        page = client.get(path, headers=BROWSER).get_data(as_text=True)
        found = buttons(page)
        assert set(found) == {"BibTeX", "RIS", "CSL-JSON"}, path
        assert all(f"work={WORK.replace(':', '%3A').replace('/', '%2F')}" in url for url in found.values())


def test_each_button_downloads_that_reference_alone(client):
    found = buttons(client.get(ENTRY, headers=BROWSER).get_data(as_text=True))
    bib = client.get(found["BibTeX"])
    assert bib.status_code == 200 and bib.headers["Content-Type"].startswith("application/x-bibtex")
    assert 'filename="wang-2025-ref22.bib"' in bib.headers["Content-Disposition"]
    [entry] = bibtexparser.parse_string(bib.get_data(as_text=True)).entries
    assert "nature of the firm" in entry["title"].lower() and entry["doi"] == "10.1111/j.1468-0335.1937.tb00002.x"
    [ris] = rispy.loads(client.get(found["RIS"]).get_data(as_text=True))
    assert "nature of the firm" in (ris.get("title") or ris.get("primary_title")).lower()
    [csl] = json.loads(client.get(found["CSL-JSON"]).get_data(as_text=True))
    assert csl["DOI"] == "10.1111/j.1468-0335.1937.tb00002.x" and csl["issued"]["date-parts"][0][0] == 1937


def test_other_entities_have_no_citation_buttons(client):
    page = client.get("/id/mechanism/credit-enhancement", headers=BROWSER).get_data(as_text=True)
    assert buttons(page) == {} and "Cite as" not in page


def test_a_work_outside_every_reference_list_is_404_naming_it(client):
    r = client.get("/api/export/references", query_string={"format": "ris", "work": KG + "work/doi/10.1/none"},
                   headers={"Accept": "application/json"})
    assert r.status_code == 404 and "10.1/none" in r.get_json()["error"]
