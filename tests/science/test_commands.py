"""``b2bkg corpus …`` science commands through the CLI runner, on the built dataset."""

from __future__ import annotations

import json

from click.testing import CliRunner

from b2bkg.cli import cli


def run(*args):
    return CliRunner().invoke(cli, ["corpus", *args], catch_exceptions=False)


def test_tag_lists_spans_of_the_works_in_the_graph():
    result = run("tag", "--format", "json")
    assert result.exit_code == 0, result.output
    tags = json.loads(result.output)
    assert {"work", "field", "exact", "entity"} <= set(tags[0])
    # the seed paper's reference [7] (a work in the graph) discusses SME internationalisation
    assert any(t["exact"] == "中小企业国际化" and t["entity"].endswith("/concept/sme-internationalisation")
               and t["field"] == "title" for t in tags)


def test_bursts_mainpath_clusters_and_compare_answer_json():
    for args, key in ((["bursts", "--of", "keywords", "--format", "json"], None), (["mainpath"], "paths"),
                      (["clusters"], "modularity"), (["compare", "--format", "json"], "papers")):
        result = run(*args)
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert key is None and isinstance(data, list) or key in data


def test_a_bad_thesaurus_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "thesaurus.txt"
    bad.write_text("term\treplacement\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["corpus", "tag", "--thesaurus", str(bad)])
    assert result.exit_code != 0 and "label<TAB>replace by" in str(result.exception or result.output)
