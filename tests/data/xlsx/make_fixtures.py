#!/usr/bin/env python3
"""Makes the .xlsx fixtures of tests/core/test_xlsx_import.cpp. Run once; the files are committed, so the tests need
neither Python nor openpyxl:

    apt-get install python3-openpyxl && python3 tests/data/xlsx/make_fixtures.py

openpyxl-*.xlsx come from openpyxl (Debian's python3-openpyxl 3.0.9), a producer other than our libxlsxwriter: it
writes text as inline strings (Korean as character references), leaves empty cells out (references with gaps), a
typed number cell (t="n") and floats as Python prints them (0.30000000000000004).
handmade-*.xlsx and the malformed ones are zipped here by hand, for what openpyxl does not write: rich text runs,
phonetic guides, inline strings, prefixed elements, the first sheet at an unusual path, and broken or hostile files.
"""
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def openpyxl_fixtures():
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "명단"  # not "Sheet1"
    sheet.append(["아이디", "이름", "소속", "이메일", "테이블", "VIP", "메모"])
    sheet.append([1001, "김민수", "수원시", "kim@example.kr", 2.0, True, None])
    # B and C missing: the row's cells are A3, D3 (a gap in the references)
    sheet["A3"] = 1002
    sheet["B3"] = "이영희"
    sheet["D3"] = "lee@example.kr"
    sheet["G3"] = "채식"
    # row 4 left out entirely, row 5 after the gap
    sheet["A5"] = 1003
    sheet["B5"] = "Jo Park"
    sheet["C5"] = "Elm Park School"
    sheet["E5"] = 3
    sheet["F5"] = False
    sheet["G5"] = 0.1 + 0.2
    second = book.create_sheet("Other")
    second.append(["name"])
    second.append(["not this sheet"])
    book.save(path("openpyxl-korean-gaps.xlsx"))

    codes = openpyxl.Workbook()
    sheet = codes.active
    sheet.append(["id", "name", "affiliation", "phone"])
    sheet.append(["S-0001", "박지훈", "서귀포시", "010-1234-5678"])
    sheet.append(["S-0002", "최서연", None, None])
    codes.save(path("openpyxl-codes.xlsx"))


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"""

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def package(workbook_path, workbook_xml, workbook_rels, parts):
    folder, name = workbook_path.rsplit("/", 1)
    files = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="{workbook_path}"/></Relationships>',
        workbook_path: workbook_xml,
        f"{folder}/_rels/{name}.rels": workbook_rels,
    }
    files.update(parts)
    return files


def write_zip(name, files, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path(name), "w", compression) as archive:
        for member, text in files.items():
            archive.writestr(member, text.encode("utf-8") if isinstance(text, str) else text)


def handmade_fixtures():
    # Workbook under book/ with x:-prefixed elements; its first sheet (in workbook order) is data/people.xml, listed
    # second in the relationships; the other sheet is sheet1.xml.
    workbook = (f'<?xml version="1.0"?><x:workbook xmlns:x="{MAIN}" xmlns:r="{REL}"><x:sheets>'
                '<x:sheet name="참가자" sheetId="7" r:id="rIdPeople"/><x:sheet name="Sheet1" sheetId="1" r:id="rIdOther"/>'
                "</x:sheets></x:workbook>")
    rels = (f'<?xml version="1.0"?><Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rIdOther" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rIdPeople" Type="{REL}/worksheet" Target="/book/data/people.xml"/>'
            f'<Relationship Id="rIdStrings" Type="{REL}/sharedStrings" Target="../book/strings.xml"/>'
            "</Relationships>")
    strings = (f'<?xml version="1.0"?><x:sst xmlns:x="{MAIN}" count="4" uniqueCount="4">'
               "<x:si><x:t>name</x:t></x:si>"
               '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>김</x:t></x:r><x:r><x:t xml:space="preserve">민수</x:t></x:r>'
               "<x:rPh sb=\"0\" eb=\"1\"><x:t>キム</x:t></x:rPh></x:si>"
               "<x:si><x:t>affiliation</x:t></x:si>"
               "<x:si><x:t>line_x000D_break</x:t></x:si>"
               "</x:sst>")
    people = (f'<?xml version="1.0"?><x:worksheet xmlns:x="{MAIN}"><x:dimension ref="A1:E4"/><x:sheetData>'
              '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>2</x:v></x:c>'
              '<x:c r="C1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c>'
              '<x:c r="D1" t="inlineStr"><x:is><x:r><x:t>no</x:t></x:r><x:r><x:t>te</x:t></x:r></x:is></x:c>'
              '<x:c r="E1" t="str"><x:f>"flag"</x:f><x:v>flag</x:v></x:c></x:row>'
              '<x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>수원시</x:t></x:is></x:c>'
              '<x:c r="C2"><x:v>1001.0</x:v></x:c><x:c r="D2" t="s"><x:v>3</x:v></x:c><x:c r="E2" t="b"><x:v>1</x:v></x:c></x:row>'
              '<x:row r="3" spans="1:5"><x:c r="A3" s="1"/><x:c r="C3" s="1"/></x:row>'
              # no r attributes: cells and rows follow the previous ones
              '<x:row><x:c t="inlineStr"><x:is><x:t>Ana</x:t></x:is></x:c><x:c/><x:c><x:v>1.0E3</x:v></x:c>'
              '<x:c><x:v>2.5</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>'
              "</x:sheetData></x:worksheet>")
    other = (f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
             "<is><t>name</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>wrong sheet</t></is></c>"
             "</row></sheetData></worksheet>")
    write_zip("handmade-prefixed-richtext.xlsx",
              package("book/workbook.xml", workbook, rels,
                      {"book/data/people.xml": people, "book/worksheets/sheet1.xml": other,
                       "book/strings.xml": strings}))


def minimal(sheet_xml, strings_xml=None, extra_rels="", workbook_sheets=None):
    sheets = workbook_sheets if workbook_sheets is not None else '<sheet name="S" sheetId="1" r:id="rId1"/>'
    workbook = f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{sheets}</sheets></workbook>'
    rels = (f'<?xml version="1.0"?><Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            + (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>' if strings_xml else "")
            + extra_rels + "</Relationships>")
    parts = {"xl/worksheets/sheet1.xml": sheet_xml}
    if strings_xml is not None:
        parts["xl/sharedStrings.xml"] = strings_xml
    return package("xl/workbook.xml", workbook, rels, parts)


def malformed_fixtures():
    header = f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>'
    good_row = '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
    with open(path("bad-not-zip.xlsx"), "w") as out:
        out.write("name,affiliation\n김민수,수원시\n")
    # An OLE compound file's signature, as an old .xls begins; and one holding an EncryptionInfo stream, as Excel
    # writes a password-protected .xlsx.
    with open(path("bad-old-xls.xlsx"), "wb") as out:
        out.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504) + "Workbook".encode("utf-16-le") + bytes(512))
    with open(path("bad-encrypted.xlsx"), "wb") as out:
        out.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504) + "EncryptionInfo".encode("utf-16-le")
                  + bytes(64) + "EncryptedPackage".encode("utf-16-le") + bytes(512))
    write_zip("bad-no-workbook.xlsx", {"hello.txt": "not a workbook"})
    write_zip("bad-no-sheet.xlsx", minimal(header + good_row + "</sheetData></worksheet>", workbook_sheets=""))
    write_zip("bad-xml.xlsx", minimal(header + good_row + '<row r="2"><c r="A2" t="inlineStr"><is><t>x</is></c>'
                                      "</row></sheetData></worksheet>"))
    write_zip("bad-shared-index.xlsx",
              minimal(header + '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>9</v>'
                      "</c></row></sheetData></worksheet>",
                      f'<?xml version="1.0"?><sst xmlns="{MAIN}"><si><t>name</t></si></sst>'))
    # A table number that is not one: the message names sheet row 3, column B.
    write_zip("bad-table-value.xlsx",
              minimal(header + '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr">'
                      '<is><t>table</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Kim</t></is></c>'
                      '<c r="B3" t="inlineStr"><is><t>two</t></is></c></row></sheetData></worksheet>'))
    # The first half of a good file: its central directory is gone.
    with open(path("openpyxl-codes.xlsx"), "rb") as source:
        data = source.read()
    with open(path("bad-truncated.xlsx"), "wb") as out:
        out.write(data[: len(data) // 2])
    # An ODS package (its mimetype says so) named .xlsx.
    write_zip("bad-ods.xlsx", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                               "content.xml": "<office:document-content/>"}, zipfile.ZIP_STORED)
    # A DTD with an entity: refused before anything expands.
    write_zip("bad-dtd.xlsx", minimal('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaa">]>'
                                      f'<worksheet xmlns="{MAIN}"><sheetData>{good_row}</sheetData></worksheet>'))
    # Zip bombs: a sheet that decompresses past 128 MiB (a ~0.14 MB file), and 1,000,001 shared strings.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for member, text in minimal("", None).items():
            if member != "xl/worksheets/sheet1.xml":
                archive.writestr(member, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write((header + good_row).encode())
            chunk = b" " * (1 << 20)
            for _ in range(130):
                out.write(chunk)
            out.write(b"</sheetData></worksheet>")
    with open(path("bad-bomb-sheet.xlsx"), "wb") as out:
        out.write(bomb.getvalue())
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for member, text in minimal(header + '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
                                    "<sst/>").items():
            if member != "xl/sharedStrings.xml":
                archive.writestr(member, text)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(f'<?xml version="1.0"?><sst xmlns="{MAIN}"><si><t>name</t></si>'.encode())
            block = b"<si><t>a</t></si>" * 100000
            for _ in range(10):
                out.write(block)
            out.write(b"</sst>")
    with open(path("bad-bomb-strings.xlsx"), "wb") as out:
        out.write(many.getvalue())


if __name__ == "__main__":
    openpyxl_fixtures()
    handmade_fixtures()
    malformed_fixtures()
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".xlsx"):
            print(f"{name}: {os.path.getsize(path(name))} bytes")
