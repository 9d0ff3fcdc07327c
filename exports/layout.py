"""The printed form's layout, shared by the XLSX and PDF writers: rows, cell texts, wrapping."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Set as AbstractSet
from typing import Any

from exports.linebreak import break_point
from exports.model import ReportData
from forms.quantity import strip_invisible
from forms.registry import field_type
from forms.spec import FieldSpec, FormTemplate

QUALIFIER_LABELS = {"approx": "约", "at_least": "至少"}

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAK_AFTER = "。；！？;!?，,、）)"


def clean_text(text: Any) -> str:
    """User text as every export writes it: no control characters (newlines and tabs kept),
    no zero-width or direction characters (the field's warning says they are removed),
    newlines as ``\\n``."""
    text = "" if text is None else str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return strip_invisible(_CONTROL_RE.sub("", text))


def print_text(text: Any) -> str:
    """Text for a printed page: also turns tabs into blanks."""
    return clean_text(text).replace("\t", " ")


def grid_fields(template: FormTemplate, hidden: AbstractSet[str] = frozenset()) -> list[FieldSpec]:
    """Fields printed in the label/value grid: not the heading's edition, the date or the
    sign-off, nor the ``hidden`` ones (their show_if does not hold)."""
    roles = template.roles
    skip = set(roles.signoff)
    if roles.fill_date:
        skip.add(roles.fill_date)
    if roles.period and template.period_in_title():
        skip.add(roles.period)
    return [spec for spec in template.fields() if spec.key not in skip
            and not (spec.key in hidden or spec.parts and all(p.key in hidden for p in spec.parts))]


def grid_rows(template: FormTemplate, hidden: AbstractSet[str] = frozenset()
              ) -> list[tuple[FieldSpec, ...]]:
    """Rows as on the paper form: adjacent half-width fields share a row, full ones stand alone."""
    rows: list[tuple[FieldSpec, ...]] = []
    pending: FieldSpec | None = None
    for spec in grid_fields(template, hidden):
        if spec.layout == "full":
            if pending is not None:
                rows.append((pending,))
                pending = None
            rows.append((spec,))
        elif pending is None:
            pending = spec
        else:
            rows.append((pending, spec))
            pending = None
    if pending is not None:
        rows.append((pending,))
    return rows


def part_text(part: FieldSpec, raw: str) -> str:
    """A compound field's part as printed: its label, then what was typed (label not doubled)."""
    raw = raw.strip()
    if not raw or raw.startswith(part.label):
        return raw
    return f"{part.label}{raw}"


def cell_text(data: ReportData, spec: FieldSpec) -> str:
    """The printed cell of ``spec``, as its type prints it (mostly what the person typed);
    a compound field's parts one per line."""
    if spec.parts:
        texts = (part_text(part, _printed(data, part)) for part in spec.parts)
        return "\n".join(t for t in texts if t)
    return _printed(data, spec).strip("\n")


def _printed(data: ReportData, spec: FieldSpec) -> str:
    raw = clean_text(data.raw.get(spec.key, ""))
    return clean_text(field_type(spec).print_text(spec, raw, data.check.values.get(spec.key)))


def heading_date(data: ReportData) -> str:
    """The fill date as typed, for the line under the title."""
    key = data.template.roles.fill_date
    return clean_text(data.raw.get(key, "")).strip() if key else ""


def signoff_entries(data: ReportData) -> list[tuple[str, str]]:
    """(label, text) for the sign-off block; contact person and phone fill in blanks."""
    roles = data.template.roles
    fallback = {roles.filled_by: data.contact_person, roles.phone: data.phone}
    entries: list[tuple[str, str]] = []
    for key in roles.signoff:
        if not data.template.has(key):
            continue
        text = clean_text(data.raw.get(key, "")).strip() or clean_text(fallback.get(key)).strip()
        entries.append((data.template.field(key).label, text))
    return entries


def char_width(char: str) -> int:
    """Width in half-width units: CJK and full-width characters count 2."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def line_count(text: str, width: float) -> int:
    """Estimated wrapped lines of ``text`` in a column ``width`` half-width units wide."""
    width = max(width, 2)
    return sum(max(1, math.ceil(text_width(line) / width)) for line in text.split("\n"))


def split_long_line(line: str, limit: float) -> list[str]:
    """Cut a line longer than ``limit`` units, preferring a break after punctuation.

    Linear in the line's length: a 200,000-character paragraph is cut in one pass.
    """
    pieces: list[str] = []
    start, end = 0, len(line)
    while True:
        used, index, soft = 0, start, 0
        while index < end:
            used += char_width(line[index])
            if used > limit:
                break
            index += 1
            if line[index - 1] in _BREAK_AFTER and used > limit * 0.6:
                soft = index
        if index >= end:
            pieces.append(line[start:])
            return pieces
        cut = soft or break_point(line, start, max(index, start + 1))
        pieces.append(line[start:cut])
        start = cut


def split_chunks(text: str, width: float, max_lines: int) -> list[str]:
    """Split ``text`` into chunks of at most ``max_lines`` wrapped lines, at line ends if possible.

    Joining the chunks with newlines gives back the text, except where one very long line was cut.

    >>> split_chunks("一\\n二\\n三", 10, 2)
    ['一\\n二', '三']
    """
    chunks: list[str] = []
    current: list[str] = []
    used = 0
    for line in text.split("\n"):
        pieces = split_long_line(line, width * max_lines) if line else [line]
        for piece in pieces:
            if not piece and current:
                current.append(piece)  # a blank line never starts a chunk
                continue
            lines = line_count(piece, width)
            if current and used + lines > max_lines:
                chunks.append("\n".join(current))
                current, used = [], 0
            current.append(piece)
            used += lines
    if current:
        chunks.append("\n".join(current))
    return chunks or [""]


def human_size(size: int) -> str:
    """A file size as people read it.

    >>> human_size(1536), human_size(12), human_size(5 * 1024 ** 3)
    ('1.5 KB', '12 B', '5.0 GB')
    """
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def issue_texts(data: ReportData, key: str) -> list[str]:
    """The issues found in ``key``, as one line each."""
    return [issue.line() for issue in data.check.issues if issue.field == key]


def explanation_texts(data: ReportData, key: str) -> list[str]:
    """The explanations the person gave for warnings on ``key``."""
    return [clean_text(text) for (field, _code), text in data.explanations.items()
            if field == key and text]
