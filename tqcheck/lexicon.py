"""Word frequencies per language (wordfreq's data), for the untranslated and word-typo checks.

wordfreq ships its word lists inside the package, so nothing is downloaded. Reading a whole list
costs ~0.4 s (import + unpacking), too slow for a pre-publish check, so each language's list is
copied once into an SQLite file in the cache and looked up word by word, with a memo.
Frequencies are Zipf values (log10 of frequency per billion words): 0 = unknown, 3 = once per
million words, 6 = "the"-like.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from array import array
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .cache import cache_dir, default_file_mode, installed_version

SCHEMA_VERSION = 2  # 2: no list for a language wordfreq lacks (version 1 kept its nearest match's)
BULK_AFTER = 5000  # word look-ups in SQLite before the whole list is read into memory


# ISO 639-1 codes whose word list wordfreq keeps under another code.
WORDFREQ_CODES = {"no": "nb", "nn": "nb", "sr": "sh", "hr": "sh", "bs": "sh", "tl": "fil"}


def _wordfreq_rows(lang: str) -> Optional[list[tuple[str, int]]]:
    """(word, Zipf x 100) for every word of wordfreq's list of `lang` ("large", else "best"), or
    None when wordfreq has no list for the language itself. (Asked for a language it lacks,
    wordfreq hands back its nearest match with a warning: for Zulu, the English list, which would
    make every Zulu word unknown.)"""
    import wordfreq

    code = WORDFREQ_CODES.get(lang, lang)
    for wordlist in ("large", "best"):
        if code in wordfreq.available_languages(wordlist):
            pack = wordfreq.get_frequency_list(code, wordlist=wordlist)
            break
    else:
        return None
    # wordfreq's packed list: bucket i holds the words of frequency 10^(-i/100), so Zipf x 100 =
    # 900 - i, with no logarithm per word (get_frequency_dict, then log10 of each frequency, cost
    # 0.3 s a language). A word in two buckets keeps the last, as get_frequency_dict has it.
    zipfs: dict[str, int] = {}
    for index, bucket in enumerate(pack):
        zipf = 900 - index
        for word in bucket:
            zipfs[word] = zipf
    return list(zipfs.items()) or None


class Lexicon:
    """Zipf frequency lookups for one language."""

    def __init__(self, lang: str, rows: Optional[list[tuple[str, int]]] = None, db_path: Optional[Path] = None):
        self.lang = lang
        self._memo: dict[str, float] = {}
        self._dict = {w: z / 100 for w, z in rows} if rows is not None else None
        self._db_path = db_path
        self._local = threading.local()
        self._common: dict = {}
        self._derived: dict = {}
        self._misses = 0

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self._db_path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def zipf(self, word: str) -> float:
        """Zipf frequency of `word` in any case (folded as wordfreq folds it); 0.0 when unknown."""
        value = self._memo.get(word)
        if value is not None:
            return value
        key = word
        word = word.casefold().replace("’", "'")
        if self._dict is None:
            self._misses += 1
            if self._misses > BULK_AFTER:
                self._load_all()
        if self._dict is not None:
            value = self._dict.get(word, 0.0)
        else:
            row = self._conn().execute("SELECT z FROM words WHERE w = ?", (word,)).fetchone()
            value = row[0] / 100 if row else 0.0
        if len(self._memo) < 500_000:
            self._memo[key] = value
        return value

    def _load_all(self) -> None:
        """A long run: the whole list in memory instead of one query a word. Read from SQLite
        once (0.6 s for English), then kept beside it as the words in one string and their
        frequencies in an array, which load in 0.24 s."""

        def build():
            rows = self._conn().execute("SELECT w, z FROM words ORDER BY w").fetchall()
            if any("\n" in w for w, _ in rows):
                return None  # cannot be joined by lines: read from SQLite every time
            return "\n".join(w for w, _ in rows), array("i", [z for _, z in rows])

        from .cache import cached_pickle

        flat = cached_pickle(f"{self._db_path.stem}-all.pickle", build, self._db_path.parent)
        if flat is None:
            rows = self._conn().execute("SELECT w, z FROM words")
            self._dict = {w: z / 100 for w, z in rows}
        else:
            words, zipfs = flat
            self._dict = dict(zip(words.split("\n") if words else [], [z / 100 for z in zipfs]))

    def common_words(self, min_zipf: float) -> list[tuple[str, float]]:
        """Every word at or above `min_zipf`, most frequent first (for spelling suggestions)."""
        if min_zipf not in self._common:
            if self._dict is not None:
                items = [(w, z) for w, z in self._dict.items() if z >= min_zipf]
            else:
                rows = self._conn().execute("SELECT w, z FROM words WHERE z >= ?", (int(min_zipf * 100),))
                items = [(w, z / 100) for w, z in rows]
            items.sort(key=lambda item: (-item[1], item[0]))
            self._common[min_zipf] = items
        return self._common[min_zipf]

    def common_set(self, min_zipf: float) -> frozenset:
        """The words at or above `min_zipf`, as a set (no sorting: cheap at a cold start)."""
        key = ("set", min_zipf)
        if key not in self._common:
            if self._dict is not None:
                self._common[key] = frozenset(w for w, z in self._dict.items() if z >= min_zipf)
            else:
                # Kept beside the database as one pickled string: 5 ms to load, not 60 ms of rows.
                def build():
                    rows = self._conn().execute("SELECT w FROM words WHERE z >= ?", (int(min_zipf * 100),))
                    return "\n".join(w for (w,) in rows if "\n" not in w)

                from .cache import cached_pickle

                name = f"{self._db_path.stem}-common-{int(min_zipf * 100)}.pickle"
                self._common[key] = frozenset(w for w in cached_pickle(name, build, self._db_path.parent).split("\n") if w)
        return self._common[key]

    def by_first_letter_and_length(self, min_zipf: float) -> dict[tuple[str, int], list[str]]:
        """The words of `common_words(min_zipf)` grouped by (first letter, length)."""
        key = ("by-first-length", min_zipf)
        if key not in self._common:
            buckets: dict[tuple[str, int], list[str]] = {}
            for word, _ in self.common_words(min_zipf):
                buckets.setdefault((word[:1], len(word)), []).append(word)
            self._common[key] = buckets
        return self._common[key]

    def prepare(self, min_zipf: float) -> None:
        """Build the file a check reads beside the SQLite list now: the set of words at or above
        `min_zipf` (spelling suggestions). (The flat copy a long run loads whole is left to the
        first long run: it would double the cache's size for a pre-publish deployment.)"""
        if self._db_path is not None:
            self.common_set(min_zipf)

    def memo(self, key, compute):
        """Memoise a derived answer (a spelling search) for the life of the process."""
        if key not in self._derived:
            if len(self._derived) > 200_000:
                self._derived.clear()
            self._derived[key] = compute()
        return self._derived[key]


def _build_db(path: Path, rows: list[tuple[str, int]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only when the cache is built

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        # A temporary file, synced and renamed into place when whole: no journal, no syncs while
        # it is filled; rows in key order fill the B-tree from one end (0.9 s instead of 1.8 s for
        # English, a cold start's largest cost).
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("CREATE TABLE words (w TEXT PRIMARY KEY, z INTEGER) WITHOUT ROWID")
        conn.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", sorted(rows, key=lambda row: row[0]))
        conn.execute("CREATE INDEX words_z ON words (z)")
        conn.commit()
        conn.close()
        # As the cache's other files (atomic_write): readable by others as the umask allows, not
        # mkstemp's 0600. A cache built at deployment by one user is read by the service's user.
        os.chmod(tmp, default_file_mode())
        handle = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(handle)  # once, whole, before it takes the real name
        finally:
            os.close(handle)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


_lock = threading.Lock()


@lru_cache(maxsize=None)
def get_lexicon(lang: str) -> Optional[Lexicon]:
    """The lexicon of `lang`, or None when wordfreq has no list for it."""
    with _lock:
        directory = cache_dir()
        db_path = directory / f"lexicon-{lang}-wf{installed_version('wordfreq')}-v{SCHEMA_VERSION}.sqlite" if directory else None
        if db_path is not None and db_path.is_file():
            return Lexicon(lang, db_path=db_path)
        missing_marker = db_path.with_suffix(".none") if db_path is not None else None
        if missing_marker is not None and missing_marker.exists():
            return None
        rows = _wordfreq_rows(lang)
        if rows is None:
            if missing_marker is not None:
                try:
                    missing_marker.parent.mkdir(parents=True, exist_ok=True)
                    missing_marker.touch()
                except OSError:
                    pass
            return None
        if db_path is not None:
            try:
                _build_db(db_path, rows)
                return Lexicon(lang, db_path=db_path)
            except (OSError, sqlite3.Error):
                pass
        return Lexicon(lang, rows=rows)
