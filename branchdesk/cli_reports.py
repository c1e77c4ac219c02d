"""``branchdesk reports due`` (issue 15 part M): the reports the logged-in ``--user`` owes, one line each
(state, name, period key, period, due date), overdue first; exit 0 whether or not any is due."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from branchdesk.errors import FieldError
from branchdesk.i18n import Text, render

EXIT_OK = 0


def add_parsers(sub: Any, user_options: Callable[..., None]) -> None:
    reports = sub.add_parser("reports", help="应交报表：本人负责、已到期或已逾期而尚未制作的报表")
    what = reports.add_subparsers(dest="what", metavar="due", required=True)
    due = what.add_parser("due", help="列出待交与已逾期的报表（每行一项）")
    due.add_argument("--date", metavar="YYYY-MM-DD", help="按这一天计算（默认今天）")
    user_options(due, here=True)


def run(args: argparse.Namespace, language: str, desk: Any, actor: Any) -> int:
    day = None
    if args.date:
        try:
            day = date.fromisoformat(args.date)
        except ValueError:
            raise FieldError({"date": Text("field.format", {"field": "--date"})}) from None
    for item in desk.report_duties.owed(actor, day):
        state = render(Text("duty.state_overdue" if item.overdue else "duty.state_due"), language)
        period = render(item.period, language)
        print(f"{state}\t{item.label}\t{item.period_key}\t{period}\t{item.due.isoformat()}")
    return EXIT_OK
