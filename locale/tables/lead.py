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
}
