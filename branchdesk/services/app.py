"""``BranchDesk``: the services of one database, wired together. UI and CLI hold one of these."""

from __future__ import annotations

from datetime import datetime

from branchdesk.services.admin import AdminService
from branchdesk.services.auth import AuthService
from branchdesk.services.cases import CaseService
from branchdesk.services.context import Clock, system_clock
from branchdesk.services.intake import IntakeService
from branchdesk.services.ledger_import import LedgerImportService
from branchdesk.services.printing import PrintService
from branchdesk.services.queries import QueryService
from branchdesk.services.reports import ReportService
from branchdesk.services.setup import initialise_branch, is_initialised
from branchdesk.storage.database import Database
from branchdesk.storage.migrate import UpgradeResult, upgrade


class BranchDesk:
    def __init__(self, db: Database, clock: Clock = system_clock) -> None:
        self.db = db
        self.clock = clock
        self.auth = AuthService(db, self._now)
        self.intake = IntakeService(db, self._now)
        self.cases = CaseService(db, self._now, self.auth)
        self.queries = QueryService(db, self._now)
        self.admin = AdminService(db, self._now)
        self.reports = ReportService(db, self._now)
        self.ledger_import = LedgerImportService(db, self._now)
        self.printing = PrintService(db, self._now)

    def _now(self) -> datetime:
        return self.clock()

    def upgrade(self) -> UpgradeResult:
        """Bring the schema up to date (backing up first); the app calls this at start."""
        return upgrade(self.db, self.clock())

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
        )
