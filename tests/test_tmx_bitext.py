"""TMX and tab-separated bilingual files, and the --source/--reference options."""
from __future__ import annotations

import pytest

from conftest import FIXTURES, MINI, assert_record_placed, position

PAIRS = FIXTURES / "pairs.yaml"
GLOSSARIES = ["--no-default-glossaries", "-g", str(MINI), "-g", str(PAIRS)]

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="fr" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>
  <body>
    <tu tuid="a1">
      <tuv xml:lang="fr"><seg>Vladimir Poutine est arrivé à Kiev le 16 avril.</seg></tuv>
      <tuv xml:lang="en-GB"><seg>Vladimir Poutine arrived in <hi>Kiev</hi> on <ph x="1">&lt;br&gt;</ph>16 May.</seg></tuv>
      <tuv xml:lang="de"><seg>Wladimir Putin kam am 16. April in Kiew an.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="fr"><seg>Le visite a coûté 272 000 euros.</seg></tuv>
      <tuv xml:lang="en"><seg>The visit cost 272,000 euros &amp; more.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def _tmx_docs(tgt=None):
    from tqcheck.readers import parse

    docs, errors = parse(TMX, "m.tmx", "tmx", tgt=tgt)
    assert not errors
    return docs


def test_tmx_second_tuv_is_the_target_by_default():
    docs = _tmx_docs()
    assert [d.unit for d in docs] == ["a1", "tu-2"]
    a1 = docs[0]
    assert a1.src_lang == "fr" and a1.tgt_lang == "en"
    assert a1.source == "Vladimir Poutine est arrivé à Kiev le 16 avril."
    assert a1.plain == "Vladimir Poutine arrived in Kiev on 16 May."
    assert docs[1].plain == "The visit cost 272,000 euros & more."


def test_tmx_tgt_picks_the_target_language():
    docs = _tmx_docs(tgt="de")
    assert len(docs) == 1  # the second unit has no German
    assert docs[0].tgt_lang == "de" and docs[0].src_lang == "fr"
    assert docs[0].plain.startswith("Wladimir Putin")


def test_tmx_findings_point_into_the_file(cli, tmp_path):
    path = tmp_path / "memory.tmx"
    path.write_text(TMX, encoding="utf-8")
    result = cli("check", *GLOSSARIES, "--format", "json", str(path))
    assert result.code == 1
    found = {(r["unit"], r["rule"], r["text"]) for r in result.json["findings"]}
    assert ("a1", "source-form", "Vladimir Poutine") in found
    assert ("a1", "deprecated-form", "Kiev") in found
    assert ("a1", "number-mismatch", "May") in found
    for record in result.json["findings"]:
        assert_record_placed(record, TMX)
    result = cli("check", *GLOSSARIES, "--tgt", "de", "--format", "json", str(path))
    assert {r["rule"] for r in result.json["findings"]} <= {"untranslated", "word-typo"}  # the German is right


@pytest.mark.parametrize("content, needle", [
    ('<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx version="1.4"><body/></tmx>', "DTD"),
    ('<tmx version="1.4"><body><tu><tuv xml:lang="fr"><seg>x</tuv></tu></body></tmx>', "malformed TMX"),
    ('<xliff version="1.2"/>', "not TMX"),
])
def test_tmx_hostile_or_broken(cli, tmp_path, content, needle):
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    result = cli("check", *GLOSSARIES, str(path))
    assert result.code == 2
    assert len(result.stderr_lines) == 1 and needle in result.stderr and str(path) in result.stderr


# -- TSV ----------------------------------------------------------------------------------------

TSV = (
    "source\ttarget\treference\n"
    "Путин встретился с Шойгу в Москве 16 апреля.\tShoigu met Zelensky in Moscow on April 16.\tPutin met Shoigu in Moscow on April 16.\n"
    "\n"
    "Визит Путина стоил 3,5 млрд рублей.\tThe visit cost 3.5 billion roubles in Kiev.\n"
    "no tab on this line\n"
    "Шойгу прибыл в Киев.\tShoigu arrived in Kyiv.\n"
)


def test_bitext_reader_offsets_lines_and_errors():
    from tqcheck.readers import parse

    docs, errors = parse(TSV, "b.tsv", "bitext")
    assert [d.doc_id for d in docs] == ["line-2", "line-4", "line-6"]
    assert [str(e) for e in errors] == ["b.tsv:5: expected source<TAB>target[<TAB>reference]: no tab on this line"]
    first = docs[0]
    assert first.source.startswith("Путин") and first.reference.startswith("Putin met")
    assert first.plain == "Shoigu met Zelensky in Moscow on April 16."
    start, _ = first.view.to_document(0, 1)
    assert TSV[start:].startswith("Shoigu met") and first.lines.position(start) == (2, 46)
    assert docs[1].reference is None


def test_bitext_findings_via_cli(cli, tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text(TSV, encoding="utf-8")
    result = cli("check", *GLOSSARIES, "--src", "ru", "--tgt", "en", "--format", "json", str(path))
    assert result.code == 2  # the line without a tab
    assert result.stderr_lines == [f"tqcheck: error: {path}:5: expected source<TAB>target[<TAB>reference]: no tab on this line"]
    found = {(r["doc_id"], r["rule"], r["text"], r["line"]) for r in result.json["findings"]}
    assert ("line-2", "entity-mismatch", "Zelensky", 2) in found
    assert ("line-4", "deprecated-form", "Kiev", 4) in found
    assert ("line-4", "entity-mismatch", "The visit cost 3.5 billion roubles in Kiev.", 4) in found  # Putin lost
    assert not any(d == "line-6" for d, *_ in found)
    for record in result.json["findings"]:
        assert_record_placed(record, TSV)
        line_start = TSV.rfind("\n", 0, record["start"]) + 1
        assert record["column"] == record["start"] - line_start + 1  # the position in the file line


# -- --source / --reference ---------------------------------------------------------------------

def test_source_and_reference_options(cli, tmp_path):
    target = tmp_path / "article.txt"
    target.write_text("Shoigu met Zelensky in Moscow.\n\nThe visit cost 227,000 roubles.\n", encoding="utf-8")
    source = tmp_path / "source.md"
    source.write_text("# Визит\n\nПутин встретился с Шойгу в [Москве](https://example.org).\n\nВизит стоил 272 000 рублей.\n", encoding="utf-8")
    reference = tmp_path / "reference.txt"
    reference.write_text("Putin met Shoigu in Moscow.\n\nThe visit cost 272,000 roubles.\n", encoding="utf-8")
    result = cli("check", *GLOSSARIES, "--src", "ru", "--tgt", "en", "--source", str(source),
                 "--reference", str(reference), "--format", "json", str(target))
    data = result.json
    rules = {(f["rule"], f["text"]) for f in data["findings"]}
    assert ("entity-mismatch", "Zelensky") in rules and ("number-mismatch", "227,000") in rules
    assert set(data["documents"][0]["scores"]) == {"bleu", "chrf++", "ter"}
    assert data["summary"]["scores"]["documents"] == 1


def test_source_without_the_option_runs_no_source_check(cli, tmp_path):
    target = tmp_path / "article.txt"
    target.write_text("Shoigu met Zelensky in Moscow.\n", encoding="utf-8")
    result = cli("check", *GLOSSARIES, "--tgt", "en", "--format", "json", str(target))
    assert not [f for f in result.json["findings"] if f["rule"] in ("entity-mismatch", "number-mismatch")]


def test_source_option_needs_exactly_one_target(cli, tmp_path):
    (tmp_path / "a.txt").write_text("One.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two.\n", encoding="utf-8")
    (tmp_path / "s.txt").write_text("Un.\n", encoding="utf-8")
    result = cli("check", *GLOSSARIES, "--source", str(tmp_path / "s.txt"), str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.code == 2 and "--source/--reference" in result.stderr and len(result.stderr_lines) == 1
    path = tmp_path / "pairs.tsv"
    path.write_text(TSV.replace("no tab on this line\n", ""), encoding="utf-8")
    result = cli("check", *GLOSSARIES, "--reference", str(tmp_path / "s.txt"), str(path))
    assert result.code == 2 and "carry their sources" in result.stderr


def test_missing_source_file_is_an_input_error(cli, tmp_path):
    (tmp_path / "a.txt").write_text("One.\n", encoding="utf-8")
    result = cli("check", *GLOSSARIES, "--source", str(tmp_path / "nope.txt"), str(tmp_path / "a.txt"))
    assert result.code == 2 and "nope.txt" in result.stderr and "no such file" in result.stderr


def test_position_helper_agrees_for_tsv():
    start = TSV.index("Zelensky")
    assert position(TSV, start) == (2, TSV.index("Zelensky") - TSV.index("\n") )
