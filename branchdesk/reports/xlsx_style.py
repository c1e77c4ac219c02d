"""Shared look of the workbooks: Chinese headings, widths that fit Chinese, number formats, print setup."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import zip_longest
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

MONEY = "#,##0.00"
DATE = 'yyyy"年"m"月"d"日"'
DATETIME = "yyyy-mm-dd hh:mm"
PERCENT = "0.0%"
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
TITLE_FONT = Font(size=14, bold=True)
HEADER_FONT = Font(bold=True)
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


#: The characters counted twice (CJK and everything after it): one pass of the regex engine per value
#: instead of a Python step per character (issue 16: widths are measured over every cell of a detail sheet).
_WIDE = re.compile("[\u2e81-\U0010ffff]")


def text_width(value: Any) -> int:
    """Column width for a value: about 2 per full-width character, 1 per other."""
    text = "" if value is None else str(value)
    if text.isascii():
        return len(text) + 2
    return 2 * len(text) - len(_WIDE.sub("", text)) + 2


def fit_widths(
    sheet: Worksheet,
    rows: Sequence[Sequence[Any]],
    minimum: int = 6,
    maximum: int = 60,
    as_text: Callable[[Any], Any] | None = None,
) -> None:
    """Each column as wide as its widest value (``as_text`` stands in for a value when measuring).

    Measured once per distinct value of a column (issue 16: a detail sheet's thousands of rows repeat
    a few departments, kinds and dates); the type is part of the key so that 1 and True stay apart."""
    widths: dict[int, int] = {}
    for index, column in enumerate(zip_longest(*rows), start=1):
        try:
            values: Iterable[Any] = (v for _t, v in set(zip(map(type, column), column, strict=True)))
        except TypeError:  # an unhashable value: measure them all
            values = column
        if as_text is not None:
            values = map(as_text, values)
        widths[index] = max(minimum, min(max(map(text_width, values), default=0), maximum))
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = width


def header_row(sheet: Worksheet, row: int, headings: Sequence[str]) -> None:
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=row, column=column, value=heading)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def print_setup(sheet: Worksheet, title_rows: str | None = None) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    if title_rows:
        sheet.print_title_rows = title_rows


#: The custom document property that carries the audit chain head an export was read at.
ANCHOR_PROPERTY = "审计链"


def anchor_line(anchor: str) -> str:
    """How the anchor reads in a cell and on paper: ``branchdesk audit verify --anchor`` takes the code."""
    return f"审计链 {anchor}"


def stamp_anchor(workbook: Any, anchor: str) -> None:
    """The chain head in the file's properties: a custom property, the keywords and the comments."""
    from openpyxl.packaging.custom import StringProperty

    workbook.custom_doc_props.append(StringProperty(name=ANCHOR_PROPERTY, value=anchor))
    workbook.properties.keywords = anchor
    workbook.properties.description = anchor_line(anchor)
