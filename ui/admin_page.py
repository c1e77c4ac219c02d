"""设置: users and roles, the working calendar, and the branch's settings. Every change is an event."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.calendar import official_years
from branchdesk.domain.vocab import Role
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import Lookups
from ui.forms import FieldSet, combo, optional_date
from ui.operations import run_action


class AdminPage(QWidget):
    def __init__(
        self, desk: BranchDesk, actor: Actor, lookups: Lookups, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._lookups = lookups
        tabs = QTabWidget()
        tabs.addTab(self._users_tab(), self.tr("Users and roles"))
        tabs.addTab(self._calendar_tab(), self.tr("Working calendar"))
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)

    # --- users -------------------------------------------------------------------------

    def _users_tab(self) -> QWidget:
        page = QWidget()
        self.users = QTableWidget(0, 3)
        self.users.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Department"), self.tr("Roles")])
        self.users.horizontalHeader().setStretchLastSection(True)
        self._fill_users()
        group = QGroupBox(self.tr("New user"))
        form = QFormLayout(group)
        self.user_fields = FieldSet()
        self.user_fields.add(form, "username", self.tr("User name"), QLineEdit())
        self.user_fields.add(form, "full_name", self.tr("Full name"), QLineEdit())
        departments = [(code, name) for code, name in self._department_codes()]
        self.user_fields.add(form, "department", self.tr("Department"), combo(departments))
        self.role_checks: dict[Role, QCheckBox] = {}
        roles_row = QHBoxLayout()
        for role in Role:
            check = QCheckBox(role.label)
            check.setAccessibleName(role.label)
            self.role_checks[role] = check
            roles_row.addWidget(check)
        form.addRow(self.tr("Roles"), roles_row)
        password = QLineEdit()
        password.setEchoMode(QLineEdit.EchoMode.Password)
        self.user_fields.add(form, "password", self.tr("Initial password"), password)
        create = QPushButton(self.tr("Create user"))
        create.clicked.connect(self._on_create_user)
        form.addRow(create)
        layout = QVBoxLayout(page)
        layout.addWidget(self.users, 1)
        layout.addWidget(group)
        return page

    def _department_codes(self) -> list[tuple[str, str]]:
        from branchdesk.domain.defaults import DEPARTMENTS

        names = dict(self._lookups.departments)
        return [(code, name) for code, name in DEPARTMENTS if name in names.values()]

    def _fill_users(self) -> None:
        lookups = self._desk.queries.lookups(self._actor)
        self.users.setRowCount(len(lookups.people))
        for row, person in enumerate(lookups.people):
            for column, text in enumerate(
                (person.name, person.department_name, "、".join(Role(r).label for r in person.roles))
            ):
                self.users.setItem(row, column, QTableWidgetItem(text))

    def _on_create_user(self) -> None:
        values = self.user_fields.values()
        roles = [role for role, check in self.role_checks.items() if check.isChecked()]
        done = run_action(
            self,
            lambda: self._desk.admin.create_user(
                self._actor,
                username=values["username"],
                full_name=values["full_name"],
                department_code=values["department"] or "",
                roles=roles,
                password=values["password"],
            ),
            on_fields=lambda e: self.user_fields.show_errors(
                {("department" if k == "department" else k): v for k, v in e.errors.items()}
            ),
        )
        if done is not None:
            self.user_fields.clear_errors()
            for name in ("username", "full_name", "password"):
                self.user_fields.set_value(name, "")
            self._fill_users()

    # --- calendar -------------------------------------------------------------------

    def _calendar_tab(self) -> QWidget:
        page = QWidget()
        years = official_years()
        this_year = date.today().year
        warning = QLabel()
        warning.setWordWrap(True)
        if this_year + 1 not in years:
            warning.setText(
                self.tr(
                    "The official holiday calendar for %1 is not known yet: deadlines in %1 assume Monday–Friday and "
                    "are marked unconfirmed. Enter the State Council's holidays and make-up working days below, then "
                    "mark the year confirmed."
                ).replace("%1", str(this_year + 1))
            )
            warning.setStyleSheet("background: #fff3cd; color: #7a5a00; padding: 6px")
        form = QFormLayout()
        self.calendar_fields = FieldSet()
        self.calendar_fields.add(form, "day", self.tr("Day"), optional_date(""))
        self.calendar_fields.add(form, "working", self.tr("Working day"), QCheckBox(self.tr("Working day")))
        self.calendar_fields.add(form, "note", self.tr("Note"), QLineEdit())
        save = QPushButton(self.tr("Save day"))
        save.clicked.connect(self._on_save_day)
        form.addRow(save)
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(
                self.tr("Official data covers %1–%2.")
                .replace("%1", str(years.start))
                .replace("%2", str(years.stop - 1))
            )
        )
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addStretch()
        return page

    def _on_save_day(self) -> None:
        values = self.calendar_fields.values()
        if values["day"] is None:
            self.calendar_fields.show_errors({"day": "请选择日期"})
            return
        if (
            run_action(
                self,
                lambda: self._desk.admin.set_calendar_day(
                    self._actor, values["day"], values["working"], values["note"]
                ),
                changes=False,
            )
            is None
        ):
            return
        self.calendar_fields.clear_errors()
