"""Benchmark: reading a legacy .xls workbook with python-calamine (what the import uses) and with xlrd.

Not a unit test; no database. Writes /tmp/bench-national-N.xls (the national person-detail layout, N
rows, at most 65,535 in one .xls sheet) with xlwt, then reads every cell of it with each reader, three
times, and prints the best CPU time, rows/second and the peak resident memory of a fresh process each:

    .venv/bin/python bench/read_xls.py --rows 60000
"""

import argparse
import subprocess
import sys
import time

READERS = {
    "calamine": "from python_calamine import CalamineWorkbook\n"
                "book = CalamineWorkbook.from_path(PATH)\n"
                "rows = sum(1 for name in book.sheet_names for _ in book.get_sheet_by_name(name).iter_rows())\n",
    "xlrd": "import xlrd\n"
            "book = xlrd.open_workbook(PATH)\n"
            "rows = sum(1 for sheet in book.sheets() for r in range(sheet.nrows) if sheet.row_values(r) is not None)\n",
}


def write(path, rows):
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Sheet1")
    sheet.write(0, 0, "全国防返贫监测信息系统")
    headers = ["序号", "县(市、区、旗)", "乡(镇)", "行政村", "自然村", "户编号", "人编号", "姓名", "性别", "证件号码",
               "人数", "与户主关系", "民族", "文化程度", "在校生状况", "健康状况", "劳动技能", "务工状况",
               "务工时间（月）", "是否参加大病保险", "贫困户属性", "致贫原因1", "脱贫属性", "脱贫年度", "首次识别时间",
               "危房户", "是否解决安全饮用水", "人联系电话", "户联系电话"]
    for c, header in enumerate(headers):
        sheet.write(2, c, header)
    for r in range(rows):
        line = [r + 1, "双塔区", "长宝营子乡", "长宝营子村", "一组", f"2113{r // 4:012d}", f"2113{r:014d}", "张山",
                "男", f"2113021970{r % 10000:08d}", 4, "户主" if r % 4 == 0 else "之子", "汉族", "初中", "非在校生",
                "健康", "普通劳动力", "省外务工", 10, "是", "一般贫困户", "因病", "已脱贫", 2019, "201410", "否", "是",
                None, "13900001111"]
        for c, value in enumerate(line):
            if value is not None:
                sheet.write(r + 3, c, value)
    workbook.save(path)


def measure(reader, path):
    code = (f"import time, resource\nPATH = {path!r}\nbest = 9e9\nfor _ in range(3):\n"
            f"    t = time.process_time()\n" + "".join(f"    {line}\n" for line in READERS[reader].splitlines())
            + "    best = min(best, time.process_time() - t)\n"
            "print(rows, best, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=60_000)
    args = parser.parse_args()
    path = f"/tmp/bench-national-{args.rows}.xls"
    started = time.perf_counter()
    write(path, min(args.rows, 65_532))
    print(f"wrote {path} in {time.perf_counter() - started:.1f} s")
    for reader in READERS:
        rows, seconds, peak = measure(reader, path)
        print(f"{reader}: {rows} rows in {seconds:.2f} s CPU = {rows / seconds:,.0f} rows/s, peak RSS {peak:.0f} MB "
              f"(load {__import__('os').getloadavg()[0]:.1f})")



if __name__ == "__main__":
    main()
