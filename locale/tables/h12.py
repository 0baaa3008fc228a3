# ruff: noqa: E501  (msgids are kept whole, one per line)
"""Chinese for the strings of issue #12's hardening (error pages, masking, search, conflicts, lockout)."""

T = {
    # Error pages
    "Back to the previous page": "返回上一页",
    "Go to the home page": "返回首页",
    "The request could not be understood": "请求无法处理",
    "A value in the address or in the form is not valid, or the page asked for something the register does not allow. Go back and try again from the page's own links and forms.":
        "地址或表单中的某个值无效，或页面请求了系统不允许的操作。请返回，并通过页面上的链接和表单重试。",
    "No permission": "没有权限",
    "Your account may not do this. If your work needs it, ask the district poverty-alleviation office to change your account's role.":
        "您的账号无权进行此操作。如工作需要，请联系区扶贫办调整账号角色。",
    "The form has expired": "表单已过期",
    "The form was sent from a page that is too old, from another site, or with cookies turned off, so nothing was saved. Go back, reload the page and send the form again.":
        "表单来自过期的页面或其他网站，或浏览器关闭了 Cookie，因此没有保存任何内容。请返回，刷新页面后重新提交。",
    "Page not found": "页面不存在",
    "There is no such page, or the record does not exist in your area. Check the address, or find the record from the lists.":
        "没有这个页面，或您的管辖范围内没有这条记录。请检查地址，或从名单中查找。",
    "Server error": "服务器出错",
    "Something went wrong on the server and the page could not be shown. Nothing you sent was saved half-way. Try again in a moment; if it happens again, tell the district poverty-alleviation office what you were doing.":
        "服务器出错，页面无法显示。您提交的内容不会只保存一半。请稍后重试；如再次出现，请告知区扶贫办您当时的操作。",
    # Masking
    "year of birth": "出生年份",
}
T.update({
    "That search has expired: type it again.": "搜索已过期，请重新输入。",
})
T.update({
    # Django's admin search form, overridden in templates/admin/search_form.html (Django's own Chinese).
    "%(counter)s result": "%(counter)s 条结果",
    "%(full_result_count)s total": "总共 %(full_result_count)s",
    "Show all": "显示全部",
})
T.update({
    # Existence oracle: a record outside the area gets the words of one that does not exist.
    "No household with this code in your area or in this file.": "您的管辖范围和本文件中都没有此户编号。",
    "No person with this ID number in your area or in this file.": "您的管辖范围和本文件中都没有此证件号码的人员。",
    # Refused ID numbers, seen by the district administrator
    "administration pages": "管理后台",
    "workbook import": "工作簿导入",
    "attempted at": "尝试时间",
    "account": "账号",
    "where": "途径",
    "person holding the number": "持有该证件号码的人员",
    "household code given": "填写的户编号",
    "detail": "详情",
    "ID-number conflict": "证件号码冲突",
    "ID-number conflicts": "证件号码冲突",
})
T.update({
    # Lost edits of records without history
    "%(field)s: %(stored)s (your form: %(yours)s)": "%(field)s：%(stored)s（您的表单：%(yours)s）",
    "This record was changed while you were editing it; the saved record now differs from your form in %(differences)s. Your changes were not saved: reopen the record to see the current values and make them again.":
        "您编辑期间，此记录已被他人修改，已保存的记录与您的表单有以下不同：%(differences)s。您的修改未保存，请重新打开此记录，在最新内容上再修改。",
    "%(who)s saved this record at %(when)s while you were editing it; the saved record now differs from your form in %(differences)s. Your changes were not saved: reopen the record to see the current values and make them again.":
        "您编辑期间，%(who)s 已于 %(when)s 保存此记录，已保存的记录与您的表单有以下不同：%(differences)s。您的修改未保存，请重新打开此记录，在最新内容上再修改。",
})
T.update({
    # Database refusals
    "A record this one refers to was deleted meanwhile.": "此记录引用的另一条记录已被删除。",
    "A value is too long or out of range for the register.": "某个值过长或超出系统允许的范围。",
    "The register refused the change: it conflicts with a record saved at the same moment.": "系统拒绝了此次修改：它与同时保存的另一条记录冲突。",
    "Not saved": "未保存",
    "Nothing of this change was saved. Reopen the record to see the current values and make the change again.": "此次修改的内容均未保存。请重新打开此记录，查看当前内容后再修改。",
})
T.update({
    # Lockout by address
    "Too many wrong passwords were entered from this network address, for several accounts.": "此网络地址已多次为多个账号输错密码。",
    "To protect the register, logging in from this address is locked for %(minutes)s minutes.": "为保护档案安全，此地址 %(minutes)s 分钟内不能登录。",
})
T.update({
    "As-of date: choose a date between %(first)s and %(last)s.": "统计日期：请选择 %(first)s 至 %(last)s 之间的日期。",
})
