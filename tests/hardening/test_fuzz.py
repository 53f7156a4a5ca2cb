"""Fuzzing, bounded for ``make test`` (``B2BKG_FUZZ_EXAMPLES`` raises the counts: ``make fuzz``).

- schemathesis generates requests for every operation of ``/openapi.json`` and sends them to a
  real server on loopback;
- hypothesis mutates the queries of the named-query library (tokens dropped, duplicated, swapped,
  SPARQL punctuation and keywords inserted, parts nested deeply) and POSTs them to ``/sparql``.

Both assert that no answer is a server error (a 503 is allowed only as a stopped query or a busy
service, with ``Retry-After``) and that no query worker died on the way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from b2bkg.sparql.inspect import tokens
from support.hardening import base_settings, serving

EXAMPLES = int(os.environ.get("B2BKG_FUZZ_EXAMPLES", "12"))
ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(p.read_text(encoding="utf-8") for p in [*(ROOT / "queries").glob("*.rq"),
                                                      *(ROOT / "tests/service/fixtures/queries").glob("*.rq")])
PUNCTUATION = list("{}()[]!^<>\"'#\\.;,*+-?$|/@=&") + ["\\u0053", "'''", '"""', "<<", ">>", "^^"]
KEYWORDS = ["SERVICE", "LOAD", "INSERT DATA", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH ?g", "VALUES ?x { 1 }",
            "BIND(1 AS ?z)", "SELECT *", "CONSTRUCT", "DESCRIBE ?s", "ASK", "FROM <urn:x>", "LIMIT 0", "OFFSET -1",
            "GROUP BY ?s", "ORDER BY ?s", "HAVING(1)", "COUNT(*)", "<urn:f>(1)", "STRLEN(?s)", "REGEX(?s, \"(a*)*b\")",
            "?s ?p ?o .", "?a ?b ?c . ?d ?e ?f .", "信用", "\x00", "\ud7ff", "SERVICE:x"]


WOS = ROOT.parent / "shared" / "corpus" / "wos-optics-34-damaged.isi"
CORPUS_FIXTURES = ROOT / "tests" / "corpus" / "fixtures"


@pytest.fixture(scope="module")
def live():
    with serving(base_settings(timeout=2.0, max_query_length=20_000)) as (url, app):
        yield url, app


@pytest.fixture(scope="module")
def live_corpus(tmp_path_factory):
    """The real data: the built dataset (the curated paper, its references' works) and a corpus
    imported from the shared WoS export and the same field in six other formats, so the science
    mapping and corpus routes compute on records (the fixture dataset has no corpus: 404s)."""
    from b2bkg.build import ensure_dataset
    from b2bkg.corpus.persist import dataset_with_corpora, import_corpus

    if not WOS.is_file():
        pytest.fail(f"{WOS} is missing (the shared corpus files are part of the test data)")
    directory = tmp_path_factory.mktemp("fuzz-corpus")
    import_corpus([WOS, *sorted(CORPUS_FIXTURES.glob("*-optics*"))], "optics", directory=directory)
    combined = dataset_with_corpora(ensure_dataset(), directory)
    settings = base_settings(dataset=str(combined), queries_dir=str(ROOT / "queries"), timeout=10.0,
                             max_rows=10_000, max_query_length=20_000)
    with serving(settings) as (url, app):
        yield url, app


def _server_error(r: requests.Response) -> bool:
    if r.status_code < 500:
        return False
    return not (r.status_code == 503 and "Retry-After" in r.headers)


def _pool_whole(url: str) -> None:
    pool = requests.get(url + "/healthz", timeout=10).json()["pool"]
    assert pool["crashes"] == 0, pool


counts = {"schemathesis": 0, "sparql": 0}


@pytest.mark.parametrize("server", ["live", "live_corpus"])
def test_openapi_operations_never_answer_a_server_error(request, server):
    url, _ = request.getfixturevalue(server)
    schema = schemathesis.openapi.from_url(url + "/openapi.json")
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def call(case) -> None:
            response = case.call(base_url=url, timeout=30)
            counts["schemathesis"] += 1
            if _server_error(response):
                failures.append((case.as_curl_command(), response.status_code, response.text[:300]))

        call()
    assert not failures, failures[:5]
    _pool_whole(url)


@st.composite
def mutated_query(draw) -> str:
    text = draw(st.sampled_from(SEEDS))
    parts = [tok for _, tok in tokens(text)]
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["drop", "dup", "swap", "punct", "keyword", "nest", "repeat"]))
        i = draw(st.integers(0, max(0, len(parts) - 1)))
        if op == "drop" and parts:
            parts.pop(i)
        elif op == "dup" and parts:
            parts.insert(i, parts[i])
        elif op == "swap" and len(parts) > 1:
            j = draw(st.integers(0, len(parts) - 1))
            parts[i], parts[j] = parts[j], parts[i]
        elif op == "punct":
            parts.insert(i, draw(st.sampled_from(PUNCTUATION)))
        elif op == "keyword":
            parts.insert(i, draw(st.sampled_from(KEYWORDS)))
        elif op == "nest":
            n = draw(st.sampled_from([3, 50, 200, 2000]))
            opener, closer = draw(st.sampled_from([("(", ")"), ("{", "}"), ("[", "]"), ("!", ""), ("^", "")]))
            parts[i:i + 1] = [opener * n, *parts[i:i + 1], closer * n]
        elif op == "repeat" and parts:
            j = draw(st.integers(i, min(len(parts), i + 8)))
            parts[i:j] = parts[i:j] * draw(st.integers(2, 40))
    return " ".join(parts)[:20_000]


@settings(max_examples=EXAMPLES * 8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(query=mutated_query())
def test_mutated_sparql_never_answers_a_server_error_nor_kills_a_worker(live, query):
    url, _ = live
    r = requests.post(url + "/sparql", data={"query": query}, timeout=60)
    counts["sparql"] += 1
    assert not _server_error(r), (query[:300], r.status_code, r.text[:300])


def test_no_worker_died_during_the_fuzzing(live):
    url, _ = live
    _pool_whole(url)
    print(f"\nfuzz: {counts['schemathesis']} schemathesis requests, {counts['sparql']} mutated SPARQL queries, "
          "0 server errors")


@pytest.mark.slow
@pytest.mark.parametrize("server", ["live", "live_corpus"])
def test_schemathesis_cli_runs_clean_against_the_openapi_description(request, server):
    """Defect 11: the description says what the service does (enums, lengths, patterns, statuses,
    media types): ``st run`` with its default checks and the project's schemathesis.toml (what a
    schema cannot say: SPARQL's grammar, content negotiation, a unit that depends on the kind)
    finds nothing, over every operation (the corpus and science-mapping routes included), on the
    fixture dataset (no corpus: the 404 paths) and on the real dataset with a real corpus."""
    url, _ = request.getfixturevalue(server)
    st = Path(sys.executable).with_name("st")
    run = subprocess.run([str(st), "run", url + "/openapi.json", "--max-examples", str(max(5, EXAMPLES // 2)),
                          "--seed", "14", "--no-color"],
                         capture_output=True, text=True, timeout=1800, cwd=ROOT)
    summary = run.stdout[-3000:]
    print("\n" + "\n".join(line for line in summary.splitlines()
                            if " generated, " in line or "Tested: " in line))
    assert run.returncode == 0, summary
    assert "Selected: " in summary and "Tested: " in summary, summary
    selected = summary.split("Selected: ")[1].split()[0]
    tested = summary.split("Tested: ")[1].split()[0]
    assert selected.split("/")[0] == selected.split("/")[1] == tested, (selected, tested)
    _pool_whole(url)
