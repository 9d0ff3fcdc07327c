"""A form that uses every behaviour of the template language, for the tests of each."""

from __future__ import annotations

from functools import cache

from forms.loader import load_template_text
from forms.spec import FormTemplate

TEXT = '''id = "screening_day"
title = "高血压日活动总结表"
version = 1
title_format = "{year}年高血压日活动总结表"

[roles]
unit = "unit"
period = "year"
fill_date = "filled_on"
filled_by = "reporter"
phone = "tel"
signoff = ["reporter", "tel", "filled_on"]

[[sections]]
id = "main"
title = "基本情况"

[[sections.fields]]
id = "unit"
label = "单位名称"
type = "text"
layout = "full"

[[sections.fields]]
id = "year"
label = "年度"
type = "year"
min = 2000
max = 2030

[[sections.fields]]
id = "filled_on"
label = "填表日期"
type = "date"

[[sections.fields]]
id = "level"
label = "单位级别"
type = "choice"
options = [{ code = "p", label = "省级" }, { code = "c", label = "市级" }, { code = "x", label = "县级" }]

[[sections.fields]]
id = "topics"
label = "宣传主题"
type = "checklist"
options = [{ code = "salt", label = "减盐" }, { code = "bp", label = "测血压" }, "控烟"]

[[sections.fields]]
id = "live_streamed"
label = "是否开展线上直播"
type = "yes_no"

[[sections.fields]]
id = "viewers"
label = "直播观看人次"
type = "count"
unit = "人次"
required = true
show_if = { field = "live_streamed", equals = "是" }

[[sections]]
id = "figures"
title = "活动数据"

[[sections.fields]]
id = "offline"
label = "线下参与人数"
type = "count"
unit = "人"

[[sections.fields]]
id = "screened"
label = "筛查人数"
type = "pair"

[[sections.fields.parts]]
id = "men"
label = "男"
type = "count"
unit = "人"

[[sections.fields.parts]]
id = "women"
label = "女"
type = "count"
unit = "人"

[[sections.fields]]
id = "total"
label = "参与总人数"
type = "count"
unit = "人"
calculate = { sum = ["offline", "screened", "viewers"] }
help = "线下参与、筛查和直播观看人次之和，自动计算"

[[sections.fields]]
id = "expected"
label = "预计受益人数"
type = "count"
unit = "人"

[[sections.fields]]
id = "per_session"
label = "平均每场人数"
type = "count"
unit = "人"
aggregate = "mean"

[[sections.fields]]
id = "smallest"
label = "单场最少人数"
type = "count"
unit = "人"
aggregate = "min"

[[sections.fields]]
id = "largest"
label = "单场最多人数"
type = "count"
unit = "人"
aggregate = "max"

[[sections.fields]]
id = "quota"
label = "上级下达指标"
type = "count"
unit = "人"
aggregate = "none"

[[sections.fields]]
id = "budget"
label = "预算"
type = "money"
unit = "元"
accept_units = ["万元"]

[[sections.fields]]
id = "spent"
label = "实际支出"
type = "money"
unit = "元"
accept_units = ["万元"]

[[sections]]
id = "signoff"
title = "填报信息"

[[sections.fields]]
id = "reporter"
label = "填表人"
type = "text"

[[sections.fields]]
id = "tel"
label = "联系电话"
type = "phone"

[[rules]]
kind = "compare"
expression = "spent <= budget"
severity = "error"
message = "实际支出（{left}元）超过了预算（{right}元）"

[[rules]]
kind = "compare"
expression = "total <= expected"
'''


@cache
def feature_template() -> FormTemplate:
    return load_template_text(TEXT, "screening_day.toml")
