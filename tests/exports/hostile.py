"""Inputs that break naive exporters: markup, formulas, huge texts, control characters."""

from __future__ import annotations

MARKUP = "<b>粗体</b> & <script>alert(1)</script>"
HYPERLINK = '=HYPERLINK("http://x","y")'
FORMULA = "=1+1"
CONTROL = "控制\x00字符\x07\x1b与\u202e反向\u200f标记\t制表\x0b结束"
SUMMARY_1000 = ("四川省开展肿瘤防治宣传活动，效果良好。" * 60)[:1000]
NAMES_1431 = [f"第{n}号人民医院" for n in range(1, 1432)]
LIST_1431 = "1431家；" + "、".join(NAMES_1431)
LINK_MARKUP = "<a href='javascript:x'>点我</a> http://example.com/?a=1&b=<2>"


def hostile_raw() -> dict[str, str]:
    """Every hostile text in one report (keys of the cancer-week template)."""
    return {
        "edition": "30",
        "fill_date": "2024年4月28日",
        "unit_name": MARKUP,
        "activity_time": "2024年4月15-26日",
        "activity_place": HYPERLINK,
        "organizations": FORMULA,
        "special_activities": CONTROL,
        "media_interviews": "=cmd|' /C calc'!A0",
        "media_links": LINK_MARKUP,
        "overall_summary": SUMMARY_1000,
        "hospitals": LIST_1431,
        "filled_by": "@SUM(1+1)",
    }
