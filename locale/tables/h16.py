"""Translations of issue 16 (recording pages, household card, trend, downloads, admin in Chinese)."""

T = {
    # Recording pages (casework): fields and their messages.
    "Recording the day's work": "日常工作登记",
    "Enter an amount in yuan.": "请填写金额（元）。",
    "“%(value)s” is not an amount: enter yuan such as 1200 or 1200.50.":
        "“%(value)s”不是金额，请填写元数，如 1200 或 1200.50。",
    "%(value)s is negative: amounts cannot be negative.": "%(value)s 是负数，金额不能为负。",
    "%(value)s has more than 2 decimal places.": "%(value)s 的小数超过 2 位。",
    "%(value)s is too large.": "%(value)s 太大。",
    "Enter a date.": "请填写日期。",
    "“%(value)s” is not a date: enter it as YYYY-MM-DD, such as 2020-10-31.":
        "“%(value)s”不是日期，请按 YYYY-MM-DD 填写，如 2020-10-31。",
    "Choose one.": "请选择一项。",
    "“%(value)s” is not one of the choices.": "“%(value)s”不在可选项中。",
    "Fill this in.": "请填写。",
    "At most %(limit_value)d characters (this has %(show_value)d).":
        "最多 %(limit_value)d 个字（现有 %(show_value)d 个）。",
    "“%(value)s” is not a phone number: enter an 11-digit mobile number or a landline such as 0421-2812345.":
        "“%(value)s”不是电话号码，请填写 11 位手机号或如 0421-2812345 的固定电话。",
    "“%(value)s” is not a year: enter four digits such as 2020.": "“%(value)s”不是年份，请填写四位数字，如 2020。",
    "Enter the year.": "请填写年度。",
    "I have checked: save anyway": "我已核实，仍然保存",
    "Person": "人员",
    "Pick from the list or type a new name; flexible employment may leave it empty.":
        "从列表中选择或填写新的单位名称；灵活就业可以不填。",
    "The same record was saved meanwhile: open the household file to see it.":
        "同一记录刚刚已被保存：请打开户档案查看。",
    "Placement recorded for %(name)s: %(placement)s.": "已为 %(name)s 登记就业：%(placement)s。",
    "Record a job placement": "登记就业",
    "Save the placement": "保存就业",
    "The placement of %(name)s ended on %(date)s.": "%(name)s 的就业已于 %(date)s 结束。",
    "End a job placement": "结束就业",
    "Save the end date": "保存结束日期",
    "The household has no pairing yet: pair it with a cadre first.": "本户尚未结对帮扶：请先为其结对帮扶责任人。",
    "Assistance recorded: %(date)s, %(kind)s.": "已登记帮扶记录：%(date)s，%(kind)s。",
    "Record assistance": "登记帮扶记录",
    "Save the record": "保存记录",
    "Record a year's income": "录入年度收入",
    "Save the income": "保存收入",
    "Income of %(year)s recorded.": "已录入 %(year)s 年收入。",
    "Income of %(year)s recorded: %(per_member)s yuan per member, at or above the line of %(line)s yuan.":
        "已录入 %(year)s 年收入：人均纯收入 %(per_member)s 元，达到贫困线 %(line)s 元。",
    "Income of %(year)s recorded: %(per_member)s yuan per member, below the line of %(line)s yuan.":
        "已录入 %(year)s 年收入：人均纯收入 %(per_member)s 元，低于贫困线 %(line)s 元。",
    "all five met": "五项全部达标",
    "not all met": "未全部达标",
    "Assessment of %(date)s recorded: %(result)s.": "已录入 %(date)s 的两不愁三保障评估：%(result)s。",
    "Record an assessment": "录入两不愁三保障评估",
    "Save the assessment": "保存评估",
    "The details of %(name)s are saved.": "已保存 %(name)s 的信息。",
    "Member details": "成员信息",
    "Save the details": "保存信息",
    "The contact details are saved.": "已保存联系方式。",
    "Contact details": "联系方式",
    "Save the contact details": "保存联系方式",
    "You are logged out. Log in again to continue.": "您已退出登录。如需继续，请重新登录。",
    # django-axes in the admin.
    "Access Attempt": "登录尝试",
    "Access lock out": "已锁定",
    "Attempt Remaining": "次尝试机会剩余",
    "Attempt Time": "尝试时间",
    "Clean up expired attempts": "清理已过期的尝试记录",
    "Expires At": "过期时间",
    "Failed Logins": "失败次数",
    "Form Data": "表单数据",
    "GET Data": "GET 数据",
    "HTTP Accept": "HTTP Accept 头",
    "IP Address": "IP 地址",
    "Locked Out": "已锁定",
    "Logout Time": "退出时间",
    "Meta Data": "请求信息",
    "Not set": "未设置",
    "POST Data": "POST 数据",
    "Path": "路径",
    "Session key hash (sha256)": "会话密钥哈希（sha256）",
    "The time when access attempt expires and is no longer valid.": "登录尝试记录过期、不再计数的时间。",
    "User Agent": "浏览器标识",
    "access attempt expiration": "登录尝试过期时间",
    "access attempt expirations": "登录尝试过期时间",
    "access attempt": "登录尝试",
    "access attempts": "登录尝试",
    "access failure": "登录失败",
    "access failures": "登录失败",
    "access log": "登录日志",
    "access logs": "登录日志",
    "Login lockouts": "登录锁定",
    "Attempts left": "剩余尝试次数",
    # Services: errors.
    "This record no longer exists: it was deleted while you were editing it.": "该记录已不存在：在您编辑期间被删除。",
    "%(date)s is after today.": "%(date)s 晚于今天。",
    "%(value)s is before %(first)s, the year the register began.": "%(value)s 早于建档立卡开始的 %(first)s 年。",
    "%(value)s is after this year (%(year)s).": "%(value)s 晚于今年（%(year)s 年）。",
    "The household code %(value)s is not in the form the register uses, such as %(example)s.":
        "户编号 %(value)s 不符合规定格式，应如 %(example)s。",
    "Choose a member of this household.": "请选择本户的家庭成员。",
    "Name the employer: only flexible employment may go without one.": "请填写单位名称（只有灵活就业可以不填）。",
    "%(name)s is recorded as %(status)s.": "%(name)s 的人员状态为“%(status)s”。",
    "This placement already ended on %(date)s.": "该就业已于 %(date)s 结束。",
    "Choose one of this household's pairings.": "请选择本户的结对帮扶。",
    # Services: doubts to confirm.
    "The business costs exceed the incomes: the net income is %(net)s yuan.":
        "生产经营性支出超过收入：纯收入为 %(net)s 元。",
    "The household has no current members: net income per member cannot be computed.":
        "本户没有在册成员，无法计算人均纯收入。",
    "Net income per member is %(now)s yuan, %(percent)s%% above last year's %(before)s yuan.":
        "人均纯收入 %(now)s 元，比上年的 %(before)s 元高 %(percent)s%%。",
    "Net income per member is %(now)s yuan, %(percent)s%% below last year's %(before)s yuan.":
        "人均纯收入 %(now)s 元，比上年的 %(before)s 元低 %(percent)s%%。",
    "The household was last assessed on %(latest)s: this earlier assessment will not be its latest.":
        "本户最近一次评估在 %(latest)s：这次较早的评估不会成为最近一次评估。",
    "The household exited in %(year)s, yet not all five checks are met.":
        "本户已于 %(year)s 年脱贫，但五项未全部达标。",
    "%(name)s is %(age)s years old: %(stage)s is unusual at that age.":
        "%(name)s %(age)s 岁：这个年龄在读“%(stage)s”不常见。",
    "%(name)s has a job in force but is recorded as not able to work.": "%(name)s 有在岗就业，却登记为无劳动能力。",
    "%(name)s has a job in force: end it as well.": "%(name)s 有在岗就业：请一并结束该就业。",
    "%(name)s is the head of household: record the new head in administration.":
        "%(name)s 是户主：请在管理后台登记新户主。",
    "%(name)s already has a placement at that time: %(placement)s.": "%(name)s 在这段时间已有就业：%(placement)s。",
    "%(name)s is recorded as %(capacity)s.": "%(name)s 的劳动技能登记为“%(capacity)s”。",
    "The placement starts after today (%(date)s).": "就业开始日期（%(date)s）晚于今天。",
    "A monthly income of %(amount)s yuan is far above usual.": "月收入 %(amount)s 元远高于一般水平。",
    "The monthly income is 0 yuan.": "月收入为 0 元。",
    "The end date %(date)s is after today: the job stays in force until then.":
        "结束日期 %(date)s 晚于今天：在此之前该就业仍然有效。",
    "%(date)s lies outside the pairing's time (%(start)s–%(end)s).": "%(date)s 不在结对帮扶期间（%(start)s–%(end)s）。",
    "No amount is given for %(kind)s.": "“%(kind)s”未填写金额。",
    "An amount of %(amount)s yuan is far above usual.": "金额 %(amount)s 元远高于一般水平。",
    # Download names.
    "employment": "就业",
    "industry-driven": "产业带动",
    "medical insurance": "医保",
    "income at the line": "收入达标",
    "two no-worries and three assurances": "两不愁三保障",
    "exit": "脱贫",
    "not exited": "未脱贫",
    "exited under the threshold": "脱贫户收入低于监测线",
    "%(figure)s %(part)s": "%(figure)s%(part)s",
    "Register workbook": "登记册",
    "blank template": "空白模板",
    # The household card.
    "Household card": "明白卡",
    "Household card %(code)s": "明白卡 %(code)s",
    "Household cards of %(village)s": "%(village)s 明白卡",
    "%(counter)s card, one A4 page each.": "共 %(counter)s 张，每户一页 A4。",
    "One A4 page, to be signed by the household and the cadre.": "一页 A4，由户主和帮扶责任人签字。",
    "Print": "打印",
    "Every card of %(village)s": "%(village)s 全部明白卡",
    "Shuangta District poverty-alleviation household card": "双塔区精准扶贫明白卡",
    "Responsible cadre": "帮扶责任人",
    "paired since %(date)s": "%(date)s 起结对",
    "Not paired with a cadre.": "尚未结对帮扶责任人。",
    "Measures and projects in force": "在实施的帮扶措施和项目",
    "%(amount)s yuan a month": "月收入 %(amount)s 元",
    "support %(amount)s yuan": "扶持资金 %(amount)s 元",
    "Industry project": "产业项目",
    "%(amount)s yuan a year": "年收益 %(amount)s 元",
    "None in force.": "暂无。",
    "Income against the poverty line": "收入与贫困线对照",
    "No income recorded yet.": "尚未录入收入。",
    "What the household receives": "享受的帮扶",
    "Assistance in %(year)s: %(times)s times, %(amount)s yuan in money, goods and aid.":
        "%(year)s 年帮扶 %(times)s 次，资金物资及救助 %(amount)s 元。",
    "Industry benefits in force: %(amount)s yuan a year.": "产业带动年收益 %(amount)s 元。",
    "Head of household (signature)": "户主签字",
    "Date": "日期",
    "Responsible cadre (signature)": "帮扶责任人签字",
    "No registered household in this village.": "本村没有建档立卡贫困户。",
    # The household file and the lists.
    "head of household %(name)s": "户主 %(name)s",
    "Print the household card": "打印明白卡",
    "Change contact details": "修改联系方式",
    "End": "结束",
    "To do": "办理",
    "Open the household file": "打开户档案",
    "Export the %(sheet)s sheet (import format)": "导出“%(sheet)s”表（导入格式）",
    "Change the details": "修改成员信息",
    "Please check before saving:": "保存前请核实：",
    "Correct the entry, or tick the box below to save it as it is.": "请修改所填内容，或勾选下面的方框按原样保存。",
    "Net household income %(net)s yuan, %(members)s current members.":
        "家庭纯收入 %(net)s 元，在册成员 %(members)s 人。",
    "the year's poverty line %(line)s yuan": "当年贫困线 %(line)s 元",
    "no poverty line is recorded for that year": "该年度尚未设定贫困线",
    "Work out net income per member": "核算人均纯收入",
    "Back to the household file": "返回户档案",
    # The trend.
    "Months: “%(value)s” is not a whole number from %(low)s to %(high)s.":
        "月数：“%(value)s”不是 %(low)s 到 %(high)s 之间的整数。",
    "lines: the last %(months)s months from %(start)s": "走势线：自 %(start)s 起的 %(months)s 个月",
    "Monthly trend": "月度走势",
    "The last %(months)s months": "最近 %(months)s 个月",
    "%(area)s: monthly trend": "%(area)s：各项指标月度走势",
    "the %(months)s months up to %(date)s, each point counted at the month's end":
        "截至 %(date)s 的 %(months)s 个月，每点按月末统计",
    "Months": "月数",
    "Back to the figures": "返回统计首页",
    "trend (JSON)": "走势（JSON）",
    "Trend of each area": "各地区走势",
    "scale": "纵轴",
    "Gap now": "当前缺口",
    "Month by month": "逐月数据",
    # The import page.
    "Download a blank template (XLSX)": "下载空白模板（XLSX）",
    "The workbook's format": "工作簿格式说明",
    "Every sheet is optional; the header row names the columns (their order does not matter, unknown columns are "
    "listed as a warning). A CSV file holds one sheet.":
        "各表均可选；第一行为列名（顺序不限，无法识别的列会作为提示列出）。CSV 文件只含一个表。",
    "Columns marked * are required. Dates are YYYY-MM-DD text or Excel dates; amounts are yuan with at most 2 "
    "decimals, never negative; ID numbers have 18 characters with a valid check digit.":
        "带 * 的列必填。日期为 YYYY-MM-DD 文本或 Excel 日期；金额以元为单位，最多 2 位小数，不能为负；"
        "证件号码为 18 位且校验码正确。",
    "Choices are written as the pages show them (户主, 普通劳动力, 企业就业 …); yes/no as 是 or 否.":
        "选项按页面上的写法填写（户主、普通劳动力、企业就业……）；是否项填“是”或“否”。",
    "An import is all or nothing: one bad row rejects the whole file, and every problem is listed by sheet, row and "
    "column. Importing the same file again changes nothing.":
        "导入要么全部成功，要么全部不写入：任何一行有误整个文件都会被拒绝，所有问题按表、行、列列出。"
        "同一文件再次导入不会有任何改变。",
    "Columns": "列",
    "Sheet": "表",
}
