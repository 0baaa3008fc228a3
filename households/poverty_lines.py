"""The poverty lines and monitoring thresholds the register ships with (fixtures/areas.json, the
generated district): year → (poverty line, monitoring threshold or None, source).

Values without a public source found are placeholders and say so in their source; the district edits
them per year (admin: 贫困线) once the province announces its monitoring range (防止返贫监测范围).
Sources are data shown to staff, hence Chinese.
"""

from decimal import Decimal

NATIONAL_LINE = "国家扶贫标准（2010年不变价每人每年2300元）折算的当年价格"
PLACEHOLDER_LINE = "贫困线为占位值：2020年后不再公布脱贫标准，沿用2020年的4000元"

POVERTY_LINES = {
    2014: (Decimal(2800), None, NATIONAL_LINE),
    2015: (Decimal(2855), None, NATIONAL_LINE),
    2016: (Decimal(3146), None, NATIONAL_LINE),
    2017: (Decimal(3335), None, NATIONAL_LINE),
    2018: (Decimal(3535), None, NATIONAL_LINE),
    2019: (Decimal(3747), None, NATIONAL_LINE),
    2020: (Decimal(4000), Decimal(5000),
           f"{NATIONAL_LINE}；监测标准5000元：双塔区2020年秋季新闻稿（对年人均纯收入5000元以下的脱贫人口开展监测）"),
    2021: (Decimal(4000), Decimal(6000),
           f"{PLACEHOLDER_LINE}；监测标准为占位值：2021年各地按脱贫标准的1.5倍左右（约6000元）确定监测范围，"
           "未找到辽宁省当年的公告"),
    2022: (Decimal(4000), Decimal(7260),
           f"{PLACEHOLDER_LINE}；监测标准：辽宁省公布的2022年防止返贫监测范围，家庭年人均纯收入7260元"),
    2023: (Decimal(4000), Decimal(7500), f"{PLACEHOLDER_LINE}；监测标准为占位值：未找到辽宁省2023年的公告"),
    2024: (Decimal(4000), Decimal(7800), f"{PLACEHOLDER_LINE}；监测标准为占位值：未找到辽宁省2024年的公告"),
    2025: (Decimal(4000), Decimal(8000), f"{PLACEHOLDER_LINE}；监测标准为占位值：未找到辽宁省2025年的公告"),
    2026: (Decimal(4000), Decimal(8200), f"{PLACEHOLDER_LINE}；监测标准为占位值：未找到辽宁省2026年的公告"),
}
