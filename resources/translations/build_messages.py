"""The English texts of the app's own messages (forms.messages): keep messages_en.po in step
with the code and compile it to messages_en.mo, which the app reads.

    uv run python resources/translations/build_messages.py           # compile the .mo
    uv run python resources/translations/build_messages.py --update  # new msgids in, gone ones out
    uv run python resources/translations/build_messages.py --check   # missing or stale (exit 1)

The msgids are the first argument of every ``msg("…")``, ``plural("…")`` and ``N_("…")`` call in forms/,
storage/, exports/, ui/ and widgets/, read with ast. ``--update`` adds the new ones with an
empty translation (to fill in) and lists the ones the code no longer has, which it drops.
"""

from __future__ import annotations

import ast
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PO_FILE = HERE / "messages_en.po"
MO_FILE = HERE / "messages_en.mo"
PACKAGES = ("forms", "storage", "exports", "ui", "widgets")
MARKERS = {"msg": False, "plural": True, "N_": False}  # function name -> takes a plural
HEADER = ("Content-Type: text/plain; charset=UTF-8\n"
          "Language: en\n"
          "Plural-Forms: nplurals=2; plural=(n != 1);\n")


@dataclass
class Entry:
    """One message: its msgid, whether it has a plural, its translation(s), where it is used."""

    msgid: str
    plural: bool = False
    translations: list[str] = field(default_factory=list)  # one, or singular and plural
    places: list[str] = field(default_factory=list)
    first: tuple[str, int] = ("", 0)  # where the code first has it, for the .po's order
    params: set[str] = field(default_factory=set)  # the names passed at its calls

    @property
    def translated(self) -> bool:
        return len(self.translations) == (2 if self.plural else 1) and all(self.translations)


# --- the code -------------------------------------------------------------------------------

def source_files(root: Path = ROOT) -> list[Path]:
    return sorted(p for package in PACKAGES for p in (root / package).rglob("*.py"))


def extract(root: Path = ROOT) -> tuple[dict[str, Entry], list[str]]:
    """Every msgid in the code, in the order first met, and the calls whose msgid is not a
    literal text (each "path:line": a message the catalogue cannot know)."""
    found: dict[str, Entry] = {}
    unreadable: list[str] = []
    for path in source_files(root):
        name = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), name)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in MARKERS):
                continue
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                unreadable.append(f"{name}:{node.lineno}")
                continue
            entry = found.setdefault(first.value, Entry(first.value, MARKERS[node.func.id],
                                                        first=(name, node.lineno)))
            entry.plural = entry.plural or MARKERS[node.func.id]
            entry.first = min(entry.first, (name, node.lineno))
            entry.params |= {k.arg for k in node.keywords if k.arg}
            if name not in entry.places:
                entry.places.append(name)
    ordered = sorted(found.values(), key=lambda e: e.first)
    return {e.msgid: e for e in ordered}, unreadable


# --- the .po file ---------------------------------------------------------------------------

def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
        .replace("\t", "\\t")
    return f'"{escaped}"'


def _unquote(text: str) -> str:
    return ast.literal_eval(text.strip())


def read_po(path: Path = PO_FILE) -> dict[str, Entry]:
    """The entries of a .po file (the header left out)."""
    entries: dict[str, Entry] = {}
    current: dict[str, str] = {}
    last = ""

    def finish() -> None:
        if "msgid" in current and current["msgid"]:
            plural = "msgid_plural" in current
            keys = ["msgstr[0]", "msgstr[1]"] if plural else ["msgstr"]
            entries[current["msgid"]] = Entry(current["msgid"], plural,
                                              [current.get(k, "") for k in keys])
        current.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line:
                finish()
            continue
        if line.startswith('"'):
            current[last] += _unquote(line)
            continue
        key, _, value = line.partition(" ")
        if key == "msgid" and "msgid" in current:
            finish()
        current[key] = _unquote(value)
        last = key
    finish()
    return entries


def write_po(entries: list[Entry], path: Path = PO_FILE) -> None:
    lines = ["# English texts of Tianbao's own messages (forms.messages).",
             "# Written by resources/translations/build_messages.py --update; fill in msgstr.",
             'msgid ""', f"msgstr {_quote(HEADER)}", ""]
    for entry in entries:
        lines.append(f"#: {' '.join(entry.places)}")
        lines.append(f"msgid {_quote(entry.msgid)}")
        if entry.plural:
            forms = (entry.translations + ["", ""])[:2]
            lines.append(f"msgid_plural {_quote(entry.msgid)}")
            lines += [f"msgstr[{n}] {_quote(text)}" for n, text in enumerate(forms)]
        else:
            lines.append(f"msgstr {_quote((entry.translations or [''])[0])}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


# --- the .mo file (GNU gettext's format, as Python's gettext reads it) ----------------------

def compile_mo(entries: dict[str, Entry]) -> bytes:
    """The .mo bytes of the translated entries (an untranslated one is left to the Chinese)."""
    pairs = {b"": HEADER.encode()}
    for entry in entries.values():
        if not entry.translated:
            continue
        key = entry.msgid.encode()
        if entry.plural:
            key += b"\0" + key
        pairs[key] = "\0".join(entry.translations).encode()
    keys = sorted(pairs)
    offsets, ids, strs = [], b"", b""
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(pairs[key])))
        ids += key + b"\0"
        strs += pairs[key] + b"\0"
    start = 7 * 4 + 16 * len(keys)  # header, then the two tables
    table_ids = [v for o in offsets for v in (o[1], o[0] + start)]
    table_strs = [v for o in offsets for v in (o[3], o[2] + start + len(ids))]
    head = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return head + struct.pack(f"{len(table_ids)}i", *table_ids) + \
        struct.pack(f"{len(table_strs)}i", *table_strs) + ids + strs


def main(argv: list[str]) -> int:
    code, unreadable = extract()
    for place in unreadable:
        print(f"{place}: msg()/plural() needs a literal msgid")
    po = read_po() if PO_FILE.exists() else {}
    if "--update" in argv:
        for msgid in po.keys() - code.keys():
            print(f"dropped (no longer in the code): {msgid}")
        for entry in code.values():
            old = po.get(entry.msgid)
            if old is not None and old.plural == entry.plural:
                entry.translations = old.translations
        write_po(list(code.values()))
        po = read_po()
    missing = [e.msgid for e in code.values() if e.msgid not in po or not po[e.msgid].translated]
    for msgid in missing:
        print(f"not translated: {msgid}")
    compiled = compile_mo(po)
    if "--check" in argv:
        stale = not MO_FILE.exists() or MO_FILE.read_bytes() != compiled
        if stale:
            print(f"{MO_FILE.name} is not compiled from {PO_FILE.name}: run this script")
        return 1 if missing or unreadable or stale else 0
    MO_FILE.write_bytes(compiled)
    print(f"{MO_FILE.name}: {sum(e.translated for e in po.values())} of {len(code)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
