"""A unit printed in a label, （万元） （万份） （千元） （%）, and a cell's bare figure read in it.

Under 费用减免（万元） the cell says 130: that is 130万元, whatever unit the template's field
has. The cell's text is imported with the label's unit written after the figure, exactly as
if the person had typed 130万元, so the normal parsing reads it (or refuses it). A figure
that cannot be given the unit safely is not imported at all: never 130 元 in silence.
"""

from __future__ import annotations

from forms.importing.labels import LabelUnit, label_unit
from forms.messages import Msg, msg
from forms.quantity import Unreadable, read_quantity
from forms.spec import FieldSpec

FIGURE_TYPES = ("count", "decimal", "money")  # a bare figure gets the label's unit


def in_label_unit(label: str, spec: FieldSpec, text: str) -> tuple[str, Msg | None]:
    """The text to import for ``spec`` from a cell under ``label``, and a refusal, if any.

    The text is unchanged when the label prints no unit, the field's own unit, or the cell
    writes its own unit. A bare figure gets the label's unit; one with words around it, whose
    unit cannot be placed safely, is refused (the reason says so) and not imported.
    """
    found = label_unit(label)
    if found is None or not text.strip() or found.text == spec.unit:
        return text, None
    if spec.parts:
        return _parts_in_label_unit(found, spec, text)
    if spec.type not in FIGURE_TYPES:
        if found.scale and spec.units:  # 名单 under （万家）: its count would be off
            return text, _refusal(found, text)
        return text, None
    quantity = read_quantity(text)
    if isinstance(quantity, Unreadable) or quantity.none or quantity.unit is not None:
        return text, None  # its own error, none, or a unit written in the cell
    if quantity.prefix or quantity.suffix or quantity.note:
        return text, _refusal(found, text)
    if quantity.scaled and found.scale:
        return text.rstrip() + found.unit, None  # 38万 under （万份）: 38万份, as 万元 fields read 1.5万
    return text.rstrip() + found.text, None


def _parts_in_label_unit(found: LabelUnit, spec: FieldSpec,
                         text: str) -> tuple[str, Msg | None]:
    """线下/线上 under （万人）: each line must write its own unit, else nothing is imported."""
    if not found.scale and all(found.unit in part.units for part in spec.parts):
        return text, None
    for line in text.splitlines():
        if not line.strip():
            continue
        quantity = read_quantity(line)
        if not isinstance(quantity, Unreadable) and not quantity.none and quantity.unit is None:
            return text, _refusal(found, text)
    return text, None


def _refusal(found: LabelUnit, text: str) -> Msg:
    short = " ".join(text.split())
    short = short if len(short) <= 30 else short[:30] + "…"
    return msg("栏目注明单位为“{unit}”，无法确定“{text}”中的数字按哪个单位读，未导入。"
               "请在报表中填写，并写明单位（如“38{unit}”）", unit=found.text, text=short)
