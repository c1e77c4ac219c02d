"""``branchdesk check``: is this database sound, current, and are its calendar years known?"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import inspect, text

from branchdesk.config import load_calendar, load_settings
from branchdesk.domain.calendar import official_years
from branchdesk.storage.database import APPLICATION_ID, Database
from branchdesk.storage.migrate import current_revision, head_revision
from branchdesk.storage.models import Base


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(db: Database, now: datetime) -> CheckReport:
    report = CheckReport()
    report.facts.append(f"数据库：{db.describe()}")
    if db.path is not None and not db.path.exists():
        report.problems.append(f"数据库文件不存在：{db.path}（请先运行 branchdesk init）")
        return report
    with db.engine.connect() as connection:
        if db.is_sqlite:
            result = connection.exec_driver_sql("PRAGMA integrity_check").fetchone()
            if result is None or result[0] != "ok":
                report.problems.append(f"SQLite 完整性检查失败：{result}")
            app_id = connection.exec_driver_sql("PRAGMA application_id").scalar()
            if app_id != APPLICATION_ID:
                report.problems.append("这不是客诉台的数据库文件（application_id 不符）")
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                report.problems.append(f"外键引用损坏 {len(broken)} 处")
        tables = set(inspect(connection).get_table_names())
    missing = set(Base.metadata.tables) - tables
    if missing:
        report.problems.append("缺少数据表：" + "、".join(sorted(missing)))
        return report
    revision, head = current_revision(db), head_revision()
    report.facts.append(f"结构版本：{revision}（程序需要 {head}）")
    if revision != head:
        report.problems.append(
            f"数据库结构版本 {revision} 与程序 {head} 不一致：启动程序会自动升级（先备份）"
        )
    with db.read() as session:
        branches = session.execute(text("SELECT name, code FROM branch")).all()
        if not branches:
            report.problems.append("数据库尚未初始化（没有网点信息），请运行 branchdesk init")
            return report
        report.facts.append(f"网点：{branches[0][0]}（{branches[0][1]}）")
        cases = session.execute(text("SELECT count(*) FROM complaint_case")).scalar()
        report.facts.append(f"案件数：{cases}")
        calendar = load_calendar(session, load_settings(session))
    if revision == head:  # an older schema has no chain yet: it is sealed by the upgrade
        from branchdesk.services.audit import verify_audit

        verdict, said = verify_audit(db)
        (report.facts if verdict.ok else report.problems).append(str(said))
    years = official_years()
    report.facts.append(f"官方节假日数据覆盖：{years.start}–{years.stop - 1} 年")
    needed = [now.year, now.year + 1] if now.month >= 10 else [now.year]
    unconfirmed = calendar.unconfirmed_years(needed)
    for year in unconfirmed:
        message = (
            f"{year} 年的法定节假日与调休尚未确认：期限按周一至周五估算。"
            "请在“设置 → 工作日历”录入国务院通知后标记该年已确认。"
        )
        if year == now.year:
            report.problems.append(message)
        else:
            report.warnings.append(message)
    return report
