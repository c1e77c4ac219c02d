"""``BranchDesk``: the services of one database, wired together. UI and CLI hold one of these."""

from __future__ import annotations

from datetime import datetime

from branchdesk.services.about import AboutFacts, about
from branchdesk.services.admin import AdminService
from branchdesk.services.anonymise import RetentionService  # issue 15 part R: retention, personal data
from branchdesk.services.approval_policy import ApprovalPolicyService
from branchdesk.services.archive import ArchiveService  # issue 15 part V: the yearly archive
from branchdesk.services.auth import AuthService
from branchdesk.services.branch_profile import BranchProfileService
from branchdesk.services.calendar_admin import CalendarAdminService  # issue 12, calendar
from branchdesk.services.capa import CapaService  # issue 14 part B
from branchdesk.services.cases import CaseService
from branchdesk.services.context import Clock, system_clock
from branchdesk.services.deadline_policy import DeadlinePolicyService
from branchdesk.services.forms_admin import FormsAdminService  # issue 13 "forms"
from branchdesk.services.intake import IntakeService
from branchdesk.services.ledger_import import LedgerImportService
from branchdesk.services.notes import NoteService  # issue 14 part D: notes, progress notices, returning
from branchdesk.services.notifications import NotificationService  # issue 17 "notify"
from branchdesk.services.opinions import OpinionService  # issue 14 part A: 会签/协办
from branchdesk.services.policy import PolicyService  # issue 13 "policy"
from branchdesk.services.printing import PrintService
from branchdesk.services.queries import QueryService
from branchdesk.services.report_duties import ReportDutyService  # issue 15 part M: reports due
from branchdesk.services.reports import ReportService
from branchdesk.services.rewards import RewardService  # issue 14 part C: rewards and penalties
from branchdesk.services.search import SearchService  # issue 17 part C: the one search box
from branchdesk.services.setup import initialise_branch, is_initialised
from branchdesk.services.step_policy import StepPolicyService
from branchdesk.services.unit_of_work import UnitOfWork
from branchdesk.services.vocabulary import VocabularyService
from branchdesk.storage.database import Database
from branchdesk.storage.migrate import UpgradeResult, upgrade


class BranchDesk:
    """The services of one database, wired here once: each gets the one door and its collaborators."""

    def __init__(self, db: Database, clock: Clock = system_clock) -> None:
        self.db = db
        self.clock = clock
        self.door = UnitOfWork(db, self._now)
        self.auth = AuthService(self.door)
        self.intake = IntakeService(self.door)
        self.cases = CaseService(self.door, self.auth)
        self.queries = QueryService(self.door)
        self.admin = AdminService(self.door)
        self.reports = ReportService(self.door, self.queries)
        self.ledger_import = LedgerImportService(self.door)
        self.printing = PrintService(self.door, self.queries)
        # issue 12 "approvals": the approval rules (administrator)
        self.approval_policy = ApprovalPolicyService(self.door)
        self.calendar = CalendarAdminService(self.door, self.admin)  # issue 12, calendar: holiday notice
        # issue 12, vocabularies: pick lists and the branch's names for fixed codes
        self.vocabulary = VocabularyService(self.door)
        # issue 12 "rules": the deadline policy and its 试算 (admin)
        self.deadline_policy = DeadlinePolicyService(self.door)
        self.branch_profile = BranchProfileService(self.door)  # issue 12 "fields"
        self.step_policy = StepPolicyService(self.door)  # issue 12 "steps"
        self.forms = FormsAdminService(self.door)  # issue 13 "forms": the printed forms as data
        self.policy = PolicyService(self.door)  # issue 13 "policy": policy files and presets
        self.notifications = NotificationService(self.door)  # issue 17 "notify": per user, across PCs
        self.search = SearchService(self.door)  # issue 17 part C: one search box that finds everything
        self.opinions = OpinionService(self.door)  # issue 14 part A: opinions from several departments
        self.capa = CapaService(self.door)  # issue 14 part B: corrective and preventive actions
        self.rewards = RewardService(self.door, self.auth)  # issue 14 part C: rewards and penalties (奖罚)
        self.notes = NoteService(self.door)  # issue 14 part D: notes, progress notices, a case that returns
        self.archive = ArchiveService(self.door, self.printing)  # issue 15 part V: the yearly archive
        self.retention = RetentionService(self.door)  # issue 15 part R: retention, personal-data requests
        self.report_duties = ReportDutyService(self.door)  # issue 15 part M: the reports due, made

    def _now(self) -> datetime:
        return self.clock()

    def branch_identity(self) -> tuple[str, bool]:
        """The branch's name and whether it is the demo branch (the window title)."""
        with self.db.read() as session:
            config = self.door.config(session)
        return config.branch_name, config.demo

    def label_overrides(self) -> dict[tuple[str, str], tuple[str, str | None]]:
        """The branch's own names for fixed codes (issue 12): the UI and CLI render with them."""
        with self.db.read() as session:
            return dict(self.door.config(session).label_overrides)

    def configuration_written(self) -> int | None:
        """The configuration version this thread's last configuration write left, once (None: none)."""
        return self.door.configuration_written()

    def configuration_version(self) -> int | None:
        """The configuration version now in the database (another PC's edit moves it); one small query."""
        with self.db.read() as session:
            return self.door.cache.version(session)

    def backup_copy_folder(self) -> str:
        """The second folder that receives a copy of each daily and manual backup ("": none set)."""
        with self.db.read() as session:
            return str(self.door.config(session).setting("backup_copy_folder") or "")

    def upgrade(self) -> UpgradeResult:
        """Bring the schema up to date (backing up first); the app calls this at start."""
        return upgrade(self.db, self.clock())

    def about(self) -> AboutFacts:
        """Version, database and its size, data folder, log file, licences, audit chain head."""
        return about(self.db)

    def is_initialised(self) -> bool:
        return is_initialised(self.db)

    def initialise(
        self,
        *,
        name: str,
        code: str,
        admin_username: str,
        admin_full_name: str,
        admin_password: str,
        demo: bool = False,
        preset: str | None = None,
    ) -> int:
        return initialise_branch(
            self.db,
            name=name,
            code=code,
            admin_username=admin_username,
            admin_full_name=admin_full_name,
            admin_password=admin_password,
            now=self.clock(),
            demo=demo,
            door=self.door,
            preset=preset,  # issue 13 "policy"
        )
