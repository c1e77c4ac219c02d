"""``branchdesk retention list|propose|approve|run|hold``, ``branchdesk personal-data find|export|anonymise``
(issue 15 part R). Failures are one line and a non-zero exit, like every command (``cli.main`` turns a
``BranchDeskError`` into its line)."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from branchdesk.i18n import Label, Text, label, render

EXIT_OK = 0
EXIT_USAGE = 2


def add_parsers(sub: Any, user_options: Callable[..., None]) -> None:
    ret = sub.add_parser("retention", help="保存期限：到期待匿名化的案件、批准、执行、法律保留")
    what = ret.add_subparsers(dest="what", metavar="list|propose|approve|run|hold", required=True)
    listing = what.add_parser("list", help="列出保存期限已满的已结案案件与匿名化批次")
    listing.add_argument("--limit", type=int, default=200, help="最多列出多少件（默认 200）")
    user_options(listing, here=True)
    propose = what.add_parser("propose", help="提出匿名化批次（案件编号，或 --all 全部到期案件）")
    propose.add_argument("cases", nargs="*", metavar="CASE_NO", help="案件编号")
    propose.add_argument("--all", action="store_true", help="全部到期且未处于法律保留的案件")
    propose.add_argument("--reason", required=True, help="理由")
    user_options(propose, here=True)
    approve = what.add_parser("approve", help="总经理批准（或 --reject 不批准）匿名化批次")
    approve.add_argument("batch", type=int, metavar="BATCH", help="批次号")
    approve.add_argument("--reject", action="store_true", help="不批准")
    approve.add_argument("--note", default="", help="意见（不批准时必填）")
    user_options(approve, here=True)
    run = what.add_parser("run", help="执行已批准的批次（分小批写入，显示进度）")
    run.add_argument("batch", type=int, metavar="BATCH", help="批次号")
    user_options(run, here=True)
    hold = what.add_parser("hold", help="设置或解除（--clear）案件的法律保留")
    hold.add_argument("case", metavar="CASE_NO", help="案件编号")
    hold.add_argument("--clear", action="store_true", help="解除")
    hold.add_argument("--reason", required=True, help="理由")
    user_options(hold, here=True)

    pd = sub.add_parser("personal-data", help="个人信息请求：查找、导出、按请求匿名化")
    pd_what = pd.add_subparsers(dest="what", metavar="find|export|anonymise", required=True)
    find = pd_what.add_parser("find", help="按电话（任何写法）或姓名查找该客户的全部案件")
    find.add_argument("subject", metavar="PHONE|NAME")
    user_options(find, here=True)
    export = pd_what.add_parser("export", help="把该客户的全部信息导出为 Excel（只含其本人的案件）")
    export.add_argument("subject", metavar="PHONE|NAME")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="写入的文件")
    # issue 15 part N: the attachments' files too, in FILE.zip beside the workbook
    export.add_argument("--with-files", action="store_true", help="附件文件一并导出到同名 .zip")
    user_options(export, here=True)
    anonymise = pd_what.add_parser(
        "anonymise", help="按客户请求提出匿名化（由总经理以 retention approve 批准）"
    )
    anonymise.add_argument("subject", metavar="PHONE|NAME")
    anonymise.add_argument("--reason", required=True, help="理由（如：本人书面申请）")
    user_options(anonymise, here=True)


def run(args: argparse.Namespace, language: str, desk: Any, actor: Any) -> int:
    """The command, for ``actor`` logged in on ``desk`` (``cli.main`` did both)."""
    service = desk.retention
    if args.command == "retention":
        if args.what == "list":
            queue = service.queue(actor, args.limit)
            for c in queue.candidates:
                held = Text("anonymise.on_hold", {"case_no": "", "reason": c.hold_reason})
                hold = f"  {render(held, language)}"
                batch = f"  #{c.in_batch}" if c.in_batch else ""
                print(
                    f"{c.case_no}  {c.closed_at:%Y-%m-%d}  {c.years}  {c.due_at:%Y-%m-%d}  {c.category}"
                    f"{hold if c.legal_hold else ''}{batch}"
                )
            print(f"{len(queue.candidates)}{'+' if queue.more else ''}")
            for b in queue.batches:
                status = label(Label("BatchStatus", b.status), language)
                purpose = label(Label("AnonymisePurpose", b.purpose), language)
                print(f"#{b.id}  {purpose}  {status}  {b.done_count}/{b.count}  {b.proposed_by}  {b.reason}")
            return EXIT_OK
        if args.what == "propose":
            cases: list[int | str] = list(args.cases)
            if args.all:
                cases = [
                    c.case_id
                    for c in service.queue(actor, 5000).candidates
                    if not c.legal_hold and not c.in_batch
                ]
            batch = service.propose(actor, cases, args.reason)
            print(f"#{batch}  {len(cases)}")
            return EXIT_OK
        if args.what == "approve":
            row = service.batch(actor, args.batch)
            service.decide(actor, args.batch, row.version, not args.reject, args.note)
            decision = Text("anonymise.rejected" if args.reject else "anonymise.approved")
            print(f"#{args.batch}  {render(decision, language)}")
            return EXIT_OK
        if args.what == "run":
            started = time.perf_counter()

            def progress(done: int, total: int) -> bool:
                print(f"{done}/{total}", flush=True)
                return True

            result = service.run(actor, args.batch, progress)
            skipped = f"  skipped: {' '.join(result.skipped)}" if result.skipped else ""
            print(f"#{result.batch_id}  {result.done}  ({time.perf_counter() - started:.1f} s){skipped}")
            return EXIT_OK
        if args.what == "hold":
            from branchdesk.services.dto import CaseVersion

            view = desk.queries.case_detail(actor, args.case)
            service.set_legal_hold(actor, CaseVersion(view.id, view.version), not args.clear, args.reason)
            print(args.case)
            return EXIT_OK
        return EXIT_USAGE
    if args.what == "find":
        data = service.find(actor, args.subject)
        for c in data.cases:
            state = label(Label("Status", c.status), language)
            flags = " ".join(
                f for f, on in (("open", c.open), ("hold", c.legal_hold), ("anonymised", c.anonymised)) if on
            )
            print(f"{c.case_no}  {c.received_at:%Y-%m-%d}  {state}  {c.complainant_name}  {c.phone}  {flags}")
        print(len(data.cases))
        return EXIT_OK
    if args.what == "export":
        count = service.export(actor, args.subject, Path(args.output), files=args.with_files)
        print(f"{args.output}  {count}")
        return EXIT_OK
    if args.what == "anonymise":
        batch = service.request_anonymisation(actor, args.subject, args.reason)
        print(f"#{batch}")
        return EXIT_OK
    return EXIT_USAGE
