"""Telephone numbers as written on forms: one or several, landline or mobile.

``027-85880016、13812345678`` is two numbers; ``027 8588 0016`` is one. A landline written
after another without its area code (``027-85880016、85880017``) takes the one before.
"""

from __future__ import annotations

import re
import unicodedata

from forms.quantity import strip_invisible

_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area codes are 010 and 020-029, or four digits (0571); the local number has 7-8 digits.
_LANDLINE = re.compile(r"(010|02\d|0[3-9]\d{2})([1-9]\d{6,7})")
_LOCAL = re.compile(r"[1-9]\d{6,7}")
_LABEL = re.compile(r"^(?:[^\d+(]{1,10}[:：]|[\u4e00-\u9fff]{1,8})\s*")  # 联系电话：, 手机
_NAME_AFTER = re.compile(r"\s*\(([\u4e00-\u9fff·]{1,10})\)$|\s+[\u4e00-\u9fff·]{1,10}$")
_EXTENSION = re.compile(r"(?:转|ext\.?|-)\s*(\d{1,5})$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:[、,;；/|\n]|\s(?:或|及|和)\s?|(?<=\d)(?:或|及|和))\s*")
_BLANKS = re.compile(r"[\s\-()（）.]")


def split_phones(text: str) -> list[str]:
    """The numbers as written, in order: split at 、 ， ; / and at spaces between numbers.

    >>> split_phones("027-85880016、138 1234 5678；0571-87654321 13912345678")
    ['027-85880016', '138 1234 5678', '0571-87654321', '13912345678']
    """
    plain = unicodedata.normalize("NFKC", strip_invisible(text))
    pieces: list[str] = []
    for chunk in _SEPARATORS.split(plain):
        chunk = chunk.strip(" 。.")
        if not chunk:
            continue
        words = chunk.split()
        if len(words) > 1 and read_phone(chunk) is None and all(
                read_phone(w) or _LOCAL.fullmatch(w) for w in words):
            pieces += words  # 027-85880016 13812345678: two numbers side by side
        else:
            pieces.append(chunk)
    return pieces


def read_phone(text: str, area: str | None = None) -> str | None:
    """One number, normalised (``027-85880016``, ``0571-87654321转123``, ``13812345678``).

    ``area``: the area code of the number before, for a local number written alone.
    """
    plain = _LABEL.sub("", unicodedata.normalize("NFKC", strip_invisible(text)).strip())
    plain = _NAME_AFTER.sub("", plain)  # 13812345678（张三）
    digits = _digits(plain)
    ext = ""
    if not _known(digits, area):
        extension = _EXTENSION.search(plain)
        if extension:
            ext, digits = extension[1], _digits(plain[: extension.start()])
    if _MOBILE.fullmatch(digits):
        return digits if not ext else None
    landline = _LANDLINE.fullmatch(digits)
    if landline is None and area and _LOCAL.fullmatch(digits):
        landline = _LANDLINE.fullmatch(area + digits)
    if landline is None:
        return None
    return f"{landline[1]}-{landline[2]}" + (f"转{ext}" if ext else "")


def area_code(number: str) -> str | None:
    return number.split("-", 1)[0] if "-" in number else None


def _digits(text: str) -> str:
    digits = _BLANKS.sub("", text)
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            return digits[len(prefix):]
    return digits


def _known(digits: str, area: str | None) -> bool:
    return bool(_MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits)
                or (area and _LOCAL.fullmatch(digits)))
