"""What the command line prints is shown, never obeyed: control characters (ESC, BEL, CR…),
direction overrides and other invisible characters in user text are written as ``\\uXXXX``.

A merged county's text could otherwise clear the terminal or reverse a line. ``\\uXXXX`` is
also a JSON string escape, so ``--json`` output stays valid and reads back to the same text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

# Tab and newline stay; lone surrogates could not even be encoded.
_SHOWN_ESCAPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                            "\u2060-\u2069\ufeff\ud800-\udfff]")


def escaped(text: str) -> str:
    r"""``text`` with every such character as ``\uXXXX``.

    >>> escaped("单位\x1b[2J\u202e名")
    '单位\\u001b[2J\\u202e名'
    """
    return _SHOWN_ESCAPED.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


class EscapedOutput:
    """A text stream that writes through ``escaped``; everything else is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escaped(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """stdout and stderr escaped while the command runs (restored after, unless replaced)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapedOutput(out), EscapedOutput(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        if isinstance(sys.stdout, EscapedOutput):
            sys.stdout = out
        if isinstance(sys.stderr, EscapedOutput):
            sys.stderr = err
