"""新建投诉: the intake form, phone first, with the customer's earlier cases beside it.

Ctrl+S saves a draft, Ctrl+Enter submits. What is typed is kept in a recovery
file as the clerk types, so a crash or a closed window loses nothing; it is
offered back on the next start and removed once the case is saved.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QElapsedTimer, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut, QShowEvent, QValidator
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.intake import LIMITS, IntakeForm
from branchdesk.domain.money import MAX_TYPED_LENGTH, parse_yuan
from branchdesk.domain.vocab import Kind
from branchdesk.errors import FieldError
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseRef, CustomerDetails, Lookups
from ui.date_field import DateTimeField
from ui.forms import (
    FieldSet,
    combo,
    multiline,
    optional_date,
    optional_datetime,
    refill_combo,
    required_datetime,
)
from ui.intake_files import AttachmentStrip
from ui.keyboard import scroll_to_top
from ui.language import label as vocabulary_label
from ui.language import person_with_department, render
from ui.operations import app_signals, run_action

FORM_FIELDS = [f for f in IntakeForm.__dataclass_fields__ if f not in ("custom",)]


def recovery_path(recovery_dir: Path, desk: BranchDesk, username: str) -> Path:
    """Where what a user typed waits for the next start: one file per user AND database, so a form typed
    against one branch's database (or the demo) is never offered, and submitted, in another's."""
    database = hashlib.sha256(desk.db.describe().encode("utf-8")).hexdigest()[:12]
    return recovery_dir / f"intake-{username}-{database}.json"


class IntakePage(QWidget):
    sig_registered = Signal(object)
    """A case was registered (the CaseRef)."""

    def __init__(
        self,
        desk: BranchDesk,
        actor: Actor,
        lookups: Lookups,
        recovery_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._lookups = lookups
        self._draft_id: int | None = None
        self._recovery = recovery_path(recovery_dir, desk, actor.username)
        self.fields = FieldSet()
        self._build()
        self._history_timer = QTimer(self, singleShot=True, interval=300)
        self._history_timer.timeout.connect(self._on_history_due)
        self._save_timer = QTimer(self, singleShot=True, interval=800)
        self._save_timer.timeout.connect(self._write_recovery)
        for widget in self.fields.widgets.values():
            self._watch(widget)
        self.phone.textChanged.connect(lambda _text: self._history_timer.start())
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save_draft)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.submit)
        self.fields.keys.set_submit(self.submit)  # Ctrl+Enter in any field, Enter moves on (ui/keyboard)
        self._lookups_stale = False  # configuration changed while hidden: re-read when shown
        app_signals().sig_config_changed.connect(self._on_config_changed)
        self.reset()

    # --- layout ------------------------------------------------------------------

    def _build(self) -> None:
        f = self.fields
        lists = pick_lists(self._lookups)
        self.title = QLabel(self.tr("New complaint"))
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold")

        who = QFormLayout()
        self.phone = f.add(who, "phone", self.tr("Phone"), QLineEdit())
        self.phone.setMaxLength(LIMITS["phone"])
        self.phone.setPlaceholderText(self.tr("Type the number: earlier cases appear on the right"))
        f.add(who, "complainant_name", self.tr("Complainant"), QLineEdit()).setMaxLength(
            LIMITS["complainant_name"]
        )
        f.add(who, "complainant_title", self.tr("Title"), combo(lists["complainant_title"]))
        f.add(who, "company", self.tr("Company / customer"), QLineEdit())
        f.add(who, "customer_type", self.tr("Customer type"), combo(lists["customer_type"]))
        f.add(who, "is_foreign", self.tr("Foreign customer"), QCheckBox(self.tr("Abroad")))
        f.add(who, "address", self.tr("Address"), QLineEdit())
        f.add(who, "email", self.tr("E-mail"), QLineEdit())
        count = QSpinBox()
        count.setRange(1, 9999)
        f.add(who, "complainant_count", self.tr("Number of complainants"), count)

        intake = QFormLayout()
        f.add(intake, "received_at", self.tr("Received at"), required_datetime())  # typed as 11-30 14:30 too
        f.add(intake, "channel", self.tr("Channel"), combo(lists["channel"]))
        f.add(
            intake, "kind", self.tr("Kind"), combo({k.value: vocabulary_label(k) for k in Kind}, empty=None)
        )

        subject = QFormLayout()
        for name, label in (
            ("product", self.tr("Product or service")),
            ("order_no", self.tr("Order no.")),
            ("part_no", self.tr("Part / model")),
            ("lot_no", self.tr("Lot no.")),
            ("quantity", self.tr("Quantity")),
            ("defective_quantity", self.tr("Defective quantity")),
        ):
            f.add(subject, name, label, QLineEdit()).setMaxLength(LIMITS[name])
        f.add(subject, "delivery_date", self.tr("Delivery date"), optional_date(self.tr("(none)")))
        f.add(subject, "vehicle_model", self.tr("Vehicle model"), QLineEdit())
        f.add(subject, "plate", self.tr("Plate"), QLineEdit())
        f.add(subject, "occurred_at", self.tr("Occurred at"), optional_datetime(self.tr("(unknown)")))
        f.add(
            subject,
            "complained_department_id",
            self.tr("Department complained about"),
            combo(lists["complained_department_id"]),
        )
        f.add(
            subject,
            "complained_user_id",
            self.tr("Employee complained about"),
            combo(lists["complained_user_id"]),
        )
        f.add(subject, "complained_person", self.tr("Person complained about (if not staff)"), QLineEdit())

        content = QFormLayout()
        self.content = f.add(content, "content", self.tr("Complaint content"), multiline(110))
        f.add(content, "request_type", self.tr("Customer's request"), combo(lists["request_type"]))
        amount = f.add(content, "request_amount", self.tr("Amount asked (yuan)"), QLineEdit())
        amount.setValidator(AmountValidator(self._lookups.money_ceiling_fen, amount))
        f.add(content, "request_text", self.tr("Request details"), multiline(50))
        for name, label in (
            ("personal_injury", self.tr("Personal injury")),
            ("lawsuit_threatened", self.tr("Lawsuit threatened")),
            ("media_involved", self.tr("Media involved")),
            ("external_body", self.tr("Complained to manufacturer, regulator or consumer body")),
        ):
            f.add(content, name, label, QCheckBox(label))
        f.add(content, "repeat_of_case_no", self.tr("Repeat of case no."), QLineEdit())

        self.custom_names: list[str] = []
        custom = QFormLayout()
        for key, label, kind, _choices, _required in self._lookups.custom_fields:
            name = f"custom.{key}"
            if kind == "choice":
                widget: QWidget = combo(lists[name])
            elif kind == "date":
                widget = optional_date(self.tr("(none)"))
            else:
                widget = QLineEdit()
            f.add(custom, name, label, widget)
            self.custom_names.append(name)

        column = QVBoxLayout()
        for title, layout in (
            (self.tr("Complainant"), who),
            (self.tr("Intake"), intake),
            (self.tr("Complaint and request"), content),
            (self.tr("Subject"), subject),
        ):
            group = QGroupBox(title)
            group.setLayout(layout)
            column.addWidget(group)
        if self.custom_names:
            group = QGroupBox(self.tr("Branch fields"))
            group.setLayout(custom)
            column.addWidget(group)
        inner = QWidget()
        inner.setLayout(column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)

        self.history_title = QLabel(self.tr("Earlier cases of this customer"))
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Earlier cases of this customer"))
        self.history.itemActivated.connect(self._on_history_activated)
        self.repeat_warning = QLabel()
        self.repeat_warning.setWordWrap(True)
        self.repeat_warning.setStyleSheet("background: #fff3cd; color: #7a5a00; padding: 4px")
        self.repeat_warning.hide()
        # issue 17 part E: the customer's details from their latest case, offered (never filled unasked)
        self._customer: CustomerDetails | None = None
        self.customer_offer = QLabel()
        self.customer_offer.setWordWrap(True)
        self.customer_offer.setStyleSheet("background: #e8f4fd; padding: 4px")
        self.fill_button = QPushButton(self.tr("Fill in the customer's details"))
        self.fill_button.clicked.connect(self.fill_customer)
        self.customer_offer.hide()
        self.fill_button.hide()
        side = QVBoxLayout()
        side.addWidget(self.customer_offer)
        side.addWidget(self.fill_button)
        side.addWidget(self.history_title)
        side.addWidget(self.repeat_warning)
        side.addWidget(self.history)
        # issue 17 part E: photos and scans go with the intake (read off the GUI thread)
        self.attachments = AttachmentStrip(self._lookups.attachment_max_mb, self._lookups.attachment_types)
        side.addWidget(self.attachments)
        self.setAcceptDrops(True)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(360)

        self.message = QLabel()
        self.message.setWordWrap(True)
        # issue 17 part E: the row keeps its layout when the message comes and goes, so the buttons do not
        # move under the pointer (the second click of a double-click on 提交 hit 新建投诉 and wiped the
        # confirmation)
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(policy)
        self.message.hide()
        self.save_button = QPushButton(self.tr("Save draft (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_draft)
        self.submit_button = QPushButton(self.tr("Submit (Ctrl+Enter)"))
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        self.receipt_button = QPushButton(self.tr("Print receipt"))
        self.receipt_button.clicked.connect(self._on_receipt)
        self._registered: CaseRef | None = None
        self._busy = False  # a save or a submission is running: a second one is ignored
        self._registered_clock = QElapsedTimer()
        self.new_button = QPushButton(self.tr("New complaint"))
        self.new_button.clicked.connect(self._on_new)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.receipt_button, self.new_button, self.save_button, self.submit_button):
            buttons.addWidget(button)

        body = QHBoxLayout()
        body.addWidget(scroll, 1)
        body.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

    def _on_config_changed(self) -> None:
        if self.isVisible():
            self.reload_lookups()
        else:
            self._lookups_stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._lookups_stale:
            self.reload_lookups()
        super().showEvent(event)

    def reload_lookups(self) -> None:
        """The configuration changed: the pick lists offer what is configured now (what is chosen stays).

        A custom field added or removed changes the form itself: it appears when the page is next built.
        """
        self._lookups_stale = False
        self._lookups = self._desk.queries.lookups(self._actor)
        for name, items in pick_lists(self._lookups).items():
            widget = self.fields.widgets.get(name)
            if isinstance(widget, QComboBox):
                refill_combo(widget, items)
        validator = self.fields.widgets["request_amount"].findChild(AmountValidator)
        if validator is not None:  # issue 17 part E: the ceiling is a setting
            validator.ceiling_fen = self._lookups.money_ceiling_fen
        self.attachments.max_mb = self._lookups.attachment_max_mb
        self.attachments.types = self._lookups.attachment_types

    def _watch(self, widget: QWidget) -> None:
        for signal_name in (
            "textChanged",
            "currentIndexChanged",
            "toggled",
            "valueChanged",
            "dateTimeChanged",
            "dateChanged",
        ):
            signal = getattr(widget, signal_name, None)
            if signal is not None:
                signal.connect(lambda *_: self._save_timer.start())

    # --- form state ----------------------------------------------------------------

    def reset(self) -> None:
        for name in self.fields.order:
            self.fields.set_value(name, None)
        self.fields.set_value("kind", "complaint")
        self.fields.set_value("complainant_count", 1)
        received = self.fields.widgets["received_at"]
        assert isinstance(received, DateTimeField)
        now = self._desk.clock()
        received.setDateTime(QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute)))
        self._draft_id = None
        self.fields.clear_errors()
        self.history.clear()
        self.repeat_warning.hide()
        self.customer_offer.hide()
        self.fill_button.hide()
        self.attachments.clear()
        self.title.setText(self.tr("New complaint"))
        self._set_editable(True)
        self._registered_clock.invalidate()
        self._saved_snapshot = self._comparable()
        self.phone.setFocus()
        scroll_to_top(self.phone)  # a new intake starts at the top (issue 17)

    def form(self) -> IntakeForm:
        values = self.fields.values()
        custom = {name.removeprefix("custom."): values.pop(name) for name in self.custom_names}
        values["complainant_count"] = int(values["complainant_count"] or 1)
        kwargs = {k: v for k, v in values.items() if k in FORM_FIELDS}
        for key, spec in IntakeForm.__dataclass_fields__.items():
            if spec.default == "" and kwargs.get(key) is None:
                kwargs[key] = ""
        return IntakeForm(custom=custom, **kwargs)

    def snapshot(self) -> dict[str, Any]:
        data = self.fields.values()
        data["_draft_id"] = self._draft_id
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}

    def restore(self, data: dict[str, Any]) -> None:
        for name in self.fields.order:
            if name in data:
                self.fields.set_value(name, data[name])
        self._draft_id = data.get("_draft_id")

    # --- recovery file -------------------------------------------------------------

    def _write_recovery(self) -> None:
        if not self.isEnabled() or not self.submit_button.isEnabled():
            return
        data = self.snapshot()
        typed = any(
            v for k, v in data.items() if k not in ("received_at", "kind", "complainant_count", "_draft_id")
        )
        if not typed:
            self._recovery.unlink(missing_ok=True)
            return
        self._recovery.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._recovery.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self._recovery)

    def flush_recovery(self) -> None:
        if self._save_timer.isActive():
            self._save_timer.stop()
            self._write_recovery()

    def offer_recovery(self) -> bool:
        """Offer back what was typed before a crash or a closed window; True when restored."""
        if not self._recovery.exists():
            return False
        try:
            data = json.loads(self._recovery.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Unfinished complaint"),
            self.tr("An unfinished complaint (%1) was not saved last time. Restore it?").replace(
                "%1", str(data.get("complainant_name") or data.get("phone") or "")
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(data)
            return True
        self._recovery.unlink(missing_ok=True)
        return False

    # --- customer history --------------------------------------------------------------

    def _on_history_due(self) -> None:
        entries = self._desk.intake.customer_history(self._actor, self.phone.text(), self.form())
        self.history.clear()
        repeats = []
        for entry in entries:
            mark = "⚠ " if entry.possible_repeat else ""
            item = QListWidgetItem(
                f"{mark}{entry.case_no}  {entry.received_at:%Y-%m-%d}  {vocabulary_label(entry.status)}\n"
                f"{entry.content_excerpt}"
            )
            item.setData(Qt.ItemDataRole.UserRole, entry.case_no)
            self.history.addItem(item)
            if entry.possible_repeat:
                repeats.append(entry.case_no)
        if repeats:
            self.repeat_warning.setText(
                self.tr(
                    "Possible repeat complaint (same customer within 30 days): %1. If it is the same matter, "
                    "double-click the case to mark it; a repeat complaint is a major complaint."
                ).replace("%1", "、".join(repeats))
            )
            self.repeat_warning.show()
        else:
            self.repeat_warning.hide()
        self._offer_customer()

    # --- issue 17 part E: the customer's details when the phone matches an earlier case ---------------

    #: The fields the offer fills, in form order.
    CUSTOMER_FIELDS = (
        "complainant_name",
        "complainant_title",
        "company",
        "customer_type",
        "is_foreign",
        "address",
        "email",
    )

    def _offer_customer(self) -> None:
        details = self._desk.intake.customer_details(self._actor, self.phone.text())
        self._customer = details if details is not None and self.submit_button.isEnabled() else None
        if self._customer is None:
            self.customer_offer.hide()
            self.fill_button.hide()
            return
        self.customer_offer.setText(
            self.tr("Known customer (case %1): %2").replace("%1", self._customer.case_no).replace(
                "%2", " · ".join(v for v in (self._customer.complainant_name, self._customer.company) if v)
            )
        )
        self.customer_offer.show()
        self.fill_button.show()

    def fill_customer(self) -> None:
        """Fill the customer's details from their latest case: empty fields at once; what the clerk typed
        differently is replaced only when they agree."""
        details = self._customer
        if details is None:
            return
        given = {name: getattr(details, name) for name in self.CUSTOMER_FIELDS}
        given = {k: v for k, v in given.items() if v not in ("", None, False)}
        typed = {name: self.fields.value(name) for name in given}
        conflicts = [n for n, v in typed.items() if v not in ("", None, False) and v != given[n]]
        if conflicts:
            answer = QMessageBox.question(
                self,
                self.tr("Fill in the customer's details"),
                self.tr("Replace what you typed (%1) with the details of case %2?")
                .replace("%1", "、".join(self.fields.widgets[n].accessibleName() for n in conflicts))
                .replace("%2", details.case_no),
            )
            if answer != QMessageBox.StandardButton.Yes:
                given = {k: v for k, v in given.items() if k not in conflicts}
        for name, value in given.items():
            self.fields.set_value(name, value)
        self.customer_offer.hide()
        self.fill_button.hide()

    def _on_history_activated(self, item: QListWidgetItem) -> None:
        self.fields.set_value("repeat_of_case_no", item.data(Qt.ItemDataRole.UserRole))

    # --- actions -------------------------------------------------------------------

    def _show_field_errors(self, error: FieldError) -> None:
        if not error.texts.keys() & self.fields.widgets.keys():  # about the whole form (an empty draft)
            self.fields.clear_errors()
            self._show_message("\n".join(render(t) for t in error.texts.values()), ok=False)
            return
        self.fields.show_errors(error.texts, self.message)
        self.message.setStyleSheet("color: #c0392b")
        self.message.setText(self.tr("%1 field(s) need attention").replace("%1", str(len(error.texts))))
        self.message.show()

    def save_draft(self) -> None:
        if not self.submit_button.isEnabled() or self._busy:
            return
        if self.fields.typing_errors() or self._files_still_reading():
            return  # a mistyped date is marked at its field, not saved as empty
        form, draft_id, files = self.form(), self._draft_id, tuple(self.attachments.files)
        self._busy = True
        try:
            ref = run_action(
                self,
                lambda: self._desk.intake.save_draft(self._actor, form, draft_id, files),
                case_id=lambda ref: ref.id,
                on_fields=self._show_field_errors,
            )
        finally:
            self._busy = False
        if ref is None:
            return
        self._draft_id = ref.id
        self.fields.clear_errors()
        self.attachments.clear()  # stored with the draft: not stored again on the next save
        # The draft is in the database now: a recovery copy due in a moment would be offered at the next
        # start as if it were lost (issue 17 part E)
        self._save_timer.stop()
        self._recovery.unlink(missing_ok=True)
        self._saved_snapshot = self._comparable()
        self._show_message(self.tr("Draft saved as %1").replace("%1", ref.case_no), ok=True)

    def submit(self) -> None:
        if not self.submit_button.isEnabled() or self._busy:
            return  # registered already, or still registering: a second click must not act again
        if self.fields.typing_errors() or self._files_still_reading():
            return
        form, draft_id, files = self.form(), self._draft_id, tuple(self.attachments.files)
        self._busy = True
        try:
            ref = run_action(
                self,
                lambda: self._desk.intake.register(self._actor, form, draft_id, files),
                case_id=lambda ref: ref.id,
                on_fields=self._show_field_errors,
            )
        finally:
            self._busy = False
        if ref is None:
            return
        self._save_timer.stop()
        self._recovery.unlink(missing_ok=True)
        self.fields.clear_errors()
        self._show_registered(ref)
        self.sig_registered.emit(ref)

    def _on_receipt(self) -> QWidget | None:
        from ui.print_dialog import PrintDialog

        if self._registered is None:
            return None
        dialog = PrintDialog(
            self._desk, self._actor, self._registered.id, [("receipt", "客户投诉受理回执")], "receipt", self
        )
        dialog.show()
        return dialog

    def _show_registered(self, ref: CaseRef) -> None:
        self._registered = ref
        deadline = f"{ref.deadline_at:%Y-%m-%d %H:%M}" if ref.deadline_at else ""
        text = self.tr("Registered: %1 — reply due by %2").replace("%1", ref.case_no).replace("%2", deadline)
        if ref.deadline_unconfirmed:
            text += self.tr(" (holiday calendar of that year not confirmed yet)")
        if ref.is_repeat:
            text += self.tr(" · repeat complaint of %1, major").replace("%1", "、".join(ref.repeat_of))
        self.title.setText(self.tr("Complaint %1").replace("%1", ref.case_no))
        self._show_message(text, ok=True)
        self._set_editable(False)
        self._registered_clock.start()
        self.new_button.setFocus()

    def _set_editable(self, editable: bool) -> None:
        for widget in self.fields.widgets.values():
            widget.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.submit_button.setEnabled(editable)
        self.attachments.setEnabled(editable)
        self.receipt_button.setVisible(not editable)
        self.new_button.setVisible(not editable)
        if editable:
            self.message.hide()

    def _show_message(self, text: str, ok: bool) -> None:
        self.message.setStyleSheet("color: #1e7e34; font-weight: bold" if ok else "color: #c0392b")
        self.message.setText(text)
        self.message.show()

    def _on_new(self) -> None:
        # The second click of a double-click on 提交 is not a request for a new form
        interval = QApplication.doubleClickInterval()
        if self._registered_clock.isValid() and self._registered_clock.elapsed() < interval:
            return
        self.reset()

    # --- issue 17 part E: Ctrl+N, an empty Ctrl+S, files dropped onto the form ----------------------

    def _files_still_reading(self) -> bool:
        if self.attachments.busy():
            self._show_message(self.tr("An attachment is still being read: save again in a moment."), ok=False)
            return True
        return False

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.submit_button.isEnabled() and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths and self.submit_button.isEnabled():
            self.attachments.add_paths(paths)
            event.acceptProposedAction()

    def _comparable(self) -> dict[str, Any]:
        """What the clerk typed, without what the form fills in itself (the time received moves on)."""
        typed = {k: v for k, v in self.snapshot().items() if k != "received_at"}
        typed["_files"] = len(self.attachments.files)  # files added and not saved yet are typing too
        return typed

    def new_complaint(self) -> bool:
        """Ctrl+N: an empty form, also over a registered case or an open draft; typing not saved yet is
        discarded only when the clerk says so. True when the form is empty now."""
        if self.submit_button.isEnabled() and self._comparable() != self._saved_snapshot:
            answer = QMessageBox.question(
                self,
                self.tr("New complaint"),
                self.tr("What was typed in this form is not saved. Discard it and start a new complaint?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.reset()
        return True

    def load_draft(self, case_id: int) -> None:
        detail = self._desk.queries.case_detail(self._actor, case_id)
        self.reset()
        for name, value in detail.intake_raw.items():
            if name in self.fields.widgets:
                self.fields.set_value(name, value)
        for key, value in detail.custom.items():
            if f"custom.{key}" in self.fields.widgets:
                self.fields.set_value(f"custom.{key}", value)
        self._draft_id = case_id
        self._saved_snapshot = self._comparable()
        self.title.setText(self.tr("Draft %1").replace("%1", detail.case_no))


def pick_lists(lookups: Lookups) -> dict[str, list[tuple[Any, str]]]:
    """Field name → the choices its combo box offers, from the branch configuration."""
    ch = lookups.choices
    lists: dict[str, list[tuple[Any, str]]] = {
        key: list(ch.get(key, {}).items())
        for key in ("complainant_title", "customer_type", "channel", "request_type")
    }
    lists["complained_department_id"] = list(lookups.departments)
    lists["complained_user_id"] = [(p.id, person_with_department(p.name, p.department_name)) for p in lookups.people]
    for key, _label, kind, choices, _required in lookups.custom_fields:
        if kind == "choice":
            lists[f"custom.{key}"] = [(c, c) for c in choices]
    return lists


class AmountValidator(QValidator):
    """The amount field takes no more than the core does (setting ``money_ceiling_fen``): typing past
    the ceiling is refused as it is typed; anything else unfinished is left for the core to judge."""

    def __init__(self, ceiling_fen: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ceiling_fen = ceiling_fen

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if len(text) > MAX_TYPED_LENGTH:
            return QValidator.State.Invalid, text, pos
        whole = "".join(c for c in unicodedata.normalize("NFKC", text).split(".")[0] if c.isdigit())
        if whole and int(whole) * 100 > self.ceiling_fen:  # more than the ceiling, however it is spelled
            return QValidator.State.Invalid, text, pos
        try:
            parse_yuan(text, "request_amount", self.ceiling_fen)
        except FieldError as exc:
            too_much = any(getattr(t, "code", "") == "money.too_much" for t in exc.texts.values())
            return (QValidator.State.Invalid if too_much else QValidator.State.Intermediate), text, pos
        return QValidator.State.Acceptable, text, pos


def now_for_form() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


__all__ = ["IntakePage", "app_signals"]
