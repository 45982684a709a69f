"""The compiled glossary: every form of every language in one Aho-Corasick automaton.

One pass over a text finds every glossary form, whatever its language, in time linear in the text
(not in the number of forms: 100,000 entities cost no more per byte than 100). Matches are
word-bounded and leftmost-longest ("Vladimir Poutine" wins over "Poutine"). The compiled index is
cached on disk by the content hash of the glossary files.

The cached index is flat, so that loading it costs little even for 100,000 entities: the forms are
one UTF-8 buffer, their readings (entity, language, kind, note) are integer arrays, each entity is
kept as a JSON row that becomes an `Entity` only when a check asks for it, and the automaton itself
is kept serialized. The cache maps these buffers from its file (see `__reduce_ex__`); nothing is
copied until used. A form's readings become `Hit`s when the form is first matched. The scan runs
on the text's UTF-8 bytes; offsets become character offsets only for the matches a check keeps.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import os
import pickle
import threading
import unicodedata
from array import array
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

from .. import __version__
from ..cache import cached_pickle, installed_version
from ..findings import Severity
from ..speedups import SPEEDUPS
from .files import hash_glossary_bytes
from .model import KINDS, Entity, Glossary, LangNames


INDEX_FORMAT = 9  # bump when the pickled index changes shape: old cache files are then ignored
DICT_AFTER_LOOKUPS = 20_000  # hits() by binary search until then, then by a dictionary
PARALLEL_SCAN_BYTES = 4_000_000  # a text of at least twice this is scanned in parts, on threads
MAX_SCAN_THREADS = 4
_SEP = "\x00"  # between forms in the cached form text (kept as a list if a form has one)


class Hit(NamedTuple):
    """One reading of a matched form: entity `entity` writes it this way in `lang`, as `kind`."""

    entity: int
    lang: str
    kind: str
    note: str = ""


class Hits(tuple):
    """The readings of one form, with their split by language kept (asked once per match)."""

    def in_lang(self, lang: str) -> tuple[Hit, ...]:
        by_lang = self.__dict__.setdefault("by_lang", {})
        readings = by_lang.get(lang)
        if readings is None:
            readings = by_lang[lang] = tuple(h for h in self if h.lang == lang)
        return readings


class NameMatch(NamedTuple):
    start: int
    end: int
    form: str
    hits: Hits

    def in_lang(self, lang: str) -> tuple[Hit, ...]:
        return self.hits.in_lang(lang)


# Apostrophes are written several ways (' ’ ʼ ‘); forms and text are matched with one. Same
# length, so offsets do not move. (str.replace is ~10x faster than str.translate on long texts.)
def _unify_apostrophes(text: str) -> str:
    if text.isascii():
        return text
    return text.replace("’", "'").replace("ʼ", "'").replace("‘", "'")


ACCEPTED, DEPRECATED = 2, 1  # a form's status in a language (GlossaryIndex.status)


def _is_word_char(ch: str) -> bool:
    # not "_": Markdown's _Kiev_ and __Poutine__ are words in emphasis. Combining marks (Mn, Mc)
    # are inside words: Devanagari vowel signs (भारत is no word of भारतीय, चीन none of चीनी).
    return ch.isalnum() or (not ch.isascii() and unicodedata.category(ch) in ("Mn", "Mc"))


_APOSTROPHES = ("'", "’", "ʼ", "‘")


def _apostrophe_variants(form: str) -> list[str]:
    """`form` (written with ') as the other apostrophes write it: every mix for up to two
    apostrophes, one apostrophe throughout for more."""
    parts = form.split("'")
    if len(parts) <= 3:
        mixes = [(a,) for a in _APOSTROPHES] if len(parts) == 2 else [(a, b) for a in _APOSTROPHES for b in _APOSTROPHES]
    else:
        mixes = [(a,) * (len(parts) - 1) for a in _APOSTROPHES]
    variants = []
    for mix in mixes:
        variant = parts[0] + "".join(a + part for a, part in zip(mix, parts[1:]))
        if variant != form:
            variants.append(variant)
    return variants


def _edge_flags(form: str) -> int:
    """Which ends of `form` need a word boundary in the text: 1 its start, 2 its end (a form
    that begins or ends with a letter of a script written with spaces)."""
    return (1 if _joins(form[0]) else 0) | (2 if _joins(form[-1]) else 0)


def _joins(ch: str) -> bool:
    """Does this text character next to a form make the form part of a longer word? A letter of a
    script written with spaces does; a Chinese or Japanese one does not (「のNHKが」 names NHK)."""
    return _is_word_char(ch) and _spaced(ch)


# Does a UTF-8 byte next to a form join it to a word: 1 yes (an ASCII letter or digit), 0 no, 2 it
# is part of a non-ASCII character, which decides.
_BYTE_JOINS = bytes(2 if b >= 0x80 else 1 if chr(b).isalnum() else 0 for b in range(256))


def _char_ending_at(data: bytes, end: int) -> str:
    start = end - 1
    while start > 0 and data[start] & 0xC0 == 0x80:  # continuation bytes
        start -= 1
    return data[start:end].decode("utf-8", "surrogatepass")


def _char_starting_at(data: bytes, start: int) -> str:
    lead = data[start]
    size = 4 if lead >= 0xF0 else 3 if lead >= 0xE0 else 2
    return data[start:start + size].decode("utf-8", "surrogatepass")


def _select_matches_py(data: bytes, parts, edges, variant_of, forms: int) -> list[tuple[int, int, int]]:
    """The automaton's overlapping matches (`parts`, as `_find` gives them) -> the word-bounded
    ones, leftmost-longest, without overlaps, as (start, end, form id) byte offsets. The compiled
    twin (`_speedups.select_matches`) gives the same list."""
    n = len(data)
    candidates = []
    for offset, until, found in parts:
        for start, end, pattern in found:
            start += offset
            if start >= until:
                continue  # the next part's
            end += offset
            if pattern >= forms:
                pattern = variant_of[pattern - forms]
            edge = edges[pattern]
            if edge & 1 and start:
                joins = _BYTE_JOINS[data[start - 1]]
                if joins == 1 or (joins == 2 and _joins(_char_ending_at(data, start))):
                    continue
            if edge & 2 and end < n:
                joins = _BYTE_JOINS[data[end]]
                if joins == 1 or (joins == 2 and _joins(_char_starting_at(data, end))):
                    continue
            candidates.append((start, -end, pattern))
    candidates.sort()
    matches = []
    taken_until = -1
    for start, neg_end, pattern in candidates:
        if start < taken_until:
            continue
        matches.append((start, -neg_end, pattern))
        taken_until = -neg_end
    return matches


class ByteMatches(NamedTuple):
    """Non-overlapping matches in order, as (start, end, form id) offsets into UTF-8 `data`."""

    data: bytes
    matches: list[tuple[int, int, int]]
    ascii: bool  # then byte and character offsets are the same

    def chars(self, status=None, drop: int = 0) -> list[tuple[int, int, int]]:
        """The matches with character offsets; with `status` (a form id -> status table, see
        `GlossaryIndex.status`), only those whose form's status is not `drop`."""
        matches = self.matches if status is None else [m for m in self.matches if status[m[2]] != drop]
        if self.ascii:
            return matches
        if SPEEDUPS is not None:
            return SPEEDUPS.char_offsets(self.data, matches)
        data, converted = self.data, []
        byte_pos = char_pos = 0
        for start, end, form_id in matches:
            char_pos += _char_count(data[byte_pos:start])
            char_start = char_pos
            char_pos += _char_count(data[start:end])
            byte_pos = end
            converted.append((char_start, char_pos, form_id))
        return converted


def _char_count(piece: bytes) -> int:
    """Characters in a piece of UTF-8: an ASCII piece (most of them, even in a text with some
    accents) is not decoded."""
    return len(piece) if piece.isascii() else len(piece.decode("utf-8", "surrogatepass"))


def _spaced(ch: str) -> bool:
    """Scripts written with spaces between words need word boundaries; CJK and kana do not."""
    return ch < "\u2e80" or "\uac00" <= ch <= "\ud7af"  # below the CJK blocks, or Hangul


def _entity_row(entity: Entity) -> str:
    names = {
        lang: [n.name, list(n.alt), list(n.short), list(n.inflected), [list(d) for d in n.deprecated]]
        for lang, n in entity.names.items()
    }
    severity = None if entity.severity is None else int(entity.severity)
    return json.dumps(
        [entity.id, entity.type, names, entity.description, entity.wikidata, severity, list(entity.ignore), entity.origin],
        ensure_ascii=False, separators=(",", ":"),
    )


def _entity_from_row(row: str) -> Entity:
    eid, etype, names, description, wikidata, severity, ignore, origin = json.loads(row)
    return Entity(
        id=eid, type=etype,
        names={
            lang: LangNames(name, tuple(alt), tuple(short), tuple(inflected), tuple(tuple(d) for d in deprecated))
            for lang, (name, alt, short, inflected, deprecated) in names.items()
        },
        description=description, wikidata=wikidata,
        severity=None if severity is None else Severity(severity), ignore=tuple(ignore), origin=origin,
    )


def _concatenated(texts: list[str], end: str, typecode: str) -> tuple[bytes, array]:
    """The texts as UTF-8, each followed by `end`, one after another, and the byte offset where
    each starts (one more at the end: the total length)."""
    encoded = [(t + end).encode("utf-8", "surrogatepass") for t in texts]
    starts = array(typecode, [0])
    for piece in encoded:
        starts.append(starts[-1] + len(piece))
    return b"".join(encoded), starts


class JoinedRows:
    """The entities' JSON rows as UTF-8, one after another, and the byte offset where each
    starts: two buffers, which the cache maps from its file instead of unpickling 100,000 strings."""

    def __init__(self, data, starts) -> None:
        self.data, self.starts = data, starts

    @classmethod
    def of(cls, rows: list[str]) -> "JoinedRows":
        return cls(*_concatenated(rows, "", "Q"))

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, idx: int) -> str:
        if not 0 <= idx < len(self.starts) - 1:
            raise IndexError(idx)
        return str(self.data[self.starts[idx]:self.starts[idx + 1]], "utf-8", "surrogatepass")


class Entities:
    """The glossary's entities, by index; each is decoded from its JSON row on first use."""

    def __init__(self, rows: JoinedRows) -> None:
        self._rows = rows
        self._decoded: list[Optional[Entity]] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, idx: int) -> Entity:
        entity = self._decoded[idx]
        if entity is None:
            entity = self._decoded[idx] = _entity_from_row(self._rows[idx])
        return entity

    def __iter__(self):
        return (self[i] for i in range(len(self._rows)))


class GlossaryIndex:
    def __init__(self, glossary: Glossary) -> None:
        readings: dict[str, list[tuple[int, int, int, int]]] = {}
        langs: dict[str, int] = {}
        notes: dict[str, int] = {"": 0}
        kinds = {kind: i for i, kind in enumerate(KINDS)}
        for idx, entity in enumerate(glossary.entities):
            for lang, names in sorted(entity.names.items()):
                lang_id = langs.setdefault(lang, len(langs))
                for form, kind, note in names.forms():
                    note_id = notes.setdefault(note, len(notes))
                    readings.setdefault(_unify_apostrophes(form), []).append((idx, lang_id, kinds[kind], note_id))
        self.sources = glossary.sources
        self.fingerprint = glossary.fingerprint
        self._rows = JoinedRows.of([_entity_row(e) for e in glossary.entities])
        self._langs = list(langs)
        self._notes = list(notes)
        self._forms = sorted(readings)  # sorted: looked up by binary search
        self._form_starts = None  # (loaded from the cache: where each form starts in `_forms`)
        self._form_count = len(self._forms)
        starts, entity_ids, meta = array("I", [0]), array("I"), array("Q")
        for form in self._form_list:
            for idx, lang_id, kind_id, note_id in readings[form]:
                entity_ids.append(idx)
                meta.append(note_id << 16 | lang_id << 8 | kind_id)
            starts.append(len(entity_ids))
        self._hit_starts, self._hit_entities, self._hit_meta = starts, entity_ids, meta
        self._edges = bytes(_edge_flags(form) for form in self._form_list)
        deprecated, count = KINDS.index("deprecated"), self._form_count
        status = bytearray(count * len(self._langs))  # language after language
        for form_id, form in enumerate(self._form_list):
            for _, lang_id, kind_id, _ in readings[form]:
                at = lang_id * count + form_id
                status[at] = max(status[at], DEPRECATED if kind_id == deprecated else ACCEPTED)
        self._status = bytes(status)
        self._init_runtime()  # the automaton is built on first use: the glossary is gone by then

    def _build_automaton(self) -> None:
        """Aho-Corasick over every form as UTF-8, plus each form with an apostrophe as the other
        apostrophes write it ("O’Brien", "Ахмед Закаєв"): the text is then scanned as it is,
        without a copy to unify its apostrophes. A form is valid UTF-8, so in valid UTF-8 it
        matches only on character boundaries.

        daachorse (Rust, a double-array automaton) serializes: the automaton is built once, after
        the glossary is compiled (5.8 s for 850,000 forms), and cached with the index; loading it
        back takes 0.05-0.15 s."""
        import daachorse

        variants, variant_of = [], array("I")
        for form_id, form in enumerate(self._form_list):
            if "'" in form:
                for variant in _apostrophe_variants(form):
                    variants.append(variant)
                    variant_of.append(form_id)
        patterns = [f.encode("utf-8", "surrogatepass") for f in self._form_list + variants]
        automaton = daachorse.DoubleArrayAhoCorasick(patterns) if patterns else None
        self._variant_of = variant_of  # before the automaton: a thread that sees it uses them
        self._longest = max(map(len, patterns), default=0)
        self._automaton = automaton

    def _init_runtime(self) -> None:
        self.entities = Entities(self._rows)
        self._hits: dict[int, tuple[Hit, ...]] = {}
        self._form_ids: Optional[dict[str, int]] = None
        self._lookups = 0
        self._derived: dict = {}
        self._automaton = None
        self._automaton_lock = threading.Lock()
        self._automaton_data = None  # the serialized automaton (bytes-like), until loaded
        self._mapped = None  # the cache file it is mapped from, if it is
        self._variant_of = array("I")  # pattern id - form count -> form id, for apostrophe variants
        self._longest = 0  # bytes of the longest pattern

    def __reduce_ex__(self, protocol):
        """Pickled with protocol 5, the large parts are out-of-band buffers: the cache
        (`cache.dump_mapped`) keeps them after the pickle and maps them back from the file, so
        loading 100,000 entities copies nothing. Each comes back as a bytes-like object."""
        big = pickle.PickleBuffer if protocol >= 5 else bytes
        automaton = self._automaton_data
        if automaton is None:
            automaton = self.automaton.serialize() if self._form_count else b""
        state = {
            "sources": self.sources, "fingerprint": self.fingerprint, "langs": self._langs, "notes": self._notes,
            "rows": big(self._rows.data), "row_starts": big(self._rows.starts), "forms": self._flat_forms(big),
            "hit_starts": big(self._hit_starts), "hit_entities": big(self._hit_entities), "hit_meta": big(self._hit_meta),
            "edges": big(self._edges), "status": big(self._status), "form_count": self._form_count,
            "automaton": big(automaton), "variant_of": self._variant_of, "longest": self._longest,
        }
        return _restore_index, (state,)

    def _restore(self, state: dict) -> None:
        self.sources, self.fingerprint = state["sources"], state["fingerprint"]
        self._langs, self._notes = state["langs"], state["notes"]
        self._rows = JoinedRows(memoryview(state["rows"]), memoryview(state["row_starts"]).cast("Q"))
        self._forms, starts = state["forms"]  # decoded and split only if need be: a scan needs no form text
        self._form_starts = None if starts is None else memoryview(starts).cast("I")
        self._form_count = state["form_count"]
        self._hit_starts = memoryview(state["hit_starts"]).cast("I")
        self._hit_entities = memoryview(state["hit_entities"]).cast("I")
        self._hit_meta = memoryview(state["hit_meta"]).cast("Q")
        self._edges, self._status = memoryview(state["edges"]), memoryview(state["status"])
        self._init_runtime()
        self._automaton_data = state["automaton"]
        self._variant_of, self._longest = state["variant_of"], state["longest"]

    def _mapped_from(self, mapped) -> None:
        """Loaded from the cache's mapped file (see `cache.load_mapped`): the automaton is copied
        out of the file itself, without holding the GIL."""
        self._mapped = mapped

    def _flat_forms(self, big) -> tuple:
        """The forms as one UTF-8 buffer, each followed by the separator, and where each starts
        (`big` wraps both); or a list and None if a form holds the separator."""
        if not isinstance(self._forms, list):
            return big(self._forms), big(self._form_starts)  # as loaded, never split
        if any(_SEP in f for f in self._forms):
            return self._forms, None
        data, starts = _concatenated(self._forms, _SEP, "I")
        return big(data), big(starts)

    @property
    def _form_list(self) -> list[str]:
        forms = self._forms
        if not isinstance(forms, list):
            forms = self._forms = str(forms, "utf-8", "surrogatepass").split(_SEP)[:-1]
        return forms

    @property
    def form_count(self) -> int:
        return self._form_count

    @property
    def languages(self) -> list[str]:
        """The languages some entity of the glossaries writes, in the index's order."""
        return list(self._langs)

    @property
    def automaton(self):
        """The automaton of every form and apostrophe variant (see `_build_automaton`)."""
        if self._automaton is None:
            with self._automaton_lock:  # one thread loads it; another asking meanwhile waits
                if self._automaton is None:
                    data = self._automaton_data
                    if data:
                        import daachorse

                        data = self._mapped.copy(data) if self._mapped is not None else bytes(data)
                        self._automaton = daachorse.DoubleArrayAhoCorasick.deserialize(data)
                        self._automaton_data = self._mapped = None  # (which closes the file)
                    elif self._form_count and data is None:  # compiled here, not loaded from the cache
                        self._build_automaton()
        return self._automaton

    def preload(self) -> None:
        """Start loading the cached automaton on another thread: daachorse deserializes it
        without holding the GIL (0.1-0.2 s for 100,000 entities), while the caller reads its
        input. Whoever needs the automaton first waits for it (see `automaton`)."""
        if self._automaton is None and self._automaton_data:
            threading.Thread(target=self._load_quietly, name="tqcheck-automaton", daemon=True).start()

    def _load_quietly(self) -> None:
        try:
            self.automaton
        except Exception:  # noqa: BLE001 - the check that needs it loads it again, and reports that
            pass

    def _hits_of(self, form_id: int) -> tuple[Hit, ...]:
        hits = self._hits.get(form_id)
        if hits is None:
            langs, notes, meta, entity_ids = self._langs, self._notes, self._hit_meta, self._hit_entities
            hits = self._hits[form_id] = Hits(
                Hit(entity_ids[k], langs[meta[k] >> 8 & 0xFF], KINDS[meta[k] & 0xFF], notes[meta[k] >> 16])
                for k in range(self._hit_starts[form_id], self._hit_starts[form_id + 1])
            )
        return hits

    def scan(self, text: str) -> list[NameMatch]:
        """Every word-bounded glossary form in `text`, leftmost-longest, without overlaps."""
        return self.matches(text, self.scan_ids(text))

    def matches(self, text: str, ids: Iterable[tuple[int, int, int]]) -> list[NameMatch]:
        """(start, end, form id) character offsets in `text` -> matches."""
        return [self.match(text, s, e, f) for s, e, f in ids]

    def match(self, text: str, start: int, end: int, form_id: int) -> NameMatch:
        return tuple.__new__(NameMatch, (start, end, text[start:end], self._hits_of(form_id)))

    def scan_ids(self, text: str) -> list[tuple[int, int, int]]:
        """`scan` as (start, end, form id) character offsets, without building matches."""
        return self.scan_bytes(text).chars()

    def scan_bytes(self, text: str, data: Optional[bytes] = None) -> "ByteMatches":
        """`scan` on the text's UTF-8 bytes (`data`, when the caller has them): (start, end, form
        id) byte offsets, which `ByteMatches.chars` turns into character offsets for the matches a
        caller keeps."""
        if not self._form_count or not text:
            return ByteMatches(b"", [], True)
        automaton = self.automaton
        if data is None:
            data = text.encode("utf-8", "surrogatepass")
        parts = self._find(automaton, data)
        variant_of = self._variant_of
        if SPEEDUPS is not None and getattr(variant_of, "itemsize", 4) == 4:
            matches = SPEEDUPS.select_matches(data, parts, self._edges, variant_of, self._form_count, _joins)
        else:
            matches = _select_matches_py(data, parts, self._edges, variant_of, self._form_count)
        return ByteMatches(data, matches, text.isascii())

    def _find(self, automaton, data: bytes) -> list[tuple[int, int, list]]:
        """Overlapping matches of every pattern, as parts (offset, until, matches): a part's match
        offsets are relative to `offset`, and only its matches that start before `until` count.
        A long text is cut into parts scanned on several threads (the scan releases the GIL:
        1.3-2x faster on 2 cores); each part reaches one longest pattern into the next, so a match
        across a cut is found whole, by the part it starts in."""
        n = len(data)
        workers = 1 if n < 2 * PARALLEL_SCAN_BYTES else min(os.cpu_count() or 1, MAX_SCAN_THREADS, n // PARALLEL_SCAN_BYTES)
        if workers < 2:
            return [(0, n, automaton.find_overlapping(data))]
        from concurrent.futures import ThreadPoolExecutor

        cuts = [0]
        for k in range(1, workers):
            cut = data.find(b" ", n * k // workers)  # an ASCII byte: a character boundary
            cuts.append(max(cuts[-1], n if cut == -1 else cut))
        cuts.append(n)
        reach = self._longest

        def part(k: int):
            lo, hi = cuts[k], cuts[k + 1]
            return lo, hi, automaton.find_overlapping(data[lo:hi + reach])

        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(part, range(workers)))

    def status(self, lang: str):
        """Per form id (bytes-like): ACCEPTED if some entity writes the form so in `lang`,
        DEPRECATED if its only readings in `lang` are deprecated ones, else 0 (a form of other
        languages only)."""
        if lang not in self._langs:
            return bytes(self._form_count)
        at = self._langs.index(lang) * self._form_count
        return memoryview(self._status)[at:at + self._form_count]

    def hits(self, form: str) -> tuple[Hit, ...]:
        """Every reading of `form` (apostrophes unified), or () when no entity writes it so."""
        form = _unify_apostrophes(form)
        if self._form_ids is None:
            # The forms are sorted: a binary search answers the first look-ups; a dictionary (0.8 s
            # to build for 850,000 forms) only once a run has asked enough to pay for it.
            self._lookups += 1
            if self._lookups <= DICT_AFTER_LOOKUPS:
                form_id = self._search(form)
                return () if form_id is None else self._hits_of(form_id)
            self._form_ids = {f: i for i, f in enumerate(self._form_list)}
        form_id = self._form_ids.get(form)
        return () if form_id is None else self._hits_of(form_id)

    def _search(self, form: str) -> Optional[int]:
        """The id of `form` by binary search: in the list, or, as loaded from the cache, in the
        UTF-8 buffer (UTF-8 sorts as code points do), which is then never decoded whole."""
        forms = self._forms
        if isinstance(forms, list):
            i = bisect.bisect_left(forms, form)
            return i if i < len(forms) and forms[i] == form else None
        key, starts = form.encode("utf-8", "surrogatepass"), self._form_starts
        lo, hi = 0, self._form_count
        while lo < hi:
            mid = (lo + hi) // 2
            if bytes(forms[starts[mid]:starts[mid + 1] - 1]) < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._form_count and bytes(forms[starts[lo]:starts[lo + 1] - 1]) == key:
            return lo
        return None

    def has_form(self, text: str) -> bool:
        """Is `text` a form of some entity in some language?"""
        return bool(self.hits(text))

    def derived(self, key, build):
        """A structure derived from the index (per language, per check), built once per process."""
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]

    def names_in(self, lang: str) -> dict[str, tuple[int, str]]:
        """Accepted forms of `lang` -> (entity index, kind), for near-miss search."""

        def build(index):
            # From the flat readings, not the entities: decoding 100,000 entities costs seconds.
            if lang not in index._langs:
                return {}
            lang_id, deprecated = index._langs.index(lang), KINDS.index("deprecated")
            starts, entity_ids, meta = index._hit_starts, index._hit_entities, index._hit_meta
            found = []
            for form_id, form in enumerate(index._form_list):
                for k in range(starts[form_id], starts[form_id + 1]):
                    code = meta[k]
                    if code >> 8 & 0xFF == lang_id and code & 0xFF != deprecated:
                        found.append((entity_ids[k], form_id, form, KINDS[code & 0xFF]))
                        break
            found.sort()  # entity order, as the glossary lists them
            return {form: (idx, kind) for idx, _, form, kind in found}

        return self.derived(("names", lang), build)


def _restore_index(state: dict) -> GlossaryIndex:
    index = GlossaryIndex.__new__(GlossaryIndex)
    index._restore(state)
    return index


def compile_glossaries(paths: Iterable[Path]) -> GlossaryIndex:
    """Load, validate and compile glossary files, from the on-disk cache when unchanged."""
    paths = [Path(p) for p in paths]
    # The serialized automaton is daachorse's own format: a new daachorse compiles anew.
    digest = hashlib.sha256(f"{__version__}/{INDEX_FORMAT}/{installed_version('daachorse')}".encode())
    for path in paths:
        # The bytes, not the text: a file that does not decode never compiles, so never hits.
        digest.update(str(path.resolve()).encode() + b"\0")
        hash_glossary_bytes(digest, path)
        digest.update(b"\0")
    key = digest.hexdigest()[:32]

    def build():
        from .load import load_glossaries

        return GlossaryIndex(load_glossaries(paths))

    return cached_pickle(f"glossary-{key}.index", build, prune="glossary-*", mapped=True)
