"""The app's own messages: Chinese text first, English from resources/translations."""

from __future__ import annotations

import ast
import copy
import gettext
import pickle
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from forms import messages
from forms.messages import joined, msg, plural, say

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("forms", "storage", "exports", "ui", "widgets")
MARKERS = {"msg", "plural", "N_"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_a_message_is_its_chinese_text_and_says_itself_in_english():
    found = msg("找不到数值文件：{path}", path="D:/数值.json")
    assert found == "找不到数值文件：D:/数值.json" and isinstance(found, str)
    assert say(found, "zh_CN") == found
    assert say(found, "en") == "The values file cannot be found: D:/数值.json"  # the path as given
    assert say("用户写的文字", "en") == "用户写的文字" and say(None, "en") == ""


def test_counts_are_singular_or_plural_and_nested_messages_follow_the_language():
    assert [say(plural("列出{n}个名称", n=n), "en") for n in (1, 2)] == [
        "1 name listed", "2 names listed"]
    outer = msg("{reading}（{note}）", reading=msg("= 0（无）"), note="备注")
    assert outer == "= 0（无）（备注）"
    assert say(outer, "en") == "= 0 (none) (备注)"
    units = joined(["“人”", "“人次”"], msg("或"))
    assert units == "“人”或“人次”" and say(units, "en") == "“人” or “人次”"
    listed = msg("{items}等{count}个", items=["甲", "乙"], count=5)
    assert listed == "甲、乙等5个" and say(listed, "en") == "甲, 乙 and others (5 in all)"


def test_a_message_survives_copying_and_pickling():
    found = plural("列出{n}个名称", n=3)
    for again in (copy.deepcopy(found), pickle.loads(pickle.dumps(found))):
        assert again == found and say(again, "en") == "3 names listed"


def test_a_translation_that_does_not_fit_its_parameters_gives_the_chinese(monkeypatch):
    class Broken(gettext.NullTranslations):
        def gettext(self, message):
            return "{nonsense} happened"

    monkeypatch.setitem(messages._catalogues, "en", Broken())  # noqa: SLF001
    found = msg("找不到数值文件：{path}", path="a.json")
    assert say(found, "en") == "找不到数值文件：a.json"


def test_a_missing_catalogue_gives_the_chinese(monkeypatch, tmp_path):
    monkeypatch.setattr(messages, "TRANSLATIONS_DIR", tmp_path)
    monkeypatch.setattr(messages, "_catalogues", {})
    assert say(msg("文件不存在"), "en") == "文件不存在"


def test_the_language_shown_is_set_by_the_desktop_app_only():
    assert messages.shown_language() == messages.CHINESE  # the CLI and exports never set it
    try:
        messages.set_language("en")
        assert say(msg("文件不存在")) == "the file does not exist"
        messages.set_language("klingon")
        assert messages.shown_language() == messages.CHINESE
    finally:
        messages.set_language(messages.CHINESE)


# --- the catalogue against the code ------------------------------------------------------------

def _calls() -> list[tuple[str, ast.Call]]:
    """Every msg()/plural()/N_() call in the app's packages, with where it is."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found += [(f"{path.relative_to(ROOT)}:{node.lineno}", node) for node in ast.walk(tree)
                      if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                      and node.func.id in MARKERS]
    return found


def _names(text: str) -> set[str]:
    """The {parameters} of a text (not a literal brace such as “{ field = "..." }”)."""
    return {name for _, name, _, _ in string.Formatter().parse(text)
            if name is not None and name.isidentifier()}


def test_every_message_in_the_code_has_an_english_text_with_its_parameters():
    catalogue = gettext.GNUTranslations((messages.TRANSLATIONS_DIR / "messages_en.mo").open("rb"))
    texts = catalogue._catalog  # noqa: SLF001 - every msgid the app can say in English
    given: dict[str, set[str]] = {}
    problems = []
    calls = _calls()
    assert len(calls) > 500
    for where, call in calls:
        first = call.args[0] if call.args else None
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            problems.append(f"{where}: the msgid is not a literal text")
            continue
        msgid, keywords = first.value, {k.arg for k in call.keywords}
        if call.func.id != "N_" and None not in keywords:  # no **params: each {name} is given
            missing = _names(msgid) - keywords - ({"n"} if call.func.id == "plural" else set())
            if missing:
                problems.append(f"{where}: {msgid!r} is not given {sorted(missing)}")
        given.setdefault(msgid, set()).update(keywords - {None})
        forms = [texts.get((msgid, 0)), texts.get((msgid, 1))] if call.func.id == "plural" \
            else [texts.get(msgid)]
        if not all(forms):
            problems.append(f"{where}: {msgid!r} has no English text")
            continue
        for form in forms:
            if not _quotes_chinese(form):
                problems.append(f"{where}: the English of {msgid!r} is Chinese: {form!r}")
            known = _names(msgid) | given[msgid] | ({"n"} if call.func.id == "plural" else set())
            if not _names(form) <= known:
                problems.append(f"{where}: {form!r} names {_names(form) - known}")
            if not call.keywords and call.func.id == "msg":
                continue  # shown as it is, braces and all
            try:
                form.format_map({name: _Anything() for name in _names(form)})
            except (ValueError, IndexError) as exc:
                problems.append(f"{where}: {form!r} does not format ({exc})")
    assert problems == []


class _Anything:
    def __format__(self, spec: str) -> str:  # {n:,} and {name} alike
        return "x"


def _quotes_chinese(form: str) -> bool:
    """An English text may quote what a person types (“万”, "人"), nothing else Chinese."""
    return not CJK.search(re.sub(r"“[^”]*”|'[^']*'|\"[^\"]*\"", "", form))


def test_the_po_file_covers_the_code_and_the_mo_is_compiled_from_it():
    script = ROOT / "resources" / "translations" / "build_messages.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                          text=True, encoding="utf-8", timeout=60, check=False)
    assert done.returncode == 0, done.stdout


# --- the core refuses with messages, never with bare Chinese text ---------------------------------

def _chinese(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(CJK.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_chinese(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _chinese(node.left) or _chinese(node.right)
    return False


@pytest.mark.parametrize("package", ["forms", "storage", "exports", "ui", "widgets"])
def test_errors_and_issues_are_made_of_messages(package):
    """A raise or an Issue with a Chinese literal would never be said in English (the CLI's
    own errors are Chinese only)."""
    bare = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if "cli" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = node.exc if isinstance(node, ast.Raise) else node
            if not isinstance(call, ast.Call) or (node is call and not (
                    isinstance(call.func, ast.Name) and call.func.id in ("Issue", "problem"))):
                continue
            if any(_chinese(arg) for arg in [*call.args, *(k.value for k in call.keywords)]):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == []
