#!/usr/bin/env python3
"""Writes the ledger fixtures of the Excel acceptance test: the same 2,000 fictional support cases
as a workbook the way prefectures hand them in, and as a CSV.

    python3 Scripts/make_ledger_fixtures.py --investmap .build/release/investmap --out Tests/Fixtures/ledger

The cases come from `investmap synth --cases --count 2000 --seed 2026` (invented companies and
cases at real town addresses; most rows located by address, some by code only, few by
coordinates). 40 rows are then broken on purpose, one kind of mistake each (unknown programme,
support above the total, a wage commitment of 60 %, an unknown company size, an address in no
municipality), so both files have the same accepted and rejected rows.

- ledger_cases.xlsx (openpyxl 3.1.5): a title row merged over the table, an empty row, a two-row
  header with merged cells (金額（千円） over 支援額 and 総投資額, 位置 over 経度 and 緯度, the other
  headings merged down both rows), Japanese headings, amounts in 千円 as numbers, codes as text,
  採択日 as Excel dates (serials with a date format), 公表日 as 令和 text dates.
- ledger_cases.csv: the same rows with the same Japanese headings in one header row, 採択日 as
  2025/3/18 and 公表日 as the same 令和 text.

Deterministic: the same binary and data give the same bytes (the workbook's timestamps are fixed).
"""
import argparse
import csv
import datetime
import io
import os
import re
import subprocess
import sys
import zipfile

try:
    import openpyxl
    from openpyxl.styles import Alignment, Font
except ImportError:  # pragma: no cover
    sys.exit("openpyxl is needed: python3 -m pip install openpyxl==3.1.5")

FIXED_TIME = datetime.datetime(2026, 1, 1, 0, 0, 0)
HEADINGS = ["案件番号", "事業名", "事業者名", "企業規模", "補助金名", "支援額（千円）", "総投資額（千円）", "賃上げ率（%）",
            "予算", "採択日", "公表日", "状況", "所在地", "経度", "緯度", "市区町村コード"]
SIZES = {"large": "大企業", "midsize": "中堅企業", "sme": "中小企業", "small": "小規模事業者"}
STATUSES = {"planned": "計画中", "under_construction": "建設中", "operating": "稼働中", "withdrawn": "撤回"}


def reiwa(date):
    year = "元" if date.year == 2019 else str(date.year - 2018)
    return f"令和{year}年{date.month}月{date.day}日"


def budget_text(budget_id):
    year, kind = budget_id[2:].split("-")
    return f"令和{int(year) - 2018}年度{'補正' if kind == 'supplementary' else '当初'}"


def programme_names(geodata):
    names = {}
    with open(os.path.join(geodata, "programmes.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name"]
            # The short name in brackets where there is one (ものづくり補助金), as lists write it.
            if name.endswith("）") and "（" in name:
                name = name[name.index("（") + 1:-1]
            names[row["id"]] = name
    return names


def cases(investmap):
    out = subprocess.run([investmap, "synth", "--cases", "--count", "2000", "--seed", "2026"],
                         check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def rows(records, programmes):
    result = []
    for index, r in enumerate(records):
        adopted = datetime.date.fromisoformat(r["adopted"]) if r["adopted"] else None
        announced = adopted + datetime.timedelta(days=30) if adopted else None
        row = {
            "案件番号": r["id"], "事業名": r["name"], "事業者名": r["company"], "企業規模": SIZES[r["company_size"]],
            "補助金名": programmes[r["programme"]],
            "支援額（千円）": int(r["support_jpy"]) // 1000, "総投資額（千円）": int(r["total_investment_jpy"]) // 1000,
            "賃上げ率（%）": float(r["wage_commitment_pct"]) if r["wage_commitment_pct"] else None,
            "予算": budget_text(r["budget"]) if r["budget"] else None, "採択日": adopted,
            "公表日": reiwa(announced) if announced else None, "状況": STATUSES[r["status"]],
            "所在地": r["address"] or None, "経度": float(r["lon"]) if r["lon"] else None,
            "緯度": float(r["lat"]) if r["lat"] else None, "市区町村コード": r["code"] or None,
        }
        # Every 50th row broken, one kind of mistake after another.
        if index % 50 == 7:
            kind = (index // 50) % 5
            if kind == 0:
                row["補助金名"] = "架空の補助金"
            elif kind == 1:
                row["支援額（千円）"] = row["総投資額（千円）"] + 1
            elif kind == 2:
                row["賃上げ率（%）"] = 60.0
            elif kind == 3:
                row["企業規模"] = "零細"
            else:
                row["所在地"], row["経度"], row["緯度"], row["市区町村コード"] = "架空県存在市1-1", None, None, None
        result.append(row)
    return result


def write_csv(path, table):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADINGS)
        for row in table:
            values = []
            for heading in HEADINGS:
                value = row[heading]
                if value is None:
                    values.append("")
                elif isinstance(value, datetime.date):
                    values.append(f"{value.year}/{value.month}/{value.day}")
                elif isinstance(value, float):
                    values.append(repr(value) if heading in ("経度", "緯度") else f"{value:g}")
                else:
                    values.append(str(value))
            writer.writerow(values)


def write_xlsx(path, table):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "採択案件"
    ws.cell(row=1, column=1, value="令和7年度 採択案件一覧（架空のデータ: investmap synth --cases）")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADINGS))
    ws["A1"].font = Font(bold=True, size=14)
    groups = {"支援額（千円）": "金額（千円）", "総投資額（千円）": "金額（千円）", "経度": "位置", "緯度": "位置"}
    for column, heading in enumerate(HEADINGS, start=1):
        if heading in groups:
            ws.cell(row=3, column=column, value=groups[heading])
            ws.cell(row=4, column=column, value=heading)
        else:
            ws.cell(row=3, column=column, value=heading)
            ws.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
        for r in (3, 4):
            ws.cell(row=r, column=column).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.cell(row=r, column=column).font = Font(bold=True)
    for first in ("支援額（千円）", "経度"):
        column = HEADINGS.index(first) + 1
        ws.merge_cells(start_row=3, start_column=column, end_row=3, end_column=column + 1)
    for offset, row in enumerate(table):
        for column, heading in enumerate(HEADINGS, start=1):
            cell = ws.cell(row=5 + offset, column=column, value=row[heading])
            if heading == "採択日" and row[heading] is not None:
                cell.number_format = "yyyy/m/d"
            elif heading == "市区町村コード":
                cell.number_format = "@"
    ws.freeze_panes = "A5"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    # Rezip with fixed entry times so the bytes do not change from run to run.
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time as modified, whatever the properties say.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            target.writestr(fixed, data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--investmap", required=True, help="the investmap binary (for synth --cases)")
    parser.add_argument("--out", required=True, help="folder to write ledger_cases.xlsx and ledger_cases.csv into")
    parser.add_argument("--geodata", default=os.path.join(os.path.dirname(__file__), "..", "GeoData"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    table = rows(cases(args.investmap), programme_names(args.geodata))
    write_csv(os.path.join(args.out, "ledger_cases.csv"), table)
    write_xlsx(os.path.join(args.out, "ledger_cases.xlsx"), table)
    print(f"wrote {len(table)} rows to {args.out}/ledger_cases.xlsx and ledger_cases.csv")


if __name__ == "__main__":
    main()
