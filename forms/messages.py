"""The app's own messages, in Chinese and in English.

A message is its Chinese text (a ``str``, so every caller that prints, stores or compares it
keeps working) that remembers its msgid and parameters, so the desktop app can say it in
English. The msgid is the Chinese text with named parameters, as gettext does it:

    >>> found = plural("列出{n}个名称", n=3)
    >>> found, say(found, "en")
    ('列出3个名称', '3 names listed')

Parameters that are plain strings (labels, units, what was typed) are never translated;
parameters that are messages are said in the same language; a list is joined with 、 (", ").
The English texts are resources/translations/messages_en.po, compiled to messages_en.mo by
resources/translations/build_messages.py. Exports, the command line and JSON stay Chinese:
only ``say`` speaks another language, and only where the desktop app shows a text.
"""

from __future__ import annotations

import gettext
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger("tianbao.forms")

CHINESE = "zh_CN"
ENGLISH = "en"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
CATALOGUE_NAME = "messages_{language}.mo"

_shown = CHINESE  # the language ``say`` uses when none is given (set by the desktop app)
_catalogues: dict[str, gettext.NullTranslations] = {}


class Msg(str):
    """A message: its Chinese text, plus what it takes to say it in another language."""

    msgid: str
    params: dict[str, Any]
    n: int | None

    def __new__(cls, msgid: str, params: dict[str, Any] | None = None,
                n: int | None = None) -> Msg:
        text = msgid.format_map({k: _chinese(v) for k, v in params.items()}) if params else msgid
        self = super().__new__(cls, text)
        self.msgid, self.params, self.n = msgid, params or {}, n
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle keep the message whole
        return Msg, (self.msgid, self.params, self.n)

    def say(self, language: str) -> str:
        """The message in ``language`` (the Chinese text itself for Chinese)."""
        if language == CHINESE:
            return str.__str__(self)
        found = catalogue(language)
        template = found.ngettext(self.msgid, self.msgid, self.n) if self.n is not None \
            else found.gettext(self.msgid)
        if not self.params:
            return template
        try:
            return template.format_map({k: _said(v, language) for k, v in self.params.items()})
        except (KeyError, IndexError, ValueError):  # a broken translation: the Chinese, not a crash
            log.warning("translation of %r does not fit its parameters", self.msgid)
            return str.__str__(self)


def msg(msgid: str, **params: Any) -> Msg:
    """A message; ``msgid`` is its Chinese text with {named} parameters."""
    return Msg(msgid, params)


def plural(msgid: str, *, n: int, **params: Any) -> Msg:
    """A message about ``n`` things: one form in Chinese, singular or plural in English."""
    return Msg(msgid, {"n": n, **params}, n)


def N_(msgid: str) -> str:  # noqa: N802 - gettext's name for it
    """A msgid written where its parameters are not known yet (a table of messages): found by
    the catalogue's extraction like ``msg``; made a message later with ``Msg(msgid, params)``."""
    return msgid


def joined(items: Iterable[Any], separator: str) -> Msg:
    """Items joined with a separator that is itself a message: joined(units, msg("或"))."""
    found = list(items)
    return Msg("{items}", {"items": _Joined(found, separator)})


class _Joined:
    """A list parameter with its own separator (a message)."""

    __slots__ = ("items", "separator")

    def __init__(self, items: list[Any], separator: str) -> None:
        self.items, self.separator = items, separator


def _chinese(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, _Joined):
        return str(value.separator).join(str(v) for v in value.items)
    return value


def _said(value: Any, language: str) -> Any:
    if isinstance(value, Msg):
        return value.say(language)
    if isinstance(value, list | tuple):
        return say(LIST_SEPARATOR, language).join(str(_said(v, language)) for v in value)
    if isinstance(value, _Joined):
        return say(value.separator, language).join(str(_said(v, language)) for v in value.items)
    return value


LIST_SEPARATOR = msg("、")


def say(text: Any, language: str | None = None) -> str:
    """``text`` in ``language`` (by default the one the app shows): a message is translated,
    any other text is shown as it is (it came from the template or the person). None is ""."""
    if text is None:
        return ""
    if isinstance(text, Msg):
        return text.say(language or _shown)
    return str(text)


def set_language(language: str) -> None:
    """The language ``say`` uses from now on (the desktop app's, with its Qt translators)."""
    global _shown
    _shown = language if language in (CHINESE, ENGLISH) else CHINESE


def shown_language() -> str:
    return _shown


def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled texts for ``language``, read once; none (the Chinese) when missing."""
    found = _catalogues.get(language)
    if found is None:
        path = TRANSLATIONS_DIR / CATALOGUE_NAME.format(language=language)
        try:
            with path.open("rb") as file:
                found = gettext.GNUTranslations(file)
        except Exception as exc:  # noqa: BLE001 - a missing or broken file: Chinese, no crash
            log.warning("no message catalogue for %s (%s)", language, exc)
            found = gettext.NullTranslations()
        _catalogues[language] = found
    return found
