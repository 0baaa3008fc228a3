"""Translations added by the lead engineer (tools/pofill.py reads T)."""

T = {
    "Synthetic district": "示例区生成",
    "Under the year's monitoring threshold": "低于当年监测标准",
    "Registered-poor people in work, of every labor capacity: %(people)s (%(channels)s).":
        "建档立卡人口在岗（不论劳动能力）：%(people)s 人（%(channels)s）。",
    "%(people)s registered-poor people in work, of every labor capacity":
        "建档立卡人口在岗 %(people)s 人（不论劳动能力）",
    "Register workbooks": "档案工作簿",
    "Return-to-poverty monitoring": "防返贫监测",
    "The household exited in %(year)s, yet not all the checks are met.":
        "本户已于 %(year)s 年脱贫，但两不愁三保障和饮水安全未全部达标。",
    "all checks met": "全部达标",
    "Required for assessments from 2021 (the sixth check).": "2021 年起的评估必须填写（第六项）。",
}
