"""``branchdesk check``: is this database sound, current, and are its calendar years known?"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import inspect, text

from branchdesk.config import load_calendar, load_settings
from branchdesk.domain.calendar import official_years
from branchdesk.errors import StorageError
from branchdesk.i18n import Text
from branchdesk.storage.database import APPLICATION_ID, Database
from branchdesk.storage.integrity import check_sqlite_file
from branchdesk.storage.migrate import current_revision, head_revision, known_revisions
from branchdesk.storage.models import Base


@dataclass
class CheckReport:
    """Texts (codes) the caller renders in its language."""

    problems: list[Text] = field(default_factory=list)
    warnings: list[Text] = field(default_factory=list)
    facts: list[Text] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(db: Database, now: datetime) -> CheckReport:
    report = CheckReport()
    report.facts.append(Text("check.database", {"database": db.describe()}))
    if db.path is not None and not db.path.exists():
        report.problems.append(Text("check.no_file", {"path": str(db.path)}))
        return report
    if db.path is not None:
        try:
            check_sqlite_file(db.path)
        except StorageError as exc:  # empty, truncated, foreign, damaged, copied without -wal
            report.problems.append(exc.text)
            return report
    with db.engine.connect() as connection:
        if db.is_sqlite:
            result = connection.exec_driver_sql("PRAGMA integrity_check").fetchone()
            if result is None or result[0] != "ok":
                report.problems.append(Text("check.integrity", {"result": str(result)}))
            app_id = connection.exec_driver_sql("PRAGMA application_id").scalar()
            if app_id != APPLICATION_ID:
                report.problems.append(Text("check.application_id"))
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                report.problems.append(Text("check.foreign_keys", {"count": len(broken)}))
        tables = set(inspect(connection).get_table_names())
    revision, head = current_revision(db), head_revision()
    if revision is not None and revision != head:
        report.facts.append(Text("check.revision", {"revision": str(revision), "head": str(head)}))
        if revision not in known_revisions():
            report.problems.append(Text("storage.newer_schema", {"revision": str(revision)}))
            return report
        # An older schema lacks the newer tables: it is upgraded (after a backup) at the next start.
        report.warnings.append(Text("check.will_upgrade", {"revision": str(revision), "head": str(head)}))
        with db.read() as session:
            cases = session.execute(text("SELECT count(*) FROM complaint_case")).scalar()
        report.facts.append(Text("check.cases", {"count": cases}))
        return report
    missing = set(Base.metadata.tables) - tables
    if missing:
        report.problems.append(Text("check.missing_tables", {"tables": sorted(missing)}))
        return report
    report.facts.append(Text("check.revision", {"revision": str(revision), "head": str(head)}))
    with db.read() as session:
        branches = session.execute(text("SELECT name, code FROM branch")).all()
        if not branches:
            report.problems.append(Text("check.no_branch"))
            return report
        report.facts.append(Text("check.branch", {"name": branches[0][0], "code": branches[0][1]}))
        cases = session.execute(text("SELECT count(*) FROM complaint_case")).scalar()
        report.facts.append(Text("check.cases", {"count": cases}))
        calendar = load_calendar(session, load_settings(session))
    if revision == head:  # an older schema has no chain yet: it is sealed by the upgrade
        from branchdesk.services.audit import verify_audit

        verdict, said = verify_audit(db)
        (report.facts if verdict.ok else report.problems).append(said)
    years = official_years()
    report.facts.append(Text("check.official_years", {"first": years.start, "last": years.stop - 1}))
    needed = [now.year, now.year + 1] if now.month >= 10 else [now.year]
    unconfirmed = calendar.unconfirmed_years(needed)
    for year in unconfirmed:
        message = Text("check.year_unconfirmed", {"year": year})
        if year == now.year:
            report.problems.append(message)
        else:
            report.warnings.append(message)
    return report
