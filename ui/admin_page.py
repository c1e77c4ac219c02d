"""设置: users and roles, the working calendar, the branch's settings, backups. Every change is an event."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
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
from branchdesk.services.dto import AdminSnapshot, Lookups, UserRow
from ui.action_dialog import Field
from ui.approval_rules_tab import ApprovalRulesTab
from ui.backup_tab import BackupTab
from ui.branch_profile_tab import BranchProfileTab
from ui.config_seen import seen_version
from ui.config_tab import ConfigTab
from ui.deadline_rules_tab import DeadlineRulesTab
from ui.forms import FieldSet, combo, optional_date, refill_combo
from ui.forms_tab import FormsTab  # issue 13 "forms"
from ui.import_wizard import ImportWizard
from ui.language import label, roles_text
from ui.operations import app_signals, run_action
from ui.password_dialog import ResetPasswordDialog
from ui.policy_tab import PolicyTab  # issue 13 "policy"
from ui.settings_tab import SettingsTab
from ui.step_policy_tab import StepPolicyTab
from ui.vocabulary_tab import VocabularyTab


class AdminPage(QWidget):
    def __init__(
        self, desk: BranchDesk, actor: Actor, lookups: Lookups, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._lookups = lookups
        self._seen = seen_version(desk)  # before the tabs read their rows: every write here names it
        tabs = QTabWidget()
        # the user list above two forms (new user, chosen user): it scrolls rather than push the window
        # (a plain QScrollArea: it asks for a bounded height, unlike screen_fit's whole-content one)
        users = QScrollArea()
        users.setWidget(self._users_tab())
        users.setWidgetResizable(True)
        users.setFrameShape(QFrame.Shape.NoFrame)
        tabs.addTab(users, self.tr("Users and roles"))
        tabs.addTab(self._departments_tab(), self.tr("Departments"))
        self.categories_tab = self._categories_tab()
        tabs.addTab(self.categories_tab, self.tr("Categories"))
        # issue 12, vocabularies: the pick lists and the branch's names for fixed codes
        self.vocabulary_tab = VocabularyTab(desk, actor)
        tabs.addTab(self.vocabulary_tab, self.tr("Lists and names"))
        self.sla_tab = DeadlineRulesTab(desk, actor)  # issue 12 "rules"
        tabs.addTab(self.sla_tab, self.tr("Deadlines (SLA)"))
        # issue 12 "approvals": the approval rules replace the fixed authority matrix
        self.approval_tab = ApprovalRulesTab(desk, actor, lookups)
        tabs.addTab(self.approval_tab, self.tr("Approval rules"))
        tabs.addTab(self._calendar_tab(), self.tr("Working calendar"))
        tabs.addTab(self._templates_tab(), self.tr("Reply templates"))
        tabs.addTab(self._custom_fields_tab(), self.tr("Custom intake fields"))
        tabs.addTab(self._settings_tab(), self.tr("Settings"))
        self.branch_profile_tab = BranchProfileTab(desk, actor)  # issue 12 "fields"
        tabs.addTab(self.branch_profile_tab, self.tr("Branch profile"))
        self.step_policy_tab = StepPolicyTab(desk, actor)  # issue 12 "steps"
        tabs.addTab(self.step_policy_tab, self.tr("Step deadlines"))
        self.forms_tab = FormsTab(desk, actor)  # issue 13 "forms": the printed forms as data
        tabs.addTab(self.forms_tab, self.tr("Forms"))
        self.policy_tab = PolicyTab(desk, actor)  # issue 13 "policy": policy files and presets
        tabs.addTab(self.policy_tab, self.tr("Policy file"))
        from ui.rewards_scale_tab import RewardsScaleTab  # issue 14 part C: the reward/penalty scale

        self.rewards_scale_tab = RewardsScaleTab(desk, actor)
        tabs.addTab(self.rewards_scale_tab, self.tr("Rewards and penalties"))
        self.backup_tab = BackupTab(desk, actor)
        tabs.addTab(self.backup_tab, self.tr("Backup and restore"))
        from ui.privacy_page import RetentionRulesTab  # issue 15 part R: years kept per category and kind

        self.retention_tab = RetentionRulesTab(desk, actor)
        tabs.addTab(self.retention_tab, self.tr("Retention"))
        from ui.report_duties_tab import ReportDutiesTab  # issue 15 part M: the reports the policy asks for

        self.report_duties_tab = ReportDutiesTab(desk, actor)
        tabs.addTab(self.report_duties_tab, self.tr("Reports due"))
        self.tabs = tabs
        import_button = QPushButton(self.tr("Import a ledger…"))
        import_button.clicked.connect(lambda: ImportWizard(self._desk, self._actor, self).exec())
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(import_button)
        self._stale = False  # configuration changed while hidden: refill when shown
        app_signals().sig_config_changed.connect(self._on_config_changed)

    def _on_config_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Every tab's rows and pick lists (parent category, SLA category, department) as configured now."""
        self._stale = False
        snapshot = self._snapshot()
        self._lookups = self._desk.queries.lookups(self._actor)
        refill_combo(
            self.categories_tab.fields.widgets["parent"],  # type: ignore[arg-type]
            category_parents(snapshot),
        )
        self.vocabulary_tab.reload()
        self.settings_tab.catch_up()  # what another PC saved shows; what is typed here stays
        refill_combo(self.user_fields.widgets["department"], self._department_codes())  # type: ignore[arg-type]
        refill_combo(self.chosen_fields.widgets["department"], self._department_codes())  # type: ignore[arg-type]
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if isinstance(tab, ConfigTab):
                tab.reload()
        self._fill_users()
        self.backup_tab.reload()
        self.approval_tab.set_lookups(self._lookups)
        self.approval_tab.reload()
        self.sla_tab.reload()
        self.step_policy_tab.reload()
        self.forms_tab.reload()  # issue 13 "forms"
        self.rewards_scale_tab.reload()  # issue 14 part C

    def _snapshot(self) -> AdminSnapshot:
        return self._desk.admin.snapshot(self._actor)

    # --- configuration tables ------------------------------------------------------------

    def _departments_tab(self) -> ConfigTab:
        admin, me = self._desk.admin, self._actor
        return ConfigTab(
            [("code", self.tr("Code")), ("name", self.tr("Name", "of a thing, not a person")), ("active", self.tr("In use"))],
            [
                Field("code", self.tr("Code")),
                Field("name", self.tr("Name", "of a thing, not a person")),
                Field("active", self.tr("In use"), "check", default=True),
            ],
            lambda: [{"code": c, "name": n, "active": a} for _, c, n, a in self._snapshot().departments],
            lambda _row, v: admin.save_department(me, v["code"], v["name"], v["active"], seen=self._seen.version),
            config_seen=self._seen,
        )

    def _categories_tab(self) -> ConfigTab:
        """The category tree (up to three levels), one row per category in tree order with its path."""
        admin, me = self._desk.admin, self._actor
        return ConfigTab(
            [
                ("path", self.tr("Category")),
                ("code", self.tr("Code")),
                ("label", self.tr("Name", "of a thing, not a person")),
                ("active", self.tr("In use")),
            ],
            [
                Field("code", self.tr("Code")),
                Field("label", self.tr("Name", "of a thing, not a person")),
                Field("parent", self.tr("Parent"), "choice", category_parents(self._snapshot())),
                Field("active", self.tr("In use"), "check"),
            ],
            lambda: category_tree_rows(self._snapshot()),
            lambda _row, v: admin.save_category(
                me, v["code"], v["label"], v["parent"], v["active"], seen=self._seen.version
            ),
            config_seen=self._seen,
        )

    def _templates_tab(self) -> ConfigTab:
        admin, me = self._desk.admin, self._actor
        return ConfigTab(
            [("title", self.tr("Title")), ("body", self.tr("Text"))],
            [Field("title", self.tr("Title")), Field("body", self.tr("Text"), "multiline")],
            lambda: [{"id": i, "title": t, "body": b} for i, t, b in self._snapshot().reply_templates],
            lambda row, v: admin.save_reply_template(
                me, row["id"] if row else None, v["title"], v["body"], seen=self._seen.version
            ),
            config_seen=self._seen,
        )

    def _custom_fields_tab(self) -> ConfigTab:
        admin, me = self._desk.admin, self._actor
        types = [("text", "文本"), ("number", "数字"), ("date", "日期"), ("choice", "选项")]
        return ConfigTab(
            [
                ("key", self.tr("Code")),
                ("label", self.tr("Name", "of a thing, not a person")),
                ("type", self.tr("Type")),
                ("choices", self.tr("Choices")),
                ("required", self.tr("Required")),
                ("active", self.tr("In use")),
            ],
            [
                Field("key", self.tr("Code")),
                Field("label", self.tr("Name", "of a thing, not a person")),
                Field("type", self.tr("Type"), "choice", types, empty=None),
                Field("choices", self.tr("Choices (separated by 、)")),
                Field("required", self.tr("Required"), "check"),
                Field("active", self.tr("In use"), "check", default=True),
            ],
            lambda: [
                {"key": k, "label": lb, "type": t, "choices": "、".join(c), "required": r, "active": a}
                for k, lb, t, c, r, a in self._snapshot().custom_fields
            ],
            lambda _row, v: admin.save_custom_field(
                me,
                v["key"],
                v["label"],
                v["type"] or "",
                (v["choices"] or "").replace(",", "、").split("、"),
                v["required"],
                v["active"],
                seen=self._seen.version,
            ),
            config_seen=self._seen,
        )

    def _settings_tab(self) -> SettingsTab:
        self.settings_tab = SettingsTab(self._desk, self._actor)
        return self.settings_tab

    # --- users -------------------------------------------------------------------------

    def _users_tab(self) -> QWidget:
        page = QWidget()
        self.users = QTableWidget(0, 6)
        self.users.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("User name"), self.tr("Department"), self.tr("Roles"),
             self.tr("Status"), self.tr("Open cases")]
        )
        self.users.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.users.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.users.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.users.horizontalHeader().setStretchLastSection(True)
        self.users.itemSelectionChanged.connect(self._on_user_selected)
        self._user_rows: list[UserRow] = []

        chosen = QGroupBox(self.tr("Selected user"))
        chosen_form = QFormLayout(chosen)
        self.chosen_roles: dict[Role, QCheckBox] = {}
        chosen_row = QHBoxLayout()
        for role in Role:
            check = QCheckBox(label(role))
            check.setAccessibleName(label(role))
            self.chosen_roles[role] = check
            chosen_row.addWidget(check)
        chosen_form.addRow(self.tr("Roles"), chosen_row)
        # issue 17 part F: the selected user's name and department, saved through the service
        self.chosen_fields = FieldSet()
        self.chosen_fields.add(chosen_form, "full_name", self.tr("Full name"), QLineEdit())
        self.chosen_fields.add(chosen_form, "department", self.tr("Department"), combo(self._department_codes()))
        self.save_details_button = QPushButton(self.tr("Save name and department"))
        self.save_details_button.clicked.connect(self._on_save_details)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_details_button)
        self.save_roles_button = QPushButton(self.tr("Save roles"))
        self.save_roles_button.clicked.connect(self._on_save_roles)
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.active_button.clicked.connect(self._on_toggle_active)
        self.reset_password_button = QPushButton(self.tr("Reset password…"))
        self.reset_password_button.setToolTip(
            self.tr("A temporary password, to be changed at the next login; also lifts a lock")
        )
        self.reset_password_button.clicked.connect(self._on_reset_password)
        buttons.addWidget(self.save_roles_button)
        buttons.addWidget(self.active_button)
        buttons.addWidget(self.reset_password_button)
        buttons.addStretch(1)
        chosen_form.addRow(buttons)
        self.user_message = QLabel()
        self.user_message.setWordWrap(True)
        chosen_form.addRow(self.user_message)

        group = QGroupBox(self.tr("New user"))
        form = QFormLayout(group)
        self.user_fields = FieldSet()
        self.user_fields.add(form, "username", self.tr("User name"), QLineEdit())
        self.user_fields.add(form, "full_name", self.tr("Full name"), QLineEdit())
        self.user_fields.add(form, "department", self.tr("Department"), combo(self._department_codes()))
        self.role_checks: dict[Role, QCheckBox] = {}
        roles_row = QHBoxLayout()
        for role in Role:
            check = QCheckBox(label(role))
            check.setAccessibleName(label(role))
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
        layout.addWidget(chosen)
        layout.addWidget(group)
        self._fill_users()
        return page

    def _department_codes(self) -> list[tuple[str, str]]:
        """Active departments by code (what creating a user takes), from the branch's own list."""
        return [(code, name) for _id, code, name, active in self._snapshot().departments if active]

    def _fill_users(self) -> None:
        snapshot = self._snapshot()
        departments = {dept_id: name for dept_id, _code, name, _active in snapshot.departments}
        self._department_code_of = {dept_id: code for dept_id, code, _name, _active in snapshot.departments}
        self._user_rows = list(snapshot.users)
        self.users.setRowCount(len(self._user_rows))
        for row, user in enumerate(self._user_rows):
            status = self.tr("Active") if user.active else self.tr("Deactivated")
            cells = (
                user.full_name,
                user.username,
                departments.get(user.department_id, ""),
                roles_text(user.roles),
                status,
                str(user.open_cases) if user.open_cases else "",
            )
            for column, text in enumerate(cells):
                self.users.setItem(row, column, QTableWidgetItem(text))
        self._on_user_selected()

    def _selected_user(self) -> UserRow | None:
        rows = self.users.selectionModel().selectedRows() if self.users.selectionModel() else []
        if not rows or rows[0].row() >= len(self._user_rows):
            return None
        return self._user_rows[rows[0].row()]

    def _on_user_selected(self) -> None:
        user = self._selected_user()
        for role, check in self.chosen_roles.items():
            check.setChecked(bool(user and role.value in user.roles))
            check.setEnabled(user is not None)
        self.chosen_fields.set_value("full_name", user.full_name if user else "")
        self.chosen_fields.set_value("department", self._department_code_of.get(user.department_id) if user else None)
        self.chosen_fields.clear_errors()
        for widget in self.chosen_fields.widgets.values():
            widget.setEnabled(user is not None)
        self.save_details_button.setEnabled(user is not None)
        self.save_roles_button.setEnabled(user is not None)
        self.active_button.setEnabled(user is not None)
        # One's own password is changed in the user menu (the old one asked there).
        self.reset_password_button.setEnabled(
            user is not None and user.active and user.id != self._actor.user_id
        )
        self.active_button.setText(
            self.tr("Reactivate") if user is not None and not user.active else self.tr("Deactivate")
        )
        self.user_message.setText(
            self.tr("%1 open cases are handled by this user: reassign them in the queue.")
            .replace("%1", str(user.open_cases))
            if user is not None and not user.active and user.open_cases
            else ""
        )

    def _on_save_roles(self) -> None:
        user = self._selected_user()
        if user is None:
            return
        roles = [role for role, check in self.chosen_roles.items() if check.isChecked()]
        done = run_action(
            self,
            lambda: self._desk.admin.set_roles(self._actor, user.id, roles, seen=self._seen.version) or True,
            changes=False,
            config_seen=self._seen,
        )
        if done is not None:
            self._fill_users()

    def _on_save_details(self) -> None:
        """issue 17 part F: rename or move the selected user; refused if someone changed them meanwhile."""
        user = self._selected_user()
        if user is None:
            return
        values = self.chosen_fields.values()
        done = run_action(
            self,
            lambda: self._desk.admin.update_user(
                self._actor,
                user.id,
                full_name=values["full_name"],
                department_code=values["department"] or "",
                seen=user,  # the user's row as shown: checked value by value
            )
            or True,
            changes=False,
            config_seen=self._seen,
            on_fields=lambda e: self.chosen_fields.show_errors(e.texts),
        )
        row = self.users.currentRow()
        self._fill_users()  # saved or refused as stale: show the rows as they are now
        if 0 <= row < self.users.rowCount():
            self.users.selectRow(row)
        if done is not None:
            self.user_message.setText(self.tr("Saved"))

    def _on_toggle_active(self) -> None:
        user = self._selected_user()
        if user is None:
            return
        done = run_action(
            self,
            lambda: self._desk.admin.set_active(self._actor, user.id, not user.active, seen=self._seen.version)
            or True,
            changes=False,
            config_seen=self._seen,
        )
        if done is not None:
            self._fill_users()

    def _on_reset_password(self) -> ResetPasswordDialog | None:
        user = self._selected_user()
        if user is None:
            return None
        dialog = ResetPasswordDialog(self._desk, self._actor, user, self)
        dialog.open()
        return dialog

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
                seen=self._seen.version,
            ),
            changes=False,
            config_seen=self._seen,
            on_fields=lambda e: self.user_fields.show_errors(e.texts),
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
        confirm = QPushButton(self.tr("Mark %1 confirmed").replace("%1", str(this_year + 1)))
        confirm.clicked.connect(lambda: self._on_confirm_year(this_year + 1))
        form.addRow(confirm)
        # issue 12, calendar: the State Council's notice, pasted or opened, previewed and applied
        self.notice_button = QPushButton(self.tr("Import holiday notice…"))
        self.notice_button.clicked.connect(self._on_import_notice)
        form.addRow(self.notice_button)
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

    def _on_import_notice(self) -> None:  # issue 12, calendar
        from ui.holiday_notice_dialog import HolidayNoticeDialog

        HolidayNoticeDialog(self._desk, self._actor, self).exec()

    def _on_confirm_year(self, year: int) -> None:
        def call() -> bool:
            self._desk.admin.confirm_calendar_year(self._actor, year, seen=self._seen.version)
            return True

        if run_action(self, call, changes=False, config_seen=self._seen):
            QMessageBox.information(
                self, self.tr("Working calendar"), self.tr("%1 is marked confirmed.").replace("%1", str(year))
            )

    def _on_save_day(self) -> None:
        values = self.calendar_fields.values()
        if values["day"] is None:
            self.calendar_fields.show_errors({"day": "请选择日期"})
            return

        def call() -> bool:
            self._desk.admin.set_calendar_day(
                self._actor, values["day"], values["working"], values["note"], seen=self._seen.version
            )
            return True

        if run_action(self, call, changes=False, config_seen=self._seen) is None:
            return
        self.calendar_fields.clear_errors()


# --- issue 12: the category tree, three levels -------------------------------------------------------


def category_tree_rows(snapshot: AdminSnapshot) -> list[dict[str, Any]]:
    """Categories depth first (top, its children, their children …), each with its whole path."""
    by_parent: dict[str | None, list[tuple[str, str, str | None, bool]]] = {}
    for row in snapshot.categories:
        by_parent.setdefault(row[2], []).append(row)
    rows: list[dict[str, Any]] = []

    def walk(parent: str | None, path: tuple[str, ...]) -> None:
        for code, name, parent_code, active in by_parent.get(parent, []):
            if len(path) > 3:  # a damaged tree never loops here
                return
            rows.append(
                {
                    "path": " / ".join((*path, name)),
                    "code": code,
                    "label": name,
                    "parent": parent_code,
                    "active": active,
                    "depth": len(path) + 1,
                }
            )
            walk(code, (*path, name))

    walk(None, ())
    return rows


def category_parents(snapshot: AdminSnapshot) -> list[tuple[str, str]]:
    """Where a new category may go: a top-level or a second-level category, shown with its path."""
    return [(row["code"], row["path"]) for row in category_tree_rows(snapshot) if row["depth"] < 3]
