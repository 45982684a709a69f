"""XLIFF 1.2 and 2.0: one document per unit, exact file offsets, safe XML (hostile files refused)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURES, MINI, assert_record_placed, position

PAIRS = FIXTURES / "pairs.yaml"
GLOSSARIES = ["--no-default-glossaries", "-g", str(MINI), "-g", str(PAIRS)]

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="news.txt" source-language="ru" target-language="en-US" datatype="plaintext">
    <body>
      <trans-unit id="t1">
        <source>Владимир Путин прибыл в Москву 16 апреля 2023 года.</source>
        <target state="translated">Vladimir <g id="1">Poutine</g> arrived in Kiev on April 16,<x id="2"/>2023 &amp; met <ph id="3">&lt;b&gt;</ph>nobody.</target>
        <alt-trans><target>Alternative target that is not checked: Poutine</target></alt-trans>
      </trans-unit>
      <trans-unit id="t2" translate="no"><source>Путин</source><target>Poutine</target></trans-unit>
      <trans-unit id="t3"><source>Нет перевода</source></trans-unit>
      <trans-unit id="t4">
        <source>Визит Путина обошёлся в 272 000 рублей.</source>
        <target state="needs-review-translation">The visit cost 227,000 roubles.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <originalData><data id="d1">&lt;br/&gt;</data></originalData>
   <segment state="final">
    <source>Vladimir Poutine a rencontré <pc id="1">Sergueï Choïgou</pc> à Moscou.</source>
    <target>Vladimir Poutine met <pc id="1">Sergei <mrk id="m1" translate="no">Shoigu</mrk></pc> in Moscow.</target>
   </segment>
   <ignorable><source> </source><target> </target></ignorable>
   <segment state="translated">
    <source>Il est à Kiev<ph id="2" dataRef="d1"/>.</source>
    <target>He is in Kiev<ph id="2" dataRef="d1"/>.</target>
   </segment>
  </unit>
  <unit id="u2">
   <segment><source>Le 16 avril, Poutine est à Paris.</source><target>On 16 May, Putin is in Berlin.</target></segment>
  </unit>
 </file>
</xliff>
"""


def _read(text, path="t.xlf"):
    from tqcheck.readers import parse

    docs, errors = parse(text, path, "xliff")
    assert not errors
    return docs


def _view_is_exact(doc):
    """Every character of the view comes from the file: copied verbatim, or a decoded reference,
    or a space standing for an inline code."""
    for i, ch in enumerate(doc.view.text):
        start, end = doc.view.to_document(i, i + 1)
        raw = doc.text[start:end]
        assert raw == ch or raw.startswith(("&", "<")), (i, ch, raw)


# -- reading ------------------------------------------------------------------------------------

def test_xliff12_units_ids_states_languages_and_source():
    docs = _read(XLIFF12)
    assert [d.unit for d in docs] == ["t1", "t4"]  # translate="no" and target-less units skipped
    first = docs[0]
    assert first.doc_id == "t1" and first.src_lang == "ru" and first.tgt_lang == "en"
    assert first.meta["state"] == "translated"
    assert first.source == "Владимир Путин прибыл в Москву 16 апреля 2023 года."
    # inline tags out of the view, <ph> content (native code) out, references decoded, a standalone
    # code between two words becomes one space; <alt-trans> is not the target.
    assert first.plain == "Vladimir Poutine arrived in Kiev on April 16, 2023 & met nobody."
    assert first.text == XLIFF12  # offsets refer to the whole file
    assert docs[1].meta["state"] == "needs-review-translation"
    _view_is_exact(first)


def test_xliff20_segments_joined_codes_dropped_and_states():
    docs = _read(XLIFF20)
    assert [d.unit for d in docs] == ["u1", "u2"]
    u1 = docs[0]
    assert u1.src_lang == "fr" and u1.tgt_lang == "en"
    assert u1.plain.split() == "Vladimir Poutine met Sergei Shoigu in Moscow. He is in Kiev.".split()
    assert "Kiev." in u1.plain  # no space before the closing punctuation after a <ph/>
    assert u1.source.split() == "Vladimir Poutine a rencontré Sergueï Choïgou à Moscou. Il est à Kiev.".split()
    assert u1.meta["state"] == "final,translated"
    _view_is_exact(u1)


def test_view_text_agrees_with_a_real_xml_parser():
    """The raw-text scanner and ElementTree see the same target text (codes aside)."""
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    root = ET.fromstring(XLIFF20)
    for doc, unit in zip(_read(XLIFF20), root.iterfind(".//x:unit", ns)):
        parts = []
        for target in unit.iterfind(".//x:target", ns):
            parts.append("".join(target.itertext()))
        assert " ".join(" ".join(parts).split()) == " ".join(doc.plain.split())


def test_several_files_qualify_unit_ids():
    two = XLIFF12.replace("</file>", "</file>\n  " + XLIFF12.split("<xliff", 1)[1].split(">", 1)[1].split("</xliff>")[0].strip(), 1)
    docs = _read(two)
    assert len(docs) == 4
    assert docs[0].doc_id == "news.txt#t1" and docs[0].unit == "t1"


# -- findings through the CLI: exact offsets ----------------------------------------------------

@pytest.mark.parametrize("content", [XLIFF12, XLIFF20], ids=["1.2", "2.0"])
def test_every_finding_points_into_the_file(cli, tmp_path, content):
    path = tmp_path / "news.xlf"
    path.write_text(content, encoding="utf-8")
    result = cli("check", *GLOSSARIES, "--format", "json", str(path))
    assert result.code == 1, result.stderr
    findings = result.json["findings"]
    assert findings
    for record in findings:
        assert_record_placed(record, content)
        assert record["unit"] == record["doc_id"]
    rules = {(r["unit"], r["rule"], r["text"]) for r in findings}
    if content is XLIFF12:
        assert ("t1", "source-form", 'Vladimir <g id="1">Poutine') in rules  # the span crosses a tag
        assert ("t1", "deprecated-form", "Kiev") in rules
        assert ("t4", "number-mismatch", "227,000") in rules
    else:
        assert ("u1", "source-form", "Vladimir Poutine") in rules
        assert ("u2", "number-mismatch", "May") in rules
        assert any(u == "u2" and r == "entity-mismatch" and t == "Berlin" for u, r, t in rules)


def test_crlf_file_positions(cli, tmp_path):
    content = XLIFF12.replace("\n", "\r\n")
    path = tmp_path / "crlf.xliff"
    path.write_bytes(content.encode("utf-8"))
    result = cli("check", *GLOSSARIES, "--format", "json", str(path))
    findings = result.json["findings"]
    assert findings
    for record in findings:
        assert content[record["start"]:record["end"]] == record["text"]
        assert (record["line"], record["column"]) == position(content, record["start"])


def test_text_output_names_the_unit(cli, tmp_path):
    path = tmp_path / "news.xlf"
    path.write_text(XLIFF12, encoding="utf-8")
    out = cli("check", *GLOSSARIES, str(path)).stdout
    line = next(l for l in out.splitlines() if "deprecated-form" in l)
    assert line.startswith(f"{path}[t1]:7:")


# -- hostile and broken files -------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<xliff version="1.2"><file source-language="fr" target-language="en"><body>
<trans-unit id="1"><source>x</source><target>&lol9;</target></trans-unit></body></file></xliff>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file source-language="fr" target-language="en"><body>
<trans-unit id="1"><source>x</source><target>&xxe;</target></trans-unit></body></file></xliff>
"""
MALFORMED = """<?xml version="1.0"?>
<xliff version="1.2"><file source-language="fr" target-language="en"><body>
<trans-unit id="1"><source>x</source><target>Kiev</trans-unit>
</body></file></xliff>
"""
UNDEFINED_ENTITY = '<xliff version="1.2"><file><body><trans-unit id="1"><source>x</source><target>a&nbsp;b</target></trans-unit></body></file></xliff>'
NOT_XLIFF = '<?xml version="1.0"?><html><body>Kiev</body></html>'


@pytest.mark.parametrize("content, needle, line", [
    (BILLION_LAUGHS, "DTD", 2),
    (EXTERNAL_ENTITY, "DTD", 2),
    (MALFORMED, "malformed XLIFF", 3),
    (UNDEFINED_ENTITY, "malformed XLIFF", 1),
    (NOT_XLIFF, "not XLIFF", None),
], ids=["billion-laughs", "external-entity", "malformed", "undefined-entity", "not-xliff"])
def test_hostile_or_broken_xml_is_one_clear_error(cli, tmp_path, content, needle, line):
    path = tmp_path / "bad.xlf"
    path.write_text(content, encoding="utf-8")
    result = cli("check", *GLOSSARIES, str(path))
    assert result.code == 2
    errors = result.stderr_lines
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"tqcheck: error: {path}:" + (f"{line}:" if line else ""))
    assert needle in errors[0] and "Traceback" not in result.stderr
    assert "lollol" not in result.stdout + result.stderr and "root:" not in result.stdout


def test_reader_raises_input_error_naming_file_and_line():
    from tqcheck.errors import InputError
    from tqcheck.readers import parse

    with pytest.raises(InputError) as info:
        parse(MALFORMED, "bad.xlf", "xliff")
    assert info.value.path == "bad.xlf" and info.value.line == 3


def test_other_files_still_checked_after_a_bad_one(cli, tmp_path):
    (tmp_path / "bad.xlf").write_text(BILLION_LAUGHS, encoding="utf-8")
    (tmp_path / "good.xlf").write_text(XLIFF12, encoding="utf-8")
    result = cli("check", *GLOSSARIES, "--format", "json", str(tmp_path))
    assert result.code == 2
    assert {f["path"] for f in result.json["findings"]} == {str(tmp_path / "good.xlf")}
