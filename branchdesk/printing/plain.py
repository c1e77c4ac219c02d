"""Plain paper: the whole form, one page per copy (more when the text runs on), each copy labelled."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.graphics.barcode import code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from branchdesk.printing import fonts
from branchdesk.printing.content import (
    OPINIONS_HEADER,
    Copy,
    OpinionBlock,
    PrintableCase,
    Section,
    anchor_text,
    branch_line,
    sections,
)
from branchdesk.printing.form_spec import FormSpec

COLOURS = {
    "白": colors.HexColor("#BBBBBB"),
    "红": colors.HexColor("#E57373"),
    "蓝": colors.HexColor("#64B5F6"),
    "黄": colors.HexColor("#FFD54F"),
    "绿": colors.HexColor("#81C784"),
}
INTERNAL_LINE = "内部文件 不得影印送客户"
LONG_FACT = 60  # characters
PAGE_SIZES = {"A4": A4, "A5L": landscape(A5), "A4L": landscape(A4), "A5": A5}


@dataclass
class _State:
    copy: Copy | None = None
    page_of_copy: int = 0
    #: issue 14 part D: the case the pages now being drawn belong to (an attached original's pages)
    case: PrintableCase | None = None


class _CopyStart(Flowable):  # type: ignore[misc]
    """Marks where a copy begins, so the page decoration knows which copy it is drawing."""

    def __init__(self, state: _State, copy: Copy, case: PrintableCase | None = None) -> None:
        super().__init__()
        self._state = state
        self._copy = copy
        self._case = case

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self._state.copy = self._copy
        self._state.page_of_copy = 0
        self._state.case = self._case


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=fonts.MAIN, fontSize=8.5, leading=11, wordWrap="CJK")
    return {
        "base": base,
        "label": ParagraphStyle("label", parent=base, textColor=colors.HexColor("#444444")),
        "section": ParagraphStyle(
            "section", parent=base, fontSize=11, leading=15, spaceBefore=4, spaceAfter=2
        ),
        "text_label": ParagraphStyle(
            "text_label", parent=base, textColor=colors.HexColor("#444444"), spaceBefore=3
        ),
        "text": ParagraphStyle("text", parent=base, leftIndent=6 * mm),
    }


def _section(section: Section, width: float, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(fonts.markup(section.title), styles["section"])]
    # A long value would make a table row taller than a page (rows cannot split): it flows as text instead.
    facts = [(k, v) for k, v in section.facts if v not in ("", None) and len(str(v)) <= LONG_FACT]
    long_facts = [(k, str(v)) for k, v in section.facts if v not in ("", None) and len(str(v)) > LONG_FACT]
    if facts:
        cells = []
        row: list[Paragraph] = []
        for label, value in facts:
            row += [
                Paragraph(fonts.markup(label), styles["label"]),
                Paragraph(fonts.markup(str(value)), styles["base"]),
            ]
            if len(row) == 4:
                cells.append(row)
                row = []
        if row:
            cells.append(row + [Paragraph("", styles["base"])] * (4 - len(row)))
        table = Table(cells, colWidths=[width * 0.14, width * 0.36, width * 0.14, width * 0.36])
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
                    ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#F2F2F2")),
                ]
            )
        )
        story.append(table)
    for label, text in [*long_facts, *section.texts]:
        story.append(Paragraph(fonts.markup(label) + "：", styles["text_label"]))
        story.append(Paragraph(fonts.markup(text or "—"), styles["text"]))
    if section.opinions and not section.opinions_on_appendix:  # issue 14 part A
        story.append(_opinions_table(section.opinions, width, styles))
    if section.signatures:
        rows = [[Paragraph(h, styles["label"]) for h in ("级别", "签署人", "角色", "时间", "意义")]]
        rows += [
            [Paragraph(fonts.markup(str(v)), styles["base"]) for v in signature]
            for signature in section.signatures
        ]
        table = Table(rows, colWidths=[width * 0.16, width * 0.18, width * 0.18, width * 0.22, width * 0.26])
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")),
                ]
            )
        )
        story.append(KeepTogether([Spacer(1, 2 * mm), Paragraph("核决签署", styles["text_label"]), table]))
    return story


# --- issue 14 part A: the departments' opinions (会签), one block (row) each ---------------------------
def _opinions_table(
    blocks: Sequence[OpinionBlock], width: float, styles: dict[str, ParagraphStyle]
) -> Flowable:
    rows = [[Paragraph(h, styles["label"]) for h in OPINIONS_HEADER]]
    for b in blocks:
        cells = (b.department, b.opinion, b.share, b.signer, b.at)
        rows.append([Paragraph(fonts.markup(value), styles["base"]) for value in cells])
    table = Table(rows, colWidths=[width * f for f in (0.13, 0.43, 0.09, 0.17, 0.18)], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _opinions_appendix(
    case: PrintableCase, blocks: Sequence[OpinionBlock], width: float, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    """附页: the opinions that did not fit their place on the form, after the copy they belong to."""
    heading = f"附页：会签意见（编号 {case.case_no}，共 {len(blocks)} 个部门）"
    title = Paragraph(fonts.markup(heading), styles["section"])
    return [PageBreak(), title, _opinions_table(blocks, width, styles)]


def _signature_blocks(spec: FormSpec, width: float, styles: dict[str, ParagraphStyle]) -> Flowable:
    """One cell per signature block: the label (and what signing means) above room to sign."""
    cells = [
        Paragraph(fonts.markup(b.label + (f"（{b.meaning}）" if b.meaning else "") + "："), styles["label"])
        for b in spec.signature_blocks
    ]
    table = Table([cells], colWidths=[width / len(cells)] * len(cells), rowHeights=[14 * mm])
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    return KeepTogether([Spacer(1, 3 * mm), table])


def render_plain(
    spec: FormSpec,
    case: PrintableCase,
    copies: Sequence[Copy],
    total_copies: int,
    printed_at: datetime,
    reprint: bool,
    page: str | None = None,
    attached: tuple[FormSpec, PrintableCase] | None = None,
) -> bytes:
    """The PDF of ``copies`` of the form; ``attached``: a form printed after them as attached pages
    (issue 14 part D: a returning complaint's original handling form, its first copy, 附原表)."""
    fonts.register()
    size = PAGE_SIZES[page or spec.paper]
    buffer = io.BytesIO()
    state = _State()
    margin_left, margin = 16 * mm, 10 * mm
    header = 20 * mm
    frame = Frame(
        margin_left,
        margin + 8 * mm,
        size[0] - margin_left - margin,
        size[1] - 2 * margin - header - 8 * mm,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        assert state.copy is not None
        state.page_of_copy += 1
        if state.case is not None and attached is not None:  # an attached original's page: its own head
            _decorate(
                canvas, size, f"{attached[0].title}（附原表）", state.case, state.copy,
                len(attached[0].copies), printed_at, False, state.page_of_copy,
            )
            return
        _decorate(
            canvas, size, spec.title, case, state.copy, total_copies, printed_at, reprint, state.page_of_copy
        )

    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=margin_left,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"{spec.title} {case.case_no}",
        author="BranchDesk 客诉台",
        subject=case.case_no,
        keywords=anchor_text(case),
    )
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPageEnd=decorate)])
    styles = _styles()
    story: list[Flowable] = []
    for index, copy in enumerate(copies):
        if index:
            story.append(PageBreak())
        story.append(_CopyStart(state, copy))
        copy_sections = sections(spec, case, copy)
        for section in copy_sections:
            story.extend(_section(section, frame._width, styles))
        if spec.signature_blocks:  # places for hand signatures, at the end of each copy
            story.append(_signature_blocks(spec, frame._width, styles))
        for section in copy_sections:  # issue 14 part A: opinions that did not fit, on the copy's 附页
            if section.opinions_on_appendix:
                story.extend(_opinions_appendix(case, section.opinions, frame._width, styles))
    if attached is not None and attached[0].copies:
        original_spec, original = attached
        first = min(original_spec.copies, key=lambda c: c.number)
        copy = Copy(first.number, first.name, first.colour, first.shows_phone, first.internal)
        story.append(PageBreak())
        story.append(_CopyStart(state, copy, original))
        for section in sections(original_spec, original, copy):
            story.extend(_section(section, frame._width, styles))
    doc.build(story)
    return buffer.getvalue()


# --- issue 15 part V: the yearly archive files each case's forms as one PDF -------------------------


def render_plain_bundle(
    forms: Sequence[tuple[FormSpec, Sequence[Copy], PrintableCase]],
    printed_at: datetime,
) -> bytes:
    """Several forms of one case in one PDF, each on its own paper with every copy, as ``render_plain``
    draws them (same sections, decoration and audit anchor): the archive's one file per case. Each form
    brings what it prints: the 奖罚通知单 is filed once per approved record, each with that record."""
    case = forms[0][2]
    fonts.register()
    buffer = io.BytesIO()
    state = _State()
    margin_left, margin = 16 * mm, 10 * mm
    header = 20 * mm
    templates: list[PageTemplate] = []
    widths: list[float] = []
    for index, (spec, copies, printable) in enumerate(forms):
        size = PAGE_SIZES[spec.paper]
        frame = Frame(
            margin_left,
            margin + 8 * mm,
            size[0] - margin_left - margin,
            size[1] - 2 * margin - header - 8 * mm,
            id=f"body{index}",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        widths.append(frame._width)

        def decorate(
            canvas: Canvas,
            doc: BaseDocTemplate,
            spec: FormSpec = spec,
            size: tuple[float, float] = size,
            total: int = len(copies),
            printable: PrintableCase = printable,
        ) -> None:
            assert state.copy is not None
            state.page_of_copy += 1
            _decorate(
                canvas, size, spec.title, printable, state.copy, total, printed_at, False, state.page_of_copy
            )

        templates.append(PageTemplate(id=f"form{index}", frames=[frame], onPageEnd=decorate, pagesize=size))
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZES[forms[0][0].paper],
        leftMargin=margin_left,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"{case.case_no} 归档表单",
        author="BranchDesk 客诉台",
        subject=case.case_no,
        keywords=anchor_text(case),
    )
    doc.addPageTemplates(templates)
    styles = _styles()
    story: list[Flowable] = []
    for index, (spec, copies, printable) in enumerate(forms):
        for number, copy in enumerate(copies):
            if index or number:
                if not number:
                    story.append(NextPageTemplate(f"form{index}"))
                story.append(PageBreak())
            story.append(_CopyStart(state, copy))
            for section in sections(spec, printable, copy):
                story.extend(_section(section, widths[index], styles))
            if spec.signature_blocks:
                story.append(_signature_blocks(spec, widths[index], styles))
    doc.build(story)
    return buffer.getvalue()


def _decorate(
    canvas: Canvas,
    size: tuple[float, float],
    title: str,
    case: PrintableCase,
    copy: Copy,
    total: int,
    printed_at: datetime,
    reprint: bool,
    page_of_copy: int,
) -> None:
    width, height = size
    canvas.saveState()
    canvas.setFillColor(COLOURS.get(copy.colour, colors.HexColor("#BBBBBB")))
    canvas.rect(0, 0, 7 * mm, height, stroke=0, fill=1)  # the copy's colour band at the edge
    canvas.setFillColor(colors.black)
    canvas.setFont(fonts.MAIN, 10)
    label = f"第{copy.number}联 · {copy.colour} · {copy.destination}"
    canvas.saveState()
    canvas.translate(4.5 * mm, height / 2)
    canvas.rotate(90)
    canvas.drawCentredString(0, 0, label)
    canvas.restoreState()
    canvas.setFont(fonts.MAIN, 15)
    canvas.drawString(16 * mm, height - 17 * mm, f"{case.branch_name} {title}")
    canvas.setFont(fonts.MAIN, 9)
    continued = f"（续页 {page_of_copy}）" if page_of_copy > 1 else ""
    canvas.drawString(
        16 * mm, height - 23 * mm, f"第 {copy.number} 联 / 共 {total} 联 · {copy.destination}{continued}"
    )
    barcode = code128.Code128(case.case_no, barHeight=9 * mm, barWidth=0.3 * mm, humanReadable=False)
    barcode.drawOn(canvas, width - 10 * mm - barcode.width, height - 19 * mm)
    canvas.drawRightString(width - 10 * mm, height - 23 * mm, f"编号 {case.case_no}")
    canvas.setFont(fonts.MAIN, 8)
    footer = f"打印时间 {printed_at:%Y-%m-%d %H:%M}"
    if branch_line(case):  # the branch's address and numbers, above the print time (issue 12)
        canvas.drawString(16 * mm, 12.5 * mm, f"{case.branch_name}  {branch_line(case)}")
    canvas.drawString(16 * mm, 8 * mm, footer)
    # The audit chain head on the same line, at the right (the internal line takes the middle).
    canvas.drawRightString(width - 10 * mm, 8 * mm, anchor_text(case))
    if copy.internal:
        canvas.setFont(fonts.MAIN, 9)
        canvas.setFillColor(colors.HexColor("#B71C1C"))
        canvas.drawCentredString(width / 2, 8 * mm, INTERNAL_LINE)
    if reprint:
        canvas.setFillColor(colors.HexColor("#B71C1C"))
        canvas.setFont(fonts.MAIN, 14)
        canvas.drawRightString(width - 10 * mm - 45 * mm, height - 16 * mm, "补打")
    canvas.restoreState()
