"""设置 → 表单 (issue 13 "forms"): pick a form; edit its copies, its fields and its overlay positions, with
a live preview of the PDF for a made-up case. The core validates the whole form at save and refuses each
problem at its place (``copies[1].name``), which is listed under the editor."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import FieldError
from branchdesk.printing.form_spec import (
    CUSTOM_PREFIX,
    FIELD_REGISTRY,
    CopySpec,
    FieldSpec,
    FormSpec,
    OverlayBox,
    field_label,
)
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.config_seen import seen_version
from ui.operations import field_errors, run_action
from ui.print_dialog import load_pdf

COPY_COLUMNS = ("number", "name", "colour", "department", "shows_phone", "internal")
BOX_COLUMNS = ("field", "x", "y", "width", "lines", "size")


def _item(value: object, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(str(value))
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _check(value: bool) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
    return item


def _number(text: str) -> float:
    try:
        return float(text.strip() or 0)
    except ValueError:
        return -1  # the core refuses it at its place


class FormsTab(QWidget):
    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._me = desk, actor
        self._seen = seen_version(desk)  # every configuration write here names it (ui/config_seen)
        self._spec: FormSpec | None = None
        self._filling = False
        self.form = QComboBox()
        self.form.setAccessibleName(self.tr("Form"))
        self.form.currentIndexChanged.connect(self._on_form)
        add = QPushButton(self.tr("Add a form (copy of this one)…"))
        add.clicked.connect(self._on_add)
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.active_button.clicked.connect(self._on_active)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Form")))
        top.addWidget(self.form, 1)
        top.addWidget(add)
        top.addWidget(self.active_button)

        self.copies = QTableWidget(0, len(COPY_COLUMNS))
        self.copies.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Name"),
                self.tr("Colour"),
                self.tr("Department code"),
                self.tr("Shows phone"),
                self.tr("Internal"),
            ]
        )
        self.copies.horizontalHeader().setStretchLastSection(True)
        add_copy = QPushButton(self.tr("Add copy"))
        add_copy.clicked.connect(self._on_add_copy)
        remove_copy = QPushButton(self.tr("Remove copy"))
        remove_copy.clicked.connect(lambda: self._remove(self.copies))
        copies_page = self._page(self.copies, [add_copy, remove_copy])

        self.fields = QTableWidget(0, 3)
        self.fields.setHorizontalHeaderLabels([self.tr("Section"), self.tr("Field"), self.tr("Label")])
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.field_choice = QComboBox()
        self.field_choice.setAccessibleName(self.tr("Field to add"))
        add_field = QPushButton(self.tr("Add field"))
        add_field.clicked.connect(self._on_add_field)
        remove_field = QPushButton(self.tr("Remove"))
        remove_field.clicked.connect(lambda: self._remove(self.fields))
        up, down = QPushButton(self.tr("Up")), QPushButton(self.tr("Down"))
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        fields_page = self._page(self.fields, [self.field_choice, add_field, remove_field, up, down])

        self.boxes = QTableWidget(0, len(BOX_COLUMNS))
        self.boxes.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                self.tr("X (mm)"),
                self.tr("Y (mm)"),
                self.tr("Width (mm)"),
                self.tr("Lines"),
                self.tr("Font size"),
            ]
        )
        self.boxes.horizontalHeader().setStretchLastSection(True)
        boxes_page = self._page(self.boxes, [])

        self.parts = QTabWidget()
        self.parts.addTab(copies_page, self.tr("Copies"))
        self.parts.addTab(fields_page, self.tr("Fields"))
        self.parts.addTab(boxes_page, self.tr("Overlay positions"))
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #B71C1C")
        save = QPushButton(self.tr("Save form"))
        save.clicked.connect(self.save)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.parts, 1)
        left_layout.addWidget(self.problems)
        left_layout.addWidget(save)

        self.mode = QComboBox()
        self.mode.setAccessibleName(self.tr("Paper"))
        self.mode.addItem(self.tr("Plain paper"), "plain")
        self.mode.addItem(self.tr("Pre-printed set (overlay)"), "overlay")
        self.mode.currentIndexChanged.connect(lambda _i: self.preview())
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Preview"))
        self.document: QPdfDocument | None = None
        self.pages = QLabel()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        mode_row = QHBoxLayout()
        mode_row.addWidget(QLabel(self.tr("Preview (sample case)")))
        mode_row.addWidget(self.mode, 1)
        mode_row.addWidget(self.pages)
        right_layout.addLayout(mode_row)
        right_layout.addWidget(self.view, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([620, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        # Live preview: any edit re-renders shortly after the last keystroke.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.preview)
        for table in (self.copies, self.fields, self.boxes):
            table.itemChanged.connect(self._on_edit)
        self._active: dict[str, bool] = {}
        self._stale_preview = True  # rendered when the tab is first shown, not with every 设置 page
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale_preview:
            self.preview()

    def _page(self, table: QTableWidget, buttons: list[QWidget]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        current = self.form.currentData()
        forms = run_action(self, lambda: self._desk.forms.forms(self._me), changes=False)
        if forms is None:
            return
        self._custom = self._desk.forms.custom_labels(self._me)
        self._active = {spec.code: active for spec, active in forms}
        self._filling = True
        self.form.clear()
        for spec, active in forms:
            name = spec.title if active else spec.title + self.tr(" (inactive)")
            self.form.addItem(f"{name} [{spec.code}]", spec.code)
        self.field_choice.clear()
        for ref in [*FIELD_REGISTRY, *(CUSTOM_PREFIX + key for key in self._custom)]:
            self.field_choice.addItem(f"{field_label(ref, '', self._custom)} · {ref}", ref)
        self._forms = {spec.code: spec for spec, _active in forms}
        self._filling = False
        index = self.form.findData(current)
        self.form.setCurrentIndex(index if index >= 0 else 0)
        self._on_form()

    def _on_form(self) -> None:
        if self._filling or self.form.currentData() is None:
            return
        self._spec = FormSpec.from_dict(self._forms[self.form.currentData()].to_dict())
        self.active_button.setText(
            self.tr("Deactivate") if self._active.get(self._spec.code, True) else self.tr("Activate")
        )
        self._fill()
        if self.isVisible():
            self.preview()
        else:
            self._stale_preview = True

    def _fill(self) -> None:
        spec = self._spec
        assert spec is not None
        self._filling = True
        self.copies.setRowCount(0)
        for c in spec.copies:
            self._copy_row(c)
        self.fields.setRowCount(0)
        for index, section in enumerate(spec.sections):
            for f in section.fields:
                self._field_row(index, f)
        self.boxes.setRowCount(0)
        for box in spec.overlay:
            row = self.boxes.rowCount()
            self.boxes.insertRow(row)
            # the label the form prints the field under, then its reference (what is stored)
            printed = next(
                (
                    f.label
                    for section in spec.sections
                    for f in section.fields
                    if f.field == box.field and f.label
                ),
                field_label(box.field, "", self._custom),
            )
            name = _item(f"{printed} · {box.field}", editable=False)
            name.setData(Qt.ItemDataRole.UserRole, box.field)
            self.boxes.setItem(row, 0, name)
            for column, value in enumerate((box.x, box.y, box.width, box.lines, box.size), start=1):
                self.boxes.setItem(row, column, _item(f"{value:g}"))
        self.problems.clear()
        self._filling = False

    def _copy_row(self, c: CopySpec) -> None:
        row = self.copies.rowCount()
        self.copies.insertRow(row)
        self.copies.setItem(row, 0, _item(c.number))
        self.copies.setItem(row, 1, _item(c.name))
        self.copies.setItem(row, 2, _item(c.colour))
        self.copies.setItem(row, 3, _item(c.department))
        self.copies.setItem(row, 4, _check(c.shows_phone))
        self.copies.setItem(row, 5, _check(c.internal))

    def _field_row(self, section: int, f: FieldSpec, at: int | None = None) -> None:
        assert self._spec is not None
        row = self.fields.rowCount() if at is None else at
        self.fields.insertRow(row)
        title = _item(self._spec.sections[section].title, editable=False)
        title.setData(Qt.ItemDataRole.UserRole, section)
        self.fields.setItem(row, 0, title)
        ref = _item(f.field, editable=False)
        ref.setData(Qt.ItemDataRole.UserRole, f.to_dict())
        self.fields.setItem(row, 1, ref)
        self.fields.setItem(row, 2, _item(f.label or field_label(f.field, "", self._custom)))

    # --- editing ---------------------------------------------------------------------------

    def _on_edit(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            self._timer.start()

    def _on_add_copy(self) -> None:
        numbers = [int(_number(self.copies.item(r, 0).text())) for r in range(self.copies.rowCount())]
        self._filling = True
        self._copy_row(CopySpec(max(numbers, default=0) + 1, self.tr("New copy"), "白"))
        self._filling = False
        self._timer.start()

    def _remove(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)
            self._timer.start()

    def _on_add_field(self) -> None:
        ref = self.field_choice.currentData()
        if ref is None or self._spec is None:
            return
        row = self.fields.currentRow()
        # into the selected field's section, after it; else at the end of the first section
        section = self.fields.item(row, 0).data(Qt.ItemDataRole.UserRole) if row >= 0 else 0
        self._filling = True
        self._field_row(section, FieldSpec(ref), row + 1 if row >= 0 else None)
        self._filling = False
        self.fields.setCurrentCell(row + 1 if row >= 0 else self.fields.rowCount() - 1, 1)
        self._timer.start()

    def _move(self, step: int) -> None:
        row = self.fields.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.fields.rowCount():
            return
        self._filling = True
        here, there = self.fields.item(row, 0), self.fields.item(target, 0)
        if here.data(Qt.ItemDataRole.UserRole) != there.data(Qt.ItemDataRole.UserRole):
            # at a section's edge the field crosses into the neighbouring section, staying in place
            here.setText(there.text())
            here.setData(Qt.ItemDataRole.UserRole, there.data(Qt.ItemDataRole.UserRole))
            target = row
        else:
            moved = [self.fields.takeItem(row, c) for c in range(3)]
            other = [self.fields.takeItem(target, c) for c in range(3)]
            for c in range(3):
                self.fields.setItem(target, c, moved[c])
                self.fields.setItem(row, c, other[c])
        self._filling = False
        self.fields.setCurrentCell(target, 1)
        self._timer.start()

    def edited(self) -> FormSpec | None:
        """The form as the tables show it now."""
        if self._spec is None:
            return None
        spec = FormSpec.from_dict(self._spec.to_dict())
        spec.copies = []
        for r in range(self.copies.rowCount()):
            spec.copies.append(
                CopySpec(
                    int(_number(self.copies.item(r, 0).text())),
                    self.copies.item(r, 1).text(),
                    self.copies.item(r, 2).text().strip(),
                    self.copies.item(r, 3).text().strip(),
                    self.copies.item(r, 4).checkState() == Qt.CheckState.Checked,
                    self.copies.item(r, 5).checkState() == Qt.CheckState.Checked,
                )
            )
        for section in spec.sections:
            section.fields = []
        for r in range(self.fields.rowCount()):
            section = int(self.fields.item(r, 0).data(Qt.ItemDataRole.UserRole))
            f = FieldSpec.from_dict(self.fields.item(r, 1).data(Qt.ItemDataRole.UserRole))
            label = self.fields.item(r, 2).text().strip()
            f.label = "" if label == field_label(f.field, "", self._custom) and not f.label else label
            spec.sections[section].fields.append(f)
        spec.overlay = []
        for r in range(self.boxes.rowCount()):
            values = [_number(self.boxes.item(r, c).text()) for c in range(1, 6)]
            spec.overlay.append(
                OverlayBox(
                    str(self.boxes.item(r, 0).data(Qt.ItemDataRole.UserRole)),
                    values[0],
                    values[1],
                    values[2],
                    int(values[3]),
                    values[4],
                )
            )
        return spec

    def _show_problems(self, exc: FieldError) -> None:
        line = self.tr("%1: %2")
        self.problems.setText(
            "\n".join(
                line.replace("%1", place).replace("%2", text) for place, text in field_errors(exc).items()
            )
        )

    def preview(self) -> None:
        self._stale_preview = False
        spec = self.edited()
        if spec is None:
            return
        mode = self.mode.currentData()
        pdf = run_action(
            self,
            lambda: self._desk.forms.preview(self._me, spec, mode),
            changes=False,
            on_fields=self._show_problems,
        )
        if pdf is None:
            return
        self.problems.clear()
        self.document = load_pdf(pdf, self)
        self.view.setDocument(self.document)
        self.pages.setText(self.tr("%1 page(s)").replace("%1", str(self.document.pageCount())))

    def save(self) -> bool:
        spec = self.edited()
        if spec is None:
            return False
        done = run_action(
            self,
            lambda: self._desk.forms.save(self._me, spec, seen=self._seen.version) or True,
            changes=False,
            config_seen=self._seen,
            on_fields=self._show_problems,
        )
        if done:
            self.problems.setText(self.tr("Saved."))
            self._forms[spec.code] = spec
        return bool(done)

    def _on_add(self) -> None:
        if self._spec is None:
            return
        code, ok = QInputDialog.getText(self, self.tr("Add a form"), self.tr("Code (letters, digits, _)"))
        if not ok:
            return
        title, ok = QInputDialog.getText(self, self.tr("Add a form"), self.tr("Title printed on the form"))
        if ok:
            self.add_form(code.strip(), title.strip())

    def add_form(self, code: str, title: str) -> bool:
        assert self._spec is not None
        model = self._spec.code
        added = run_action(
            self,
            lambda: self._desk.forms.add(self._me, code, title, model, seen=self._seen.version),
            changes=False,
            config_seen=self._seen,
        )
        if added is None:
            return False
        self.reload()
        self.form.setCurrentIndex(self.form.findData(code))
        return True

    def _on_active(self) -> None:
        if self._spec is None:
            return
        code, active = self._spec.code, not self._active.get(self._spec.code, True)
        done = run_action(
            self,
            lambda: self._desk.forms.set_active(self._me, code, active, seen=self._seen.version) or True,
            changes=False,
            config_seen=self._seen,
        )
        if done:
            self.reload()
