"""JSON handed to us by people or other programs (values files, package manifests): read it
whole or refuse it with a reason in Chinese, never a traceback.

    >>> read_json(b'{"a": "\\\\ud800"}')  # doctest: +SKIP
    Traceback (most recent call last):
    JsonInputError: 含有无效的字符（不成对的代理字符 \\ud800，位于“a”）…
"""

from __future__ import annotations

import json
from typing import Any

from forms.messages import msg

SAVE_AS_UTF8 = msg("请用记事本打开它，选“另存为”，编码选“UTF-8”后保存，再重试。")


class JsonInputError(ValueError):
    """Why a JSON text cannot be used; ``reason`` is fit to show after the file's name."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class EncodingError(JsonInputError):
    """The bytes are not UTF-8 text."""


def decode_utf8(data: bytes) -> str:
    """The text of UTF-8 bytes (a BOM is dropped); other encodings are named, not guessed at."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise EncodingError(msg("不是 UTF-8 编码，是 UTF-16（记事本中的“Unicode”）。{fix}",
                                    fix=SAVE_AS_UTF8)) from exc
        try:
            data.decode("gbk")
        except UnicodeDecodeError:
            raise EncodingError(msg("不是 UTF-8 编码的文本（第 {byte} 个字节无法识别）。{fix}",
                                    byte=exc.start + 1, fix=SAVE_AS_UTF8)) from exc
        raise EncodingError(msg("不是 UTF-8 编码，看起来是 GBK（Windows 记事本等软件的默认编码）。{fix}",
                                fix=SAVE_AS_UTF8)) from exc


def read_json(data: bytes | str) -> Any:
    """The value of a JSON text; JsonInputError for bad encoding, bad syntax, nesting too deep
    to read, and strings with a lone surrogate (no character: it cannot be stored or shown)."""
    text = decode_utf8(data) if isinstance(data, bytes) else data
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonInputError(msg("不是有效的 JSON（第{line}行第{column}列）：{error}",
                                 line=exc.lineno, column=exc.colno, error=exc.msg)) from exc
    except RecursionError as exc:
        raise JsonInputError(msg("嵌套层数过多（括号套括号太深），不是本软件能读取的格式。")) from exc
    where = lone_surrogate(value)
    if where is not None:
        raise JsonInputError(msg("含有无效的字符（不成对的代理字符，位于“{where}”），"
                                 "可能是其他软件生成时出错。请检查文件内容。", where=where[:40]))
    return value


def lone_surrogate(value: Any, where: str = "") -> str | None:
    """Where a string in ``value`` holds a lone surrogate (a key, or the key it is under)."""
    stack: list[tuple[Any, str]] = [(value, where)]
    while stack:
        item, place = stack.pop()
        if isinstance(item, str):
            if _has_surrogate(item):
                return place or item.encode("utf-8", "backslashreplace").decode("ascii")
        elif isinstance(item, dict):
            for key, inner in item.items():
                name = str(key)
                if _has_surrogate(name):
                    return name.encode("utf-8", "backslashreplace").decode("ascii")
                stack.append((inner, name))
        elif isinstance(item, list):
            stack.extend((inner, place) for inner in item)
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
