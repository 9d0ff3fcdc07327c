"""Where things are in a template's TOML text: tomllib gives values, not line numbers.

Tables are found by their headers (``[[sections.fields]]``, ``[[rules]]``, ``[roles]``) in
document order, which is the order tomllib reads them in; keys by searching the table's lines.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\s\"']+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


class TemplateLines:
    """Line numbers (1-based) of a template's tables and keys."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        self._starts: set[int] = set()  # every header line
        for number, line in enumerate(self.lines, 1):
            if "[" not in line:
                continue
            match = _HEADER.match(line)
            if match:
                name = re.sub(r"\s+", "", match[1])
                self.headers.setdefault(name, []).append(number)
                self._starts.add(number)

    def table(self, name: str, index: int, expected: int | None = None) -> int | None:
        """The header line of the ``index``-th (0-based) ``[[name]]`` table.

        ``expected`` is how many such tables tomllib read: when the text holds another number
        (inline tables), the headers are not the tables and None is returned.
        """
        found = self.headers.get(name, [])
        if expected is not None and len(found) != expected:
            return None
        return found[index] if 0 <= index < len(found) else None

    def key(self, key: str, table_line: int | None = None) -> int | None:
        """The line of ``key = ...`` in the table starting at ``table_line`` (None: top level)."""
        start = table_line or 0
        for number in range(start + 1, len(self.lines) + 1):
            if number in self._starts:
                break
            match = _KEY.match(self.lines[number - 1])
            if match and match[1] == key:
                return number
        return None

    def find(self, pattern: str) -> int | None:
        """The first line matching a regular expression (a fallback for inline tables)."""
        compiled = re.compile(pattern)
        for number, line in enumerate(self.lines, 1):
            if compiled.search(line):
                return number
        return None

    def id_line(self, value: str) -> int | None:
        """The first line reading ``id = "value"``."""
        return self.find(rf"""(?:^|[{{,\s])id\s*=\s*["']{re.escape(value)}["']""")
