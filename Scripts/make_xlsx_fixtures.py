#!/usr/bin/env python3
"""Writes the small .xlsx fixtures of the spreadsheet reader's tests (Tests/Fixtures/xlsx).

Usage: Scripts/make_xlsx_fixtures.py OUTPUT_FOLDER

Needs openpyxl 3.1.5 (pip install openpyxl==3.1.5). The output is byte-for-byte the same on
every run: the document times are fixed and every zip is rewritten with its members in the
same order, dated 1980-01-01.

openpyxl writes what it can; the rest of what Excel writes is patched into its output here:

- openpyxl saves no formula results, so the cached values (`<v>`) of the formula cells are
  added after the fact, computed here; one formula (F24) is left without its result, as a file
  saved by a program that does not calculate has it.
- openpyxl writes text as inline strings (`t="inlineStr"`); Excel writes a shared-string table.
  In `ledger_title_merged.xlsx` the plain inline strings are moved into `xl/sharedStrings.xml`
  (the rich-text cell stays inline), with Excel's phonetic runs (`<rPh>`, furigana) on the
  company names and the `_x000D_` escape Excel writes for a carriage return.

Fixtures:
  ledger_title_merged.xlsx  sheet 採択案件: title row merged A1:H1, empty row 2, a two-row
                            header (rows 3-4) with merged cells, 20 data rows (5-24), a
                            footer row 25 with formulas
  two_sheets.xlsx           sheets 概要 and 案件, inline strings as openpyxl writes them
  handmade_variants.xlsx    written by hand (no openpyxl), as other programs write workbooks:
                            namespace prefixes (x:), a byte order mark, absolute relationship
                            targets, the 1904 date system, a hidden first sheet, no shared
                            strings, rows and cells without r, CDATA, comments, references,
                            ISO date cells (t="d"), an exponent, _x005F_, a built-in date format,
                            a sheet in UTF-16
  malformed_sheet.xlsx      two_sheets.xlsx with an end tag of sheet 概要 broken on line 3
  understated_size.xlsx     two_sheets.xlsx whose zip directory gives sheet1.xml 100 bytes
  not_a_zip.xlsx            a CSV file named .xlsx
  encrypted.xlsx            the OLE compound-file signature and zeros (4 KiB), as an
                            encrypted workbook or an old .xls file starts
  no_workbook.xlsx          a zip archive holding only readme.txt
"""
import datetime
import io
import re
import struct
import sys
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font

FIXED_TIME = datetime.datetime(2025, 4, 1, 9, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
SHEET = "xl/worksheets/sheet1.xml"

# (company, phonetic reading or None, code, support, total, adopted, announced, continuing)
# adopted: a date, a datetime, or (date, number format); announced: text as the ministry writes it.
PROJECTS = [
    ("株式会社北海精機", "ホッカイセイキ", "01101", 120.5, 1250, datetime.date(2024, 3, 15), "令和6年3月15日", True),
    ("東北電子工業株式会社", "トウホクデンシコウギョウ", "04100", 80, 640.25, datetime.date(2024, 4, 1), "2026/1/5", False),
    ("合同会社みなと製作所", "ミナトセイサクショ", "13101", 45.75, 300, (datetime.date(2025, 4, 1), '[$-411]ggge"年"m"月"d"日"'), "令和7年4月1日", None),
    ("株式会社第１２工場", None, 13101, 15, 12345678901, (datetime.date(2024, 12, 31), "mm-dd-yy"), "2024/12/31", True),
    ("大阪化成株式会社", "オオサカカセイ", "27100", 0.1, 0.3, datetime.datetime(2024, 7, 1, 9, 30), "令和6年7月1日", False),
    ("株式会社中国ファーム", None, "33100", 200, 1800, datetime.date(2023, 10, 2), "2023/10/2", True),
    ("四国マテリアル株式会社", None, "37201", "１，２００", 2400, datetime.date(2023, 11, 20), "令和5年11月20日", True),
    ("九州半導体株式会社", "キュウシュウハンドウタイ", "43100", 3500, 42000, datetime.date(2024, 1, 10), "2024/1/10", "#N/A"),
    ("株式会社沖縄リゾート開発", None, "47201", 12.345, 98.7, datetime.date(2024, 2, 29), "令和6年2月29日", False),
    ("新潟米菓株式会社", None, "15100", 33, 330, datetime.date(2024, 5, 7), "2024/5/7", None),
    ("長野精密株式会社", None, "20201", 21.5, 215, datetime.date(2024, 6, 3), "令和6年6月3日", True),
    ("静岡オプティクス株式会社", None, "22100", 64, 512, datetime.date(2024, 8, 19), "2024/8/19", False),
    ("愛知モビリティ株式会社", None, "23100", 990, 9900, datetime.date(2024, 9, 2), "令和6年9月2日", True),
    ("三重ケミカル株式会社", None, "24201", 7.5, 75, datetime.date(2024, 10, 15), "2024/10/15", None),
    ("京都バイオ株式会社", None, "26100", 150, 1500, datetime.date(2024, 11, 1), "令和6年11月1日", True),
    ("兵庫スチール株式会社", None, "28100", 410, 4100, datetime.date(2025, 1, 6), "2025/1/6", False),
    ("広島造船株式会社", None, "34100", 275, 2750, datetime.date(2025, 2, 3), "令和7年2月3日", True),
    ("福岡ロジスティクス株式会社", None, "40130", 58, 580, datetime.date(2025, 3, 3), "2025/3/3", None),
    ("熊本セミコン株式会社", None, "43100", 1234.5, 12345, datetime.date(2025, 3, 24), "令和7年3月24日", True),
    ("株式会社テスト工業", None, "08201", 9, 90, datetime.date(2025, 3, 31), "2025/3/31", False),
]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    write(out / "ledger_title_merged.xlsx", ledger_title_merged())
    two_sheets = two_sheets_workbook()
    write(out / "two_sheets.xlsx", two_sheets)
    write(out / "handmade_variants.xlsx", handmade_variants())
    write(out / "malformed_sheet.xlsx", patched(two_sheets, {SHEET: malformed}))
    write(out / "understated_size.xlsx", understated(two_sheets, SHEET, 100))
    write(out / "not_a_zip.xlsx", "id,name,amount\n1,工場新設,1200\n".encode())
    write(out / "encrypted.xlsx", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(4096 - 8))
    write(out / "no_workbook.xlsx", zipped([("readme.txt", b"not a workbook\n")]))


def ledger_title_merged():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "採択案件"
    bold = Font(bold=True)
    ws["A1"] = "令和7年度 採択案件一覧"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:H1")
    # Rows 3-4: a two-row header. Merged vertically: single headers; across: group headers.
    header = {"A3": "番号", "B3": "事業者名", "C3": "市区町村コード", "D3": "金額", "D4": "支援額（百万円）",
              "E4": "総投資額（百万円）", "F3": "総投資額×2（百万円）", "G3": "日付", "G4": "採択日",
              "H4": "公表日", "I3": "継続"}
    for cell, text in header.items():
        ws[cell] = text
        ws[cell].font = bold
        ws[cell].alignment = Alignment(horizontal="center", vertical="center")
    for merged in ("A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "G3:H3", "I3:I4"):
        ws.merge_cells(merged)
    for index, (company, _, code, support, total, adopted, announced, continuing) in enumerate(PROJECTS):
        row = 5 + index
        ws.cell(row, 1, index + 1)
        if company == "株式会社テスト工業":
            ws.cell(row, 2).value = CellRichText([TextBlock(InlineFont(b=True), "株式会社"), "テスト", TextBlock(InlineFont(i=True), "工業")])
        elif company == "株式会社第１２工場":
            ws.cell(row, 2, "株式会社第１２工場\r\n第２事業所")
        else:
            ws.cell(row, 2, company)
        ws.cell(row, 3, code)
        ws.cell(row, 4, support)
        ws.cell(row, 5, total)
        ws.cell(row, 6, f"=E{row}*2")
        date, number_format = adopted if isinstance(adopted, tuple) else (adopted, None)
        ws.cell(row, 7, date).number_format = number_format or ("yyyy/m/d h:mm" if isinstance(date, datetime.datetime) else "yyyy/m/d")
        ws.cell(row, 8, announced)
        if continuing is not None:
            ws.cell(row, 9, continuing)
    ws["B25"] = '=CONCATENATE("合計 ",COUNTA(B5:B24),"件")'
    ws["D25"] = "=SUM(D5:D24)"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME

    def cached(sheet):
        for index, project in enumerate(PROJECTS):
            row = 5 + index
            if row == 24:
                continue  # saved without its result
            sheet = sheet.replace(f"<f>E{row}*2</f><v />", f"<f>E{row}*2</f><v>{number_text(project[4] * 2)}</v>")
        numbers = [p[3] for p in PROJECTS if not isinstance(p[3], str)]
        sheet = sheet.replace("<f>SUM(D5:D24)</f><v />", f"<f>SUM(D5:D24)</f><v>{number_text(sum(numbers))}</v>")
        return re.sub(r'<c r="B25"([^>]*)><f>(.*?)</f><v />', r'<c r="B25"\1 t="str"><f>\2</f><v>合計 20件</v>', sheet)

    return shared_strings(patched(saved(wb), {SHEET: cached}))


def two_sheets_workbook():
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "概要"
    summary.append(["令和7年度 概要"])
    summary.append(["件数", 3])
    projects = wb.create_sheet("案件")
    projects.append(["id", "名称", "金額"])
    projects.append(["P-1", "工場新設", 1200])
    projects.append(["P-2", "研究所", 350.5])
    projects.append(["P-3", "物流拠点", 0])
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return saved(wb)


def handmade_variants():
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    content_types = (
        declaration + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/worksheets/hidden.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '</Types>')
    root_rels = (
        declaration + f'<Relationships xmlns="{package}">'
        f'<Relationship Id="rId1" Type="{relationships}/officeDocument" Target="/xl/workbook.xml"/></Relationships>')
    workbook = (
        "\ufeff" + declaration + f'<x:workbook xmlns:x="{main}" xmlns:r="{relationships}">'
        '<x:workbookPr date1904="1"/><x:sheets>'
        '<x:sheet name="Hidden" sheetId="1" state="hidden" r:id="rId9"/>'
        '<x:sheet name="Data &amp; Notes" sheetId="2" r:id="rId1"/>'
        '</x:sheets></x:workbook>')
    workbook_rels = (
        declaration + f'<Relationships xmlns="{package}">'
        f'<Relationship Id="rId1" Type="{relationships}/worksheet" Target="/xl/worksheets/data.xml"/>'
        f'<Relationship Id="rId9" Type="{relationships}/worksheet" Target="worksheets/hidden.xml"/>'
        f'<Relationship Id="rId2" Type="{relationships}/styles" Target="./styles.xml"/>'
        '</Relationships>')
    # Cell formats: 0 General, 1 a custom ISO date, 2 built-in 57 (Japanese yyyy"年"m"月"), 3 built-in 4 (#,##0.00).
    styles = (
        declaration + f'<x:styleSheet xmlns:x="{main}">'
        '<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></x:numFmts>'
        '<x:cellXfs count="4"><x:xf numFmtId="0"/><x:xf numFmtId="164"/><x:xf numFmtId="57"/><x:xf numFmtId="4"/></x:cellXfs>'
        '<x:dxfs count="1"><x:dxf><x:numFmt numFmtId="0" formatCode="yyyy"/></x:dxf></x:dxfs>'
        '</x:styleSheet>')
    data = (
        declaration + f'<x:worksheet xmlns:x="{main}">\n<x:sheetData>\n'
        # Row 1 (no r), its cells without r: A1, B1, C1, D1.
        '<x:row><x:c t="inlineStr"><x:is><x:t><![CDATA[a < b]]></x:t></x:is></x:c>'
        '<x:c s="1"><x:v>0</x:v></x:c><x:c t="d"><x:v>2025-04-01T09:30:00</x:v></x:c>'
        '<x:c t="e"><x:v>#DIV/0!</x:v></x:c></x:row>\n'
        # Row 3: a comment, preserved spaces and a phonetic run, an exponent, escapes and references.
        '<x:row r="3"><!-- the second row is left out -->'
        '<x:c r="B3" t="inlineStr"><x:is><x:t xml:space="preserve">  spaced  </x:t><x:rPh sb="0" eb="1"><x:t>フリガナ</x:t></x:rPh></x:is></x:c>'
        '<x:c r="C3"><x:v>1.5E+20</x:v></x:c>'
        '<x:c r="D3" t="str"><x:f>"x"</x:f><x:v>x_x005F_x0041_y &amp; &#x41;&#66; _x000D_</x:v></x:c></x:row>\n'
        # Row 4: a built-in date format in the 1904 system, a number format, style-only cells.
        '<x:row r="4"><x:c r="A4" s="2"><x:v>45366</x:v></x:c><x:c r="B4" s="3"><x:v>1234.5</x:v></x:c>'
        '<x:c r="C4" s="1"/><x:c r="E4" s="3"/></x:row>\n'
        '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B4:C5"/></x:mergeCells></x:worksheet>\n')
    # UTF-16 (little-endian, with its byte order mark), which OOXML allows.
    hidden = ('<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n'
              f'<worksheet xmlns="{main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>隠し</t></is></c></row></sheetData>'
              '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>')
    return zipped([
        ("[Content_Types].xml", content_types.encode()),
        ("_rels/.rels", root_rels.encode()),
        ("xl/workbook.xml", workbook.encode()),
        ("xl/_rels/workbook.xml.rels", workbook_rels.encode()),
        ("xl/styles.xml", styles.encode()),
        ("xl/worksheets/data.xml", data.encode()),
        ("xl/worksheets/hidden.xml", hidden.encode("utf-16")),
    ])


def saved(wb):
    """The workbook's bytes, with the time openpyxl writes as the modification time fixed."""
    buffer = io.BytesIO()
    wb.save(buffer)
    fixed = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    return patched(buffer.getvalue(), {"docProps/core.xml": lambda xml: re.sub(
        r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{fixed}\g<2>", xml)})


def shared_strings(workbook):
    """Moves the plain inline strings of sheet1 into a shared-string table, as Excel stores
    text; company names get Excel's phonetic runs, carriage returns its _x000D_ escape."""
    members = members_of(workbook)
    strings, indexes = [], {}

    def share(match):
        attributes, text = match.group(1), match.group(3)
        if text not in indexes:
            indexes[text] = len(strings)
            strings.append(text)
        return f'<c{attributes} t="s"><v>{indexes[text]}</v></c>'

    sheet = members[SHEET].decode()
    sheet = re.sub(r'<c([^>]*?) t="inlineStr"><is><t( xml:space="preserve")?>(.*?)</t></is></c>', share, sheet, flags=re.S)
    members[SHEET] = sheet.encode()
    readings = {company: reading for company, reading, *_ in PROJECTS if reading}
    items = []
    for text in strings:
        text = text.replace("\r", "_x000D_").replace("&#13;", "_x000D_")
        reading = readings.get(text)
        phonetic = f'<rPh sb="0" eb="{len(text)}"><t>{reading}</t></rPh><phoneticPr fontId="1" type="noConversion"/>' if reading else ""
        items.append(f"<si><t>{text}</t>{phonetic}</si>")
    members["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(items) + "</sst>").encode()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdShared" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        b'Target="sharedStrings.xml"/></Relationships>')
    return zipped(list(members.items()))


def malformed(sheet):
    """Breaks the first row's end tag, two lines below the start of sheetData."""
    return sheet.replace("<sheetData>", "<sheetData>\n\n", 1).replace("</row>", "</rw>", 1)


def understated(workbook, name, size):
    """The archive with `name`'s uncompressed size given as `size` in its local header and in
    the central directory (the data and the CRC are left as they are)."""
    data = bytearray(workbook)
    encoded = name.encode()
    for signature, size_offset, name_length_offset, name_offset in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            length = struct.unpack_from("<H", data, start + name_length_offset)[0]
            if bytes(data[start + name_offset:start + name_offset + length]) == encoded:
                struct.pack_into("<I", data, start + size_offset, size)
            start += 4
    return bytes(data)


def patched(workbook, changes):
    """The workbook with each member named in `changes` passed through its function (text)."""
    members = members_of(workbook)
    for name, change in changes.items():
        members[name] = change(members[name].decode()).encode()
    return zipped(list(members.items()))


def members_of(workbook):
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zipped(members):
    """A zip archive of (name, bytes) in order, deflated, every member dated 1980-01-01."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def number_text(value):
    """A number as Excel writes it in <v>: integers without '.0', else the shortest repr."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write(path, data):
    path.write_bytes(data)
    print(f"{path} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
