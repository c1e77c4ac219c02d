"""The command line: ``branchdesk [--db PATH_OR_URL] SUBCOMMAND …``.

With no subcommand it starts the desktop app. Exit status 0 on success; on
failure a one-line reason on stderr and a non-zero status.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from branchdesk import __version__
from branchdesk.errors import BranchDeskError, FieldError
from branchdesk.i18n import LANGUAGES, Label, Text, label, normalise_language, render
from branchdesk.storage.database import ENV_VAR, Database, resolve_url

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
#: 128 + SIGPIPE, what a shell reports for a writer whose reader left (``… | head``)
EXIT_BROKEN_PIPE = 141

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="branchdesk", description="客诉台 BranchDesk：网点客户投诉处理")
    parser.add_argument("--version", action="version", version=f"branchdesk {__version__}")
    parser.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        help="错误信息的语言 zh_CN|en（默认：按环境变量 LC_ALL/LC_MESSAGES/LANG，否则中文）",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"SQLite 文件路径或服务器 URL（默认：用户数据目录；环境变量 {ENV_VAR}）",
    )
    _user_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    init = sub.add_parser("init", help="初始化网点数据库并创建第一位管理员")
    init.add_argument("--demo", action="store_true", help="建立演示网点：演示用户与约 300 件案件")
    init.add_argument("--name", help="网点名称")
    init.add_argument("--code", help="网点代码，如 BJ01")
    init.add_argument("--admin", help="管理员用户名")
    init.add_argument("--admin-name", help="管理员姓名")
    init.add_argument("--password-stdin", action="store_true", help="从标准输入读取管理员密码")
    init.add_argument("--seed", type=int, default=20261124, help="演示数据的随机种子")
    init.add_argument("--cases", type=int, default=300, help="演示案件数")
    init.add_argument("--preset", metavar="NAME", help="以预设策略建立网点（见 branchdesk policy presets）")

    sub.add_parser("check", help="检查数据库完整性、结构版本、审计链与工作日历覆盖")

    audit = sub.add_parser("audit", help="审计链：核对时间线与附件未被改动")
    audit_what = audit.add_subparsers(dest="what", metavar="verify", required=True)
    audit_verify = audit_what.add_parser("verify", help="从头核对审计链，报告第一处断裂")
    audit_verify.add_argument("--anchor", help="表单或导出文件上印的链头代码，证明其后的事件未被截去")

    export = sub.add_parser("export", help="导出 Excel：月度统计表或投诉台帐")
    what = export.add_subparsers(dest="what", metavar="monthly|summary|ledger", required=True)
    monthly = what.add_parser("monthly", help="客诉案件统计表（某月）")
    monthly.add_argument("--month", required=True, help="月份，如 2026-10")
    monthly.add_argument("-o", "--output", help="输出文件（默认：客诉案件统计表-2026-10.xlsx）")
    # issue 12 "fields"
    monthly.add_argument("--by-field", metavar="KEY", help="按自定义字段分组统计（字段代码，如 car_model）")
    _user_options(monthly, here=True)
    # issue 15 part S: the summary of any period
    summary = what.add_parser("summary", help="客诉案件统计表（任意期间）")
    summary.add_argument(
        "--period",
        required=True,
        help="期间：2026-W47、2026-11、2026-Q4、2026-H2、2026 或 2026-10-01..2026-12-15",
    )
    summary.add_argument("-o", "--output", help="输出文件（默认：客诉案件统计表-期间.xlsx）")
    summary.add_argument("--by-field", metavar="KEY", help="按自定义字段分组统计（字段代码，如 car_model）")
    _user_options(summary, here=True)
    ledger = what.add_parser("ledger", help="投诉台帐（某段时间受理的全部案件）")
    ledger.add_argument("--from", dest="date_from", required=True, help="开始日期，如 2026-01-01")
    ledger.add_argument("--to", dest="date_to", required=True, help="结束日期（含），如 2026-12-31")
    ledger.add_argument("-o", "--output", help="输出文件（默认：投诉台帐-开始-结束.xlsx）")
    _user_options(ledger, here=True)

    prt = sub.add_parser("print", help="打印表单为 PDF")
    prt.add_argument("case_no", metavar="CASE_NO", help="客诉编号，如 202611-007")
    prt.add_argument(
        "--form",
        required=True,
        # issue 13 "forms": any active form of the branch (added ones too); the service checks the code
        help="表单代码，如 receipt、handling、allowance、return、penalty、report 或设置中新增的表单",
    )
    prt.add_argument(
        "--mode", default="plain", choices=["plain", "overlay"], help="普通纸或套打（默认 plain）"
    )
    prt.add_argument("--copies", help="只打印这些联，如 1,3")
    prt.add_argument("--offset", default="0,0", help="套打偏移（毫米）X,Y，如 1.5,-0.5")
    prt.add_argument("--calibration", action="store_true", help="只输出套打校准页")
    prt.add_argument("-o", "--output", help="输出 PDF（默认：编号-表单.pdf）")
    # issue 14 part C: the 奖罚通知单 prints one approved reward/penalty record
    prt.add_argument("--record", type=int, help="奖罚记录编号（打印奖罚通知单时必填）")
    _user_options(prt, here=True)

    imp = sub.add_parser("import", help="导入网点原有的 Excel 投诉台帐")
    imp_what = imp.add_subparsers(dest="what", metavar="ledger", required=True)
    led = imp_what.add_parser("ledger", help="导入投诉台帐")
    led.add_argument("file", help="Excel 文件（.xlsx）")
    led.add_argument("--sheet", help="工作表名称（默认：第一个）")
    led.add_argument("--dry-run", action="store_true", help="只检查并逐行报告，不写入数据库")
    led.add_argument("--skip-invalid", action="store_true", help="跳过有问题的行，导入其余各行")
    _user_options(led, here=True)

    backup = sub.add_parser("backup", help="立即备份数据库（SQLite；服务器数据库用 pg_dump）")
    backup.add_argument("-o", "--output", help="备份文件（默认：数据库旁的 backups 文件夹）")
    sub.add_parser("backups", help="列出备份：时间、大小、案件数、审计链头")
    restore = sub.add_parser("restore", help="从备份恢复（先备份当前数据库，校验备份，再替换）")
    restore.add_argument("file", metavar="FILE", help="备份文件（.sqlite3）")

    # --- issue 12, calendar: the State Council holiday notice (_calendar below) ---
    cal = sub.add_parser("calendar", help="工作日历：导入国务院节假日安排通知、列出某年的节假日与调休")
    cal_what = cal.add_subparsers(dest="what", metavar="import-notice|list", required=True)
    notice = cal_what.add_parser("import-notice", help="导入节假日安排通知（文本文件），显示与当前日历的差异")
    notice.add_argument("file", metavar="FILE", help="通知全文的文本文件（UTF-8 或 GB18030）")
    notice.add_argument("--year", type=int, help="年份（默认：取通知标题中的年份）")
    notice.add_argument("--dry-run", action="store_true", help="只显示差异，不写入数据库")
    notice.add_argument("--yes", action="store_true", help="不询问，直接写入")
    _user_options(notice, here=True)
    cal_list = cal_what.add_parser("list", help="列出某年与周一至周五不同的日子：日期、休或班、节日")
    cal_list.add_argument("year", metavar="YYYY", type=int, help="年份，如 2026")
    _user_options(cal_list, here=True)
    # --- end of issue 12, calendar ---

    # --- issue 13 "policy": policy files and presets (_policy below) ---
    pol = sub.add_parser("policy", help="策略文件：导出、导入（先校验并显示改动）、列出预设策略")
    pol_what = pol.add_subparsers(dest="what", metavar="export|import|presets", required=True)
    pol_export = pol_what.add_parser("export", help="把本网点的全部策略导出为一个 TOML 文件")
    pol_export.add_argument("-o", "--output", required=True, metavar="FILE", help="写入的文件")
    pol_export.add_argument("--with-calendar", action="store_true", help="连同工作日历（调休、已核对年份）")
    _user_options(pol_export, here=True)
    pol_import = pol_what.add_parser("import", help="导入策略文件或预设策略：先校验，显示改动，再一次写入")
    pol_import.add_argument("file", metavar="FILE|PRESET", help="策略文件，或预设策略的名称")
    pol_import.add_argument("--dry-run", action="store_true", help="只校验并显示改动，不写入")
    pol_import.add_argument("--yes", action="store_true", help="不询问，直接写入")
    _user_options(pol_import, here=True)
    pol_what.add_parser("presets", help="列出预设策略")
    # --- end of issue 13 "policy" ---
    # --- issue 15 part V: the yearly archive ---
    arch = sub.add_parser(
        "archive",
        help="年度归档：archive YEAR -o DIR 写入该年结案案件的表单、台帐、统计表与附件；verify DIR 核对",
    )
    arch.add_argument("year", metavar="YEAR|verify", help="年度（如 2025），或 verify")
    arch.add_argument("folder", metavar="DIR", nargs="?", help="verify：要核对的归档文件夹")
    arch.add_argument("-o", "--output", metavar="DIR", help="归档写入的文件夹（新的或空的）")
    _user_options(arch, here=True)

    # --- issue 15 part R: retention and personal-data requests (cli_retention.py) ---
    from branchdesk.cli_retention import add_parsers as retention_parsers

    retention_parsers(sub, _user_options)
    # --- issue 15 part M: the reports due (cli_reports.py) ---
    from branchdesk.cli_reports import add_parsers as report_parsers

    report_parsers(sub, _user_options)

    app = sub.add_parser("app", help="启动桌面程序（默认）")
    app.add_argument("--demo", action="store_true", help="打开演示数据库（不存在则创建）")
    app.add_argument(
        "--lang",
        metavar="zh_CN|en",
        help="界面语言（未在程序“界面语言”中选过时使用；默认按系统 LANG，否则中文）",
    )
    return parser


def _user_options(parser: argparse.ArgumentParser, here: bool = False) -> None:
    """``--user`` and ``--password-stdin``: before the subcommand or after it (print, export, import)."""
    # After the subcommand they must not reset what was given before it: no default there.
    default = {"default": argparse.SUPPRESS} if here else {}
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="以此用户身份打印、导出、导入（须登录：密码在提示时输入）",
        **default,  # type: ignore[arg-type]
    )
    if here:
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="从标准输入读取 --user 的密码",
            default=argparse.SUPPRESS,
        )
    else:
        parser.add_argument(
            "--password-stdin",
            dest="user_password_stdin",
            action="store_true",
            help="从标准输入读取 --user 的密码（print、export、import）",
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args_list = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(args_list)
    command = args.command or "app"
    from branchdesk.logs import configure_logging

    log_path = configure_logging()
    sys.unraisablehook = _log_unraisable
    log.info("command: %s (branchdesk %s)", " ".join(args_list) or "app", __version__)
    language = args.lang or environment_language()
    try:
        if command == "backup":
            return _backup(args, language)
        if command == "backups":
            return _backups(args, language)
        if command == "restore":
            return _restore(args, language)
        if command == "init":
            return _init(args)
        if command == "check":
            return _check(args, language)
        if command == "audit":
            return _audit(args, language)
        if command == "export":
            return _export(args, language)
        if command == "import":
            return _import(args, language)
        if command == "print":
            return _print(args, language)
        if command == "calendar":  # issue 12, calendar
            return _calendar(args, language)
        if command == "policy":  # issue 13 "policy"
            return _policy(args, language)
        if command == "archive":  # issue 15 part V
            return _archive(args, language)
        if command in ("retention", "personal-data"):  # issue 15 part R
            return _retention(args, language)
        if command == "reports":  # issue 15 part M: the reports due
            return _reports(args, language)
        return _app(args)
    except FieldError as exc:
        return _error(_separator(language).join(exc.rendered(language).values()))
    except BranchDeskError as exc:
        return _error(exc.render(language))
    except KeyboardInterrupt:
        return _error("已取消")
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as exc:
        from branchdesk.storage.failures import explain

        file = getattr(args, "file", None) or getattr(args, "output", None) or ""
        explained = explain(exc, _database_named(args), str(file))
        if explained is not None:
            log.warning("command %r failed: %r", command, exc)
            return _error(render(explained, language))
        log.exception("unexpected error in command %r", command)
        return _error(f"程序出现意外错误，已记录到日志：{log_path}")


def _reader_went_away() -> int:
    """``branchdesk calendar list | head``: the reader closed the pipe, which is its choice, not a
    failure to report. Later writes (the interpreter's flush at exit) go to devnull so no
    "Exception ignored" trace follows; the status is the shell's for SIGPIPE, as git and coreutils give."""
    log.info("output pipe closed by the reader")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


def _log_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """A failure inside a destructor (a half-written workbook closing on a full disk) goes to the log,
    not as a traceback under the one-line reason."""
    log.warning(
        "ignored in %r: %r", unraisable.object, unraisable.exc_value, exc_info=unraisable.exc_value
    )


def _database_named(args: argparse.Namespace) -> str:
    """How the database was named, for a message (a server URL without its password)."""
    try:
        url = resolve_url(args.db)
        return (
            str(url.database)
            if url.get_backend_name() == "sqlite"
            else url.render_as_string(hide_password=True)
        )
    except Exception:
        return str(args.db or "")


def _error(message: str, status: int = EXIT_FAILURE) -> int:
    """The one-line reason on stderr, and the same line in the log; returns the exit status."""
    log.warning("failed (exit %d): %s", status, message)
    print(f"branchdesk: {message}", file=sys.stderr)
    return status


def environment_language() -> str:
    """The language the environment asks for, by POSIX precedence; Chinese when it says nothing English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return normalise_language(value)
    return normalise_language(None)


def _separator(language: str) -> str:
    return "; " if language == "en" else "；"


def _desk(args: argparse.Namespace, demo: bool = False):  # type: ignore[no-untyped-def]
    """The database, checked before anything opens it (damaged, foreign, copied without -wal …)."""
    from branchdesk.services import BranchDesk
    from branchdesk.storage.database import sqlite_path
    from branchdesk.storage.integrity import check_sqlite_file

    url = resolve_url(args.db, demo=demo)
    path = sqlite_path(url)
    if path is not None:
        # Every page (minutes at a million cases) for the commands that vouch for the data: ``check``,
        # ``audit verify``, ``backup``, ``archive``; the everyday ones check the file's shape.
        check_sqlite_file(path, thorough=getattr(args, "command", None) in THOROUGH_COMMANDS)
    return BranchDesk(Database(url))


#: The commands that read every page of a SQLite database before they start (``check_sqlite_file``).
THOROUGH_COMMANDS = frozenset({"check", "audit", "backup", "archive", "restore"})


def _sqlite_file(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from branchdesk.storage.database import sqlite_path

    path = sqlite_path(resolve_url(args.db))
    if path is None:
        raise BranchDeskError(Text("backup.sqlite_only"))
    return path


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} KB"


def _backup(args: argparse.Namespace, language: str) -> int:
    from datetime import datetime
    from pathlib import Path

    from branchdesk.storage.backup import MANUAL, make_backup, pg_dump
    from branchdesk.storage.database import sqlite_path

    url = resolve_url(args.db)
    target = Path(args.output).expanduser() if args.output else None
    started = time.perf_counter()
    path = sqlite_path(url)
    if path is None:
        now = datetime.now()
        dump = pg_dump(
            url.render_as_string(hide_password=False),
            target or Path(f"branchdesk-{now:%Y%m%d-%H%M%S}.dump"),
        )
        print(
            render(Text("backup.pg_done", {"path": str(dump), "size": _size(dump.stat().st_size)}), language)
        )
        return EXIT_OK
    desk = _current_desk(args)
    desk.db.dispose()
    info = make_backup(path, MANUAL, datetime.now(), target)
    seconds = f"{time.perf_counter() - started:.2f}"
    params = {"path": str(info.path), "size": _size(info.size), "cases": info.cases, "anchor": info.anchor}
    print(render(Text("backup.done", {**params, "seconds": seconds}), language))
    return EXIT_OK


def _backups(args: argparse.Namespace, language: str) -> int:
    from branchdesk.storage.backup import backups_folder, list_backups

    path = _sqlite_file(args)
    found = list_backups(path)
    if not found:
        print(render(Text("backup.none", {"folder": str(backups_folder(path))}), language))
        return EXIT_OK
    for info in found:
        row = {
            "created": info.created.isoformat(sep=" ", timespec="seconds"),
            "size": _size(info.size),
            "cases": info.cases,
            "anchor": info.anchor,
            "source": info.source,
            "path": str(info.path),
        }
        print(render(Text("backup.row", row), language))
    return EXIT_OK


def _restore(args: argparse.Namespace, language: str) -> int:
    from datetime import datetime
    from pathlib import Path

    from branchdesk.storage.backup import restore

    path = _sqlite_file(args)
    result = restore(path, Path(args.file).expanduser(), datetime.now())
    info = result.restored
    params = {
        "backup": str(info.path),
        "cases": info.cases,
        "anchor": info.anchor,
        "seconds": f"{result.seconds:.2f}",
        "previous": str(result.previous),
    }
    if result.previous is None:
        del params["previous"]
        print(render(Text("backup.restored_new", params), language))
    else:
        print(render(Text("backup.restored", params), language))
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    if args.preset:  # issue 13 "policy": an unknown preset is refused before any file is made
        from branchdesk.policy.presets import find

        if find(args.preset) is None:
            return _error(render(Text("policy.unknown_preset", {"name": args.preset}), "zh_CN"))
    desk = _desk(args, demo=args.demo)
    if desk.is_initialised():
        return _error(f"数据库已初始化：{desk.db.describe()}")
    if args.demo:
        from branchdesk.demo import build_demo

        started = time.perf_counter()
        summary = build_demo(desk, seed=args.seed, cases=args.cases)
        print(f"演示网点已建立：{desk.db.describe()}")
        print(f"案件 {summary.cases} 件，用时 {time.perf_counter() - started:.1f} 秒")
        print("演示用户（仅演示模式显示密码）：")
        print(render(Text("demo.cheap_hashes"), "zh_CN"))  # issue 16 "perf"
        for username, full_name, roles, password in summary.users:
            print(f"  {username:<10} {full_name:<6} {roles:<24} 密码 {password}")
        return EXIT_OK
    name = args.name or _ask("网点名称：")
    code = args.code or _ask("网点代码（如 BJ01）：")
    admin = args.admin or _ask("管理员用户名：")
    admin_name = args.admin_name or _ask("管理员姓名：")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        if not sys.stdin.isatty():
            return _error("无法交互输入密码：请在终端运行，或用 --password-stdin", EXIT_USAGE)
        password = getpass.getpass("管理员密码（至少 8 位）：")
        if getpass.getpass("再输入一次：") != password:
            return _error("两次输入的密码不一致")
    desk.initialise(
        name=name,
        code=code,
        admin_username=admin,
        admin_full_name=admin_name,
        admin_password=password,
        preset=args.preset,  # issue 13 "policy"
    )
    print(f"已初始化网点 {name}（{code.upper()}），管理员 {admin}。数据库：{desk.db.describe()}")
    if args.preset:
        print(f"策略：预设 {args.preset}")
    return EXIT_OK


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise BranchDeskError(f"缺少参数：{prompt.rstrip('：')}（非交互运行时请用选项给出）")
    return input(prompt).strip()


def _check(args: argparse.Namespace, language: str) -> int:
    from datetime import datetime

    from branchdesk.services.health import check_database

    url = resolve_url(args.db)
    db = Database(url)
    if db.path is not None and db.path.is_dir():
        return _error(render(Text("storage.is_directory", {"path": str(db.path)}), language))
    report = check_database(db, datetime.now())
    for fact in report.facts:
        print(render(fact, language))
    for warning in report.warnings:
        print(f"警告：{render(warning, language)}")
    if not report.ok:
        return _error(_separator(language).join(render(p, language) for p in report.problems))
    print("检查通过")
    return EXIT_OK


def _audit(args: argparse.Namespace, language: str) -> int:
    from branchdesk.services.audit import verify_audit

    desk = _current_desk(args)
    verdict, text = verify_audit(desk.db, args.anchor)
    if not verdict.ok:
        return _error(render(text, language))
    print(render(text, language))
    return EXIT_OK


def _current_desk(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The database, brought up to the current schema (with a backup first), as the app does at start."""
    desk = _desk(args)
    if not desk.is_initialised():
        raise BranchDeskError(Text("cli.not_initialised", {"database": desk.db.describe()}))
    desk.upgrade()
    return desk


def _named_user(args: argparse.Namespace, command: str, language: str) -> str | None:
    """The ``--user`` the command acts as; None (after one line on stderr) when it is missing."""
    username = (getattr(args, "user", None) or "").strip()
    if not username:
        _error(render(Text("cli.user_required", {"command": command}), language), EXIT_USAGE)
        return None
    return username


def _login(desk, args: argparse.Namespace, username: str, language: str):  # type: ignore[no-untyped-def]
    """Log ``username`` in as the app does (throttling, deactivated users refused); the work is theirs.

    None (after one line on stderr) when no password can be asked for.
    """
    if getattr(args, "password_stdin", False) or getattr(args, "user_password_stdin", False):
        password = sys.stdin.readline().rstrip("\n")
    else:
        if not sys.stdin.isatty():
            _error(render(Text("cli.password_tty"), language), EXIT_USAGE)
            return None
        prompt = f"Password for {username}: " if language == "en" else f"{username} 的密码："
        password = getpass.getpass(prompt)
    actor = desk.auth.login(username, password)
    log.info("acting as %s (user id %d)", actor.username, actor.user_id)
    return actor


def _acting(args: argparse.Namespace, command: str, language: str):  # type: ignore[no-untyped-def]
    """The database and the logged-in ``--user`` for ``command``; None when either step said why."""
    username = _named_user(args, command, language)
    if username is None:
        return None
    desk = _current_desk(args)
    actor = _login(desk, args, username, language)
    return None if actor is None else (desk, actor)


def _export(args: argparse.Namespace, language: str) -> int:
    from pathlib import Path

    from branchdesk.services.reports import parse_month

    acting = _acting(args, f"export {args.what}", language)
    if acting is None:
        return EXIT_USAGE
    desk, actor = acting
    if args.what == "monthly":
        year, month = parse_month(args.month)
        target = Path(args.output or f"客诉案件统计表-{year}-{month:02d}.xlsx")
        started = time.perf_counter()
        desk.reports.export_monthly(actor, year, month, target, by_field=args.by_field)
        print(f"已导出 {target}（{time.perf_counter() - started:.1f} 秒）")
        return EXIT_OK
    if args.what == "summary":  # issue 15 part S
        from branchdesk.domain.periods import parse_period

        period = parse_period(args.period)
        target = Path(args.output or f"客诉案件统计表-{period.key.replace('..', '_')}.xlsx")
        started = time.perf_counter()
        desk.reports.export_summary(actor, period, target, by_field=args.by_field)
        print(f"已导出 {target}（{time.perf_counter() - started:.1f} 秒）")
        return EXIT_OK
    if args.what == "ledger":
        start, end = _date(args.date_from, "from"), _date(args.date_to, "to")
        target = Path(args.output or f"投诉台帐-{start}-{end}.xlsx")
        started = time.perf_counter()
        rows = desk.reports.export_ledger(actor, start, end, target)
        print(f"已导出 {target}：{rows} 件（{time.perf_counter() - started:.1f} 秒）")
        return EXIT_OK
    return EXIT_USAGE


def _print(args: argparse.Namespace, language: str) -> int:
    from pathlib import Path

    try:
        offset = tuple(float(v) for v in args.offset.split(","))
        copies = [int(v) for v in args.copies.split(",")] if args.copies else None
    except ValueError:
        return _error("--offset 写作 X,Y（毫米），--copies 写作 1,3", EXIT_USAGE)
    if len(offset) != 2:
        return _error("--offset 写作 X,Y（毫米）", EXIT_USAGE)
    if args.calibration:  # a grid with rulers: no case, nothing logged, no user needed
        desk = _current_desk(args)
        target = Path(args.output or "套打校准页.pdf")
        target.write_bytes(desk.printing.calibration((offset[0], offset[1])))
        print(f"已输出 {target}")
        return EXIT_OK
    acting = _acting(args, "print", language)
    if acting is None:
        return EXIT_USAGE
    desk, actor = acting
    target = Path(args.output or f"{args.case_no}-{args.form}.pdf")
    started = time.perf_counter()
    desk.printing.render(
        actor,
        args.case_no,
        args.form,
        mode=args.mode,
        copies=copies,
        offset_mm=(offset[0], offset[1]),
        output=target,
        record_id=args.record,
    )
    print(f"已输出 {target}（{time.perf_counter() - started:.2f} 秒）")
    return EXIT_OK


def _import(args: argparse.Namespace, language: str) -> int:
    from pathlib import Path

    username = _named_user(args, f"import {args.what}", language)
    if username is None:
        return EXIT_USAGE
    desk = _current_desk(args)
    path = Path(args.file)
    if not path.exists():
        return _error(f"文件不存在：{path}")
    actor = _login(desk, args, username, language)
    if actor is None:
        return EXIT_USAGE
    report = desk.ledger_import.import_ledger(
        actor, path, sheet=args.sheet, dry_run=args.dry_run, skip_invalid=args.skip_invalid
    )
    print(f"工作表：{report.sheet}，标题行：第 {report.header_row} 行")
    columns = [f"{label(Label('LedgerColumn', name))}←{heading}" for name, heading in report.mapping.items()]
    print("列对应：" + "，".join(columns))
    for outcome in report.outcomes:
        line = f"第 {outcome.row} 行：{label(Label('ImportOutcome', outcome.action))}"
        if outcome.case_no:
            line += f" {outcome.case_no}"
        for problem in outcome.problems:
            line += f"；{problem.column}：{problem.message}"
        print(line)
    if report.skipped_blank or report.skipped_total:
        print(f"跳过空行 {report.skipped_blank} 行，合计行 {len(report.skipped_total)} 行")
    bad = len({p.row for p in report.problems})
    summary = f"可导入 {report.imported} 件，已导入过 {report.duplicates} 件，有问题 {bad} 行"
    if report.dry_run:
        print(f"试运行：{summary}（未写入数据库）")
        return EXIT_OK if not bad else EXIT_FAILURE
    if not report.committed:
        return _error(f"有 {bad} 行有问题，未导入任何案件（修正后重试，或加 --skip-invalid）")
    print(f"已导入：{summary}")
    return EXIT_OK


def _date(text: str, field: str):  # type: ignore[no-untyped-def]
    from datetime import date

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FieldError({field: Text("cli.date_format", {"text": text})}) from None


# --- issue 12, calendar: branchdesk calendar import-notice FILE / calendar list YYYY -----------------

_WEEKDAYS = "一二三四五六日"
_SOURCES = {"override": "人工设定", "official": "官方日历", "weekday": "按周一至周五推定，未确认"}
_MAX_NOTICE_BYTES = 1_000_000  # far above any notice: a bigger file is not one, and is not read whole


def _calendar(args: argparse.Namespace, language: str) -> int:
    username = _named_user(args, f"calendar {args.what}", language)
    if username is None:
        return EXIT_USAGE
    text = _notice_text(args.file) if args.what == "import-notice" else ""
    desk = _current_desk(args)
    actor = _login(desk, args, username, language)
    if actor is None:
        return EXIT_USAGE
    if args.what == "list":
        for day in desk.calendar.list_days(actor, args.year):
            name = day.name if isinstance(day.name, str) else label(day.name, language)
            kind = "班" if day.working else "休"
            print(f"{day.day.isoformat()} 周{_WEEKDAYS[day.day.weekday()]} {kind} {name}")
        return EXIT_OK
    started = time.perf_counter()
    preview = desk.calendar.preview_notice(actor, text, args.year)
    rest = sum(not d.working for d in preview.days)
    work = len(preview.days) - rest
    print(
        f"{preview.year} 年节假日安排通知：共 {len(preview.days)} 天（休 {rest} 天，班 {work} 天），"
        f"与当前日历不同 {len(preview.changes)} 天（{time.perf_counter() - started:.2f} 秒）"
    )
    for change in preview.changes:
        print(
            f"{change.day.isoformat()} 周{_WEEKDAYS[change.day.weekday()]} "
            f"现在 {'班' if change.current_working else '休'}（{_SOURCES[change.current_source]}）"
            f" → 通知 {'班' if change.new_working else '休'} {change.name}"
        )
    if args.dry_run:
        print("试运行：未写入数据库")
        return EXIT_OK
    if not args.yes:
        question = f"写入通知的 {len(preview.days)} 天并确认 {preview.year} 年法定节假日已录入？[y/N] "
        answer = _ask_yes_no(question)
        if answer not in ("y", "yes", "是"):
            print("未写入")
            return EXIT_OK
    result = desk.calendar.apply_notice(actor, text, args.year)
    confirmed = f"，已确认 {result.year} 年" if result.newly_confirmed else f"，{result.year} 年此前已确认"
    print(f"已写入 {result.written} 天{confirmed}")
    return EXIT_OK


def _ask_yes_no(prompt: str) -> str:
    """The answer to a yes/no question; an ended input (a pipe with no more lines) is no."""
    print(prompt, end="", flush=True)
    line = sys.stdin.readline()
    if not sys.stdin.isatty():  # a piped answer is not echoed: end the prompt's line ourselves
        print()
    return line.strip().lower()


def _notice_text(file: str) -> str:
    """The notice's text: UTF-8 (with or without BOM) or GB18030 (Chinese Windows' Notepad); else one line."""
    from pathlib import Path

    path = Path(file)
    if not path.is_file():
        raise BranchDeskError(Text("notice.file_missing", {"file": file}))
    if path.stat().st_size > _MAX_NOTICE_BYTES:
        from branchdesk.domain.holiday_notice import MAX_NOTICE_CHARS

        raise BranchDeskError(Text("notice.too_long", {"limit": MAX_NOTICE_CHARS}))
    from branchdesk.domain.holiday_notice import decode_notice

    text = decode_notice(path.read_bytes())
    if text is None:
        raise BranchDeskError(Text("notice.file_encoding", {"file": file}))
    return text


# --- end of issue 12, calendar --------------------------------------------------------------------


# --- issue 13 "policy": policy files and presets ------------------------------------------------
def _policy(args: argparse.Namespace, language: str) -> int:
    from pathlib import Path

    from branchdesk.policy.presets import list_presets
    from branchdesk.services.policy import PolicyError, read_source

    if args.what == "presets":
        for preset in list_presets():
            print(f"{preset.name:<12} {preset.title:<6} {preset.description}（来源：{preset.source}）")
        return EXIT_OK
    username = _named_user(args, f"policy {args.what}", language)
    if username is None:
        return EXIT_USAGE
    text = read_source(args.file) if args.what == "import" else ""
    desk = _current_desk(args)
    actor = _login(desk, args, username, language)
    if actor is None:
        return EXIT_USAGE
    if args.what == "export":
        started = time.perf_counter()
        output = Path(args.output)
        output.write_text(desk.policy.export(actor, with_calendar=args.with_calendar), encoding="utf-8")
        print(f"已导出策略：{output}（{time.perf_counter() - started:.2f} 秒）")
        return EXIT_OK
    preview = desk.policy.preview(actor, text)
    if preview.problems:
        for problem in preview.problems:
            print(render(problem, language), file=sys.stderr)
        return _error(render(PolicyError(preview.problems).text, language))
    if not preview.changes:
        print(render(Text("policy.no_changes"), language))
        return EXIT_OK
    for change in preview.changes:
        print(render(change.text(), language))
    if args.dry_run:
        print(f"试运行：{len(preview.changes)} 处改动，未写入数据库")
        return EXIT_OK
    question = f"写入以上 {len(preview.changes)} 处改动？[y/N] "
    if not args.yes and _ask_yes_no(question) not in ("y", "yes", "是"):
        print("未写入")
        return EXIT_OK
    result = desk.policy.apply(actor, text)
    backup = f"，写入前已备份：{result.backup}" if result.backup else "（服务器数据库：请以 pg_dump 备份）"
    print(f"已导入策略：{len(result.changes)} 处改动（{result.seconds:.2f} 秒）{backup}")
    return EXIT_OK


# --- end of issue 13 "policy" ---------------------------------------------------------------------


def _archive(args: argparse.Namespace, language: str) -> int:
    """``archive YEAR -o DIR`` (as ``--user``, the CR manager) and ``archive verify DIR`` (files only:
    one line per changed, missing or extra file, then the verdict; exit 1 when anything differs)."""
    from pathlib import Path

    from branchdesk.reports.archive import check_folder

    if args.year == "verify":
        if not args.folder:
            return _error(render(Text("archive.usage"), language), EXIT_USAGE)
        desk = _archive_desk(args)  # with the database the manifest is also compared with the one recorded
        folder = Path(args.folder)
        check = desk.archive.verify(folder) if desk is not None else check_folder(folder)
        for problem in check.problems:
            print(render(problem.text(), language))
        if not check.ok:
            return _error(render(check.summary(), language))
        print(render(check.summary(), language))
        return EXIT_OK
    if not args.year.isdigit() or args.folder or not args.output:
        return _error(render(Text("archive.usage"), language), EXIT_USAGE)
    acting = _acting(args, "archive", language)
    if acting is None:
        return EXIT_USAGE
    desk, actor = acting
    started = time.perf_counter()
    result = desk.archive.write(actor, int(args.year), Path(args.output))
    print(f"{render(result.text(), language)}（{time.perf_counter() - started:.1f} 秒）")
    print(str(result.folder))
    return EXIT_OK


def _archive_desk(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The branch's database when there is one to ask (never creating a file); None: check files only."""
    from branchdesk.storage.database import sqlite_path

    path = sqlite_path(resolve_url(args.db))
    if path is not None and not path.is_file():
        return None
    try:
        return _current_desk(args)
    except BranchDeskError:
        return None


def _retention(args: argparse.Namespace, language: str) -> int:
    """Issue 15 part R: ``retention …`` and ``personal-data …`` as the logged-in ``--user``."""
    from branchdesk.cli_retention import run

    return _run_acting(args, language, run)


def _reports(args: argparse.Namespace, language: str) -> int:
    """Issue 15 part M: ``reports due`` as the logged-in ``--user``."""
    from branchdesk.cli_reports import run

    return _run_acting(args, language, run)


def _run_acting(
    args: argparse.Namespace,
    language: str,
    run: Callable[[argparse.Namespace, str, Any, Any], int],
) -> int:
    """A command module's ``run`` for ``<command> <what>`` as the logged-in ``--user``."""
    acting = _acting(args, f"{args.command} {args.what}", language)
    if acting is None:
        return EXIT_USAGE
    desk, actor = acting
    return run(args, language, desk, actor)


def _app(args: argparse.Namespace) -> int:
    demo = bool(getattr(args, "demo", False))
    if not _has_display():
        return _error(
            "没有图形显示（DISPLAY/WAYLAND_DISPLAY 未设置），无法启动桌面程序；"
            "可用 QT_QPA_PLATFORM=offscreen 做无界面测试"
        )
    # The core does not know the Qt front end: it finds it through the entry point ui/ registers.
    from importlib.metadata import entry_points

    front_ends = list(entry_points(group="branchdesk.gui"))
    if not front_ends:
        return _error("桌面程序未安装（缺少 branchdesk.gui 入口），请重新安装：pip install -e .")
    run = front_ends[0].load()
    language = getattr(args, "lang", None)
    if language:
        return int(run(args.db, demo=demo, language=language))
    return int(run(args.db, demo=demo))


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


if __name__ == "__main__":
    raise SystemExit(main())
