"""The PDF's lines follow the Chinese line-breaking rules, read back line by line."""

from __future__ import annotations

import pytest

from exports.layout import grid_fields, print_text
from exports.linebreak import NO_LINE_END, NO_LINE_START, break_point, can_break
from exports.pdf import tidy, write_pdf
from exports.pdf_page import FormParagraph, make_styles, markup
from tests.exports.conftest import make_report

CDC = "四川省成都市金牛区疾病预防控制中心"
LONG_CDC = "凉山彝族自治州布拖县疾病预防控制中心"


def pdf_lines(path) -> list[tuple[int, str]]:
    """(page, text) of every printed line: characters at one height, in runs without a gap
    wider than a character (so two table cells side by side are two lines)."""
    import pdfplumber

    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            rows: dict[int, list] = {}
            for char in page.chars:
                rows.setdefault(round(char["top"]), []).append(char)
            for top in sorted(rows):
                chars = sorted(rows[top], key=lambda c: c["x0"])
                run = [chars[0]]
                for before, char in zip(chars, chars[1:], strict=False):
                    if char["x0"] - before["x1"] > char["size"] * 1.2:
                        found.append((number, "".join(c["text"] for c in run)))
                        run = []
                    run.append(char)
                found.append((number, "".join(c["text"] for c in run)))
    return found


@pytest.fixture(scope="module")
def seed_lines(seed_report, tmp_path_factory):
    path = write_pdf(make_report(seed_report.template, seed_report.raw, unit=CDC),
                     tmp_path_factory.mktemp("lines") / "seed.pdf")
    return path, pdf_lines(path)


def test_no_line_of_seed_000_starts_with_closing_or_ends_with_opening_punctuation(seed_lines):
    _, lines = seed_lines
    assert len(lines) > 150
    starts = [(page, text) for page, text in lines if text.strip()[:1] in NO_LINE_START]
    ends = [(page, text) for page, text in lines if text.strip()[-1:] in NO_LINE_END]
    assert starts == []
    assert ends == []


def test_split_rows_put_no_space_between_chinese_lines(seed_lines, seed_report):
    _, lines = seed_lines
    source = "".join(print_text(text) for text in seed_report.raw.values())
    for _, text in lines:
        if "页 共" in text:  # the footer: 第 1 页 共 5 页
            continue
        for index in range(1, len(text) - 1):
            before, char, after = text[index - 1:index + 2]
            if char == " " and before > "\u2e80" and after > "\u2e80":
                assert f"{before} {after}" in source, text


def test_a_normal_cdc_name_stays_on_the_stamp_line(seed_lines):
    _, lines = seed_lines
    stamp = [text for _, text in lines if "（盖章）" in text]
    assert stamp == [f"填报单位（盖章）：{CDC}"]


def test_a_long_unit_name_still_fits_on_one_line(seed_report, tmp_path):
    path = write_pdf(make_report(seed_report.template, seed_report.raw, unit=LONG_CDC),
                     tmp_path / "long.pdf")
    assert [text for _, text in pdf_lines(path) if "（盖章）" in text] == [
        f"填报单位（盖章）：{LONG_CDC}"]


@pytest.mark.parametrize("width", range(90, 400, 13))
def test_every_paragraph_breaks_by_the_rules_at_any_width(seed_report, width):
    styles = make_styles()
    texts = [tidy(seed_report.raw.get(spec.key, "")) for spec in grid_fields(seed_report.template)]
    texts.append("甲乙丙丁戊己庚辛壬癸，“子丑寅卯”（辰巳午未）——申酉戌亥……《天干》。" * 3)
    for text in texts:
        for line in filter(None, text.split("\n")):
            paragraph = FormParagraph(markup(line), styles.value)
            paragraph.wrap(width, 10_000)
            printed = ["".join(word.text for word in row.words) if hasattr(row, "words")
                       else "".join(row[1]) for row in paragraph.blPara.lines]
            assert "".join(printed) == print_text(line)  # nothing lost or added
            for row in printed[1:]:
                assert row[:1] not in NO_LINE_START, (width, row)
            for row in printed[:-1]:
                assert row[-1:] not in NO_LINE_END, (width, row)


def test_break_point_moves_back_over_closing_and_opening_marks():
    text = "四川省肿瘤医院，“线下为主”"
    assert break_point(text, 0, 7) == 6  # "，" cannot start a line: "院，" goes down
    assert break_point(text, 0, 9) == 8  # "“" cannot end one: it goes down with "线"
    assert break_point("宣传周CACA指南", 0, 5) == 3  # not inside a Latin word when near
    assert not can_break("…", "…") and not can_break("—", "—")
    assert can_break("院", "四")


def test_a_split_paragraph_of_two_fonts_gets_no_spaces_between_its_lines():
    styles = make_styles()
    body = "四川省肿瘤医院开展义诊活动，群众踊跃参加，效果良好。" * 6
    paragraph = FormParagraph(f'<font name="{styles.bold}">说明：</font>{markup(body)}',
                              styles.value)
    paragraph.wrap(120, 10_000)
    first, rest = paragraph.split(120, styles.value.leading * 3)
    rest.wrap(120, 10_000)

    def text(part):
        return "".join(word.text for line in part.blPara.lines for word in line.words)

    assert " " not in text(rest)
    assert text(first) + text(rest) == "说明：" + body
