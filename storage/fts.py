"""The full-text index behind search: one FTS5 row per field value, plus one per report.

FTS5's unicode61 tokenizer keeps a run of Chinese characters as one token, so
"成都市疾控中心" would only match itself. We index text with every CJK character
spaced apart instead: each character is a token, and any Chinese query becomes a
phrase of single characters, which matches 1, 2 or more characters equally well.
Latin words and numbers stay whole tokens.

Row ids pack the report: ``report_id << SLOT_BITS | slot``. Slot 0 holds the title,
unit and period; slot n >= 1 holds the value whose ``field_values.slot`` is n. So a
hit's report is ``rowid >> SLOT_BITS``, with no lookup, and a report's rows are a range.

Writes do not touch the index: they only mark the report in ``search_pending`` (a
no-op after the first edit), which keeps a save as cheap as a plain insert. The
index catches up in ``flush_pending`` (on open, on close, or when the UI is idle), and
until then search matches pending reports in Python with the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlite_utils import Database

SLOT_BITS = 20
SLOT_MASK = (1 << SLOT_BITS) - 1
META_SLOT = 0

# Han ideographs (all extension blocks), kana, bopomofo and ideographic marks such as 〇.
_CJK_CLASS = (
    "[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u3100-\u312f"
    "\u31a0-\u31bf\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0003ffff]"
)
_CJK = re.compile(_CJK_CLASS)
_CJK_RUN = re.compile(_CJK_CLASS + "+")
_TOKEN = re.compile(r"[^\W_]+")  # what unicode61 keeps: letters and digits


def index_text(text: str) -> str:
    """Text as stored in the index: NFKC, with every CJK character spaced apart."""
    return _CJK_RUN.sub(_spaced, unicodedata.normalize("NFKC", text))


def _spaced(match: re.Match[str]) -> str:
    return " " + " ".join(match[0]) + " "


def tokens(text: str) -> list[str]:
    """The tokens FTS5 sees in ``text`` (case and accents folded, like unicode61)."""
    return [_fold(token) for token in _TOKEN.findall(index_text(text))]


def _fold(token: str) -> str:
    token = token.lower()
    if token.isascii():
        return token
    return "".join(c for c in unicodedata.normalize("NFD", token) if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Phrase:
    """One search term: consecutive tokens; the last may be a word prefix."""

    tokens: tuple[str, ...]
    prefix: bool

    def fts(self) -> str:
        return '"' + " ".join(self.tokens) + '"' + ("*" if self.prefix else "")

    def matches(self, text_tokens: list[str]) -> bool:
        *head, last = self.tokens
        size = len(self.tokens)
        for start in range(len(text_tokens) - size + 1):
            end = start + size - 1
            if text_tokens[start:end] == head and (
                    text_tokens[end].startswith(last) if self.prefix else text_tokens[end] == last):
                return True
        return False


def parse_query(query: str) -> list[Phrase]:
    """One phrase per whitespace-separated term; punctuation-only terms are dropped.

    >>> [p.fts() for p in parse_query("成都 Chen 第30届")]
    ['"成 都"', '"chen"*', '"第 30 届"']
    """
    phrases = []
    for term in unicodedata.normalize("NFKC", query).split():
        found = tokens(term)
        if found:
            last = found[-1]
            prefix = not _CJK.fullmatch(last) and not last.isdigit()
            phrases.append(Phrase(tuple(found), prefix))
    return phrases


def mark_pending(db: Database, report_id: int) -> None:
    """Note that the report's index rows are stale (cheap: usually writes nothing)."""
    db.execute("INSERT OR IGNORE INTO search_pending (report_id) VALUES (?)", [report_id])


def pending_reports(db: Database) -> list[int]:
    return [row[0] for row in db.execute("SELECT report_id FROM search_pending")]


def flush_pending(db: Database) -> int:
    """Bring the index up to date; call inside a write transaction. Returns reports done."""
    pending = pending_reports(db)
    for report_id in pending:
        reindex_report(db, report_id)
    db.execute("DELETE FROM search_pending")
    return len(pending)


def rowid(report_id: int, slot: int) -> int:
    return report_id << SLOT_BITS | slot


def report_texts(db: Database, report_id: int) -> list[tuple[int, str]]:
    """(slot, text) of everything searchable in a report: title/unit/period, then values."""
    meta = db.execute("SELECT title, unit, period FROM reports WHERE id = ?",
                      [report_id]).fetchone()
    if meta is None:
        return []
    values = db.execute("SELECT slot, raw FROM field_values WHERE report_id = ? ORDER BY slot",
                        [report_id]).fetchall()
    return [(META_SLOT, "\n".join(meta)), *values]


def report_matches(db: Database, report_id: int, phrases: list[Phrase]) -> bool:
    """Python twin of the FTS query: every phrase must match within one text."""
    texts = [tokens(text) for _, text in report_texts(db, report_id)]
    return all(any(phrase.matches(found) for found in texts) for phrase in phrases)


def drop_report(db: Database, report_id: int) -> None:
    db.execute("DELETE FROM report_search WHERE rowid BETWEEN ? AND ?",
               [rowid(report_id, 0), rowid(report_id, SLOT_MASK)])


def reindex_report(db: Database, report_id: int) -> None:
    """Rebuild one report's rows from the tables."""
    drop_report(db, report_id)
    for slot, text in report_texts(db, report_id):
        if text.strip():
            db.execute("INSERT INTO report_search (rowid, body) VALUES (?, ?)",
                       [rowid(report_id, slot), index_text(text)])


def rebuild_index(db: Database) -> None:
    """Rebuild the whole index (e.g. after the tokenising rules change); in a transaction."""
    db.execute("DELETE FROM report_search")
    for (report_id,) in db.execute("SELECT id FROM reports").fetchall():
        reindex_report(db, report_id)
    db.execute("DELETE FROM search_pending")
