"""``branchdesk init --demo``: a realistic branch to try the app on, built through the real services.

Every demo case goes through the same service calls a person would make, at
the times it would make them (the demo drives the clock), so the demo data
obeys every rule: numbering, deadlines, approvals, escalations, timeline.
Deterministic for a given seed and end date.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event, select

from branchdesk.domain.approvals import frozen_chain, next_level
from branchdesk.domain.intake import IntakeForm
from branchdesk.domain.vocab import Decision, LinkKind, Role, Status
from branchdesk.services.app import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import (
    ExtensionInput,
    FollowUpInput,
    InvestigationInput,
    ReplyInput,
    ResolutionInput,
    TriageInput,
)
from branchdesk.storage.models import Approval, Case, Resolution

DEMO_PASSWORD = "demo1234"

#: username, full name, department code, roles
DEMO_STAFF: list[tuple[str, str, str, tuple[Role, ...]]] = [
    ("kefu1", "王晓红", "CS", (Role.CLERK,)),
    ("kefu2", "李娜", "CS", (Role.CLERK,)),
    ("crm", "陈静", "CS", (Role.CR_MANAGER,)),
    ("zhangwei", "张伟", "QA", (Role.HANDLER,)),
    ("liuyang", "刘洋", "SALES", (Role.HANDLER,)),
    ("huangtao", "黄涛", "LOG", (Role.HANDLER,)),
    ("qa_mgr", "赵强", "QA", (Role.DEPT_MANAGER,)),
    ("sales_mgr", "孙丽", "SALES", (Role.DEPT_MANAGER,)),
    ("log_mgr", "马军", "LOG", (Role.DEPT_MANAGER,)),
    ("fuzong", "周建国", "GMO", (Role.DEPUTY_GM,)),
    ("fuzong2", "吴敏", "GMO", (Role.DEPUTY_GM,)),
    ("zongjingli", "郑海峰", "GMO", (Role.GM,)),
]

SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林郑梁谢唐许冯宋韩邓彭曹曾田萧潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文"  # noqa: E501
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "晓东",
    "海燕",
    "志强",
    "春梅",
    "国庆",
    "红梅",
]
COMPANIES = [
    "",
    "",
    "",
    "浦东新区宏达五金店",
    "杭州瑞丰贸易有限公司",
    "苏州工业园区恒信电子",
    "南京鼎盛建材",
    "宁波港联物流",
    "无锡华光机械厂",
    "上海徐汇区美佳超市",
    "合肥天成汽配",
]
PRODUCTS = [
    ("不锈钢保温杯", "BW-500", "件"),
    ("电动自行车充电器", "CD-48V", "台"),
    ("空气净化器滤网", "LW-300", "片"),
    ("汽车刹车片", "SC-2281", "套"),
    ("办公椅", "BG-120", "把"),
    ("LED 面板灯", "MB-600", "盏"),
    ("家用净水器", "JS-75G", "台"),
    ("冷链配送服务", "", ""),
    ("快递到门服务", "", ""),
]
CONTENT = {
    "quality": [
        "收到的{p}使用不到一周就出现故障，{detail}，要求给个说法。",
        "批次 {lot} 的{p}有{n}件外观不良，{detail}，客户加工中未确定总量。",
        "{p}说明书与实物不符，{detail}，担心存在安全隐患。",
    ],
    "service": [
        "营业厅工作人员态度生硬，{detail}，客户很不满意。",
        "打了三次客服电话都没人给出明确答复，{detail}。",
        "上门维修人员迟到两个小时且未提前通知，{detail}。",
    ],
    "business": [
        "订单 {order} 的货物到货时外包装破损，{detail}，要求赔偿。",
        "发货数量比订单少了{n}件，{detail}，请尽快补发。",
        "承诺三天送达，结果拖了一周，{detail}，耽误了客户的工期。",
        "发票金额与合同价格不一致，{detail}，要求更正。",
    ],
    "other": ["对门店周边停车秩序有意见，{detail}。"],
}
DETAILS = [
    "客户情绪比较激动",
    "已拍照留存",
    "客户表示如不处理将向消费者协会反映",
    "客户希望今天内回电",
    "这是客户第一次反映",
    "客户提供了收货单据",
    "客户要求主管出面解释",
    "客户表示理解但希望尽快解决",
]
CONSULTATIONS = [
    "咨询{p}的保修期限和保修范围。",
    "询问订单 {order} 的发货进度。",
    "咨询企业客户开具增值税专用发票的流程。",
    "询问门店春节期间的营业时间。",
]
SUGGESTIONS = ["建议增加周末的上门服务时段。", "建议在微信公众号上提供订单查询功能。"]
PRAISES = ["表扬配送员{name}服务热情周到，雨天把货送到了楼上。", "感谢客服耐心解答，问题一次就解决了。"]


@dataclass
class DemoSummary:
    cases: int = 0
    users: list[tuple[str, str, str, str]] = field(default_factory=list)


class _DemoClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def build_demo(
    desk: BranchDesk, *, seed: int = 20261124, cases: int = 300, end: datetime | None = None
) -> DemoSummary:
    with _unsynced(desk):
        return _build_demo(desk, seed=seed, cases=cases, end=end)


@contextmanager
def _unsynced(desk: BranchDesk) -> Iterator[None]:
    """SQLite without an fsync at each of the build's ~2,900 commits (issue 16 "perf").

    A demo branch is rebuilt, not recovered: if the machine fails mid-build, ``init --demo`` runs
    again. WAL keeps each transaction atomic; only the flush to disk is left to the OS. The pool is
    emptied before and after, so the build's connections get the setting and later ones do not.
    """
    engine = desk.db.engine
    if engine.dialect.name != "sqlite":
        yield
        return

    def relax(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous = OFF")

    engine.dispose()
    event.listen(engine, "connect", relax)
    try:
        yield
    finally:
        event.remove(engine, "connect", relax)
        engine.dispose()


def _build_demo(desk: BranchDesk, *, seed: int, cases: int, end: datetime | None) -> DemoSummary:
    end = (end or desk.clock()).replace(microsecond=0)
    start = end - timedelta(days=91)
    clock = _DemoClock(start - timedelta(days=1))
    demo = BranchDesk(desk.db, clock)
    admin_id = demo.initialise(
        name="演示网点（上海浦东）",
        code="SH01",
        admin_username="admin",
        admin_full_name="系统管理员",
        admin_password=DEMO_PASSWORD,
        demo=True,
    )
    summary = DemoSummary()
    summary.users.append(("admin", "系统管理员", Role.ADMIN.label, DEMO_PASSWORD))
    admin = Actor(user_id=admin_id, username="admin")
    ids: dict[str, int] = {}
    for username, full_name, dept, roles in DEMO_STAFF:
        ids[username] = demo.admin.create_user(
            admin,
            username=username,
            full_name=full_name,
            department_code=dept,
            roles=roles,
            password=DEMO_PASSWORD,
        )
        summary.users.append((username, full_name, "、".join(r.label for r in roles), DEMO_PASSWORD))
    people = {p.id: p for p in demo.queries.lookups(admin).people}
    staff = {
        username: Actor(
            user_id=user_id,
            username=username,
            full_name=people[user_id].name,
            roles=frozenset(Role(r) for r in people[user_id].roles),
            department_id=people[user_id].department_id,
        )
        for username, user_id in ids.items()
    }
    departments = {code: dept_id for dept_id, code, _name, _active in demo.admin.snapshot(admin).departments}
    builder = _Builder(demo, clock, random.Random(seed), staff, departments, end)
    moments = sorted(
        _office_time(
            start + timedelta(seconds=builder.rng.randint(0, int((end - start).total_seconds()))), builder.rng
        )
        for _ in range(cases)
    )
    for moment in moments:
        builder.one_case(moment)
    # --- issue 14 part A: two cases in handling asked for other departments' opinions (会签); on the
    # first, one department has answered and the other still owes its opinion
    from branchdesk.read.queue import QueueFilter
    from branchdesk.services.opinions import OpinionSeen

    managers = {"QA": "qa_mgr", "SALES": "sales_mgr", "LOG": "log_mgr"}
    in_handling = demo.queries.queue_page(staff["crm"], QueueFilter(statuses=[Status.IN_PROGRESS.value])).rows
    for row in in_handling[:2]:
        own = demo.queries.case_detail(staff["crm"], row.id).department
        codes = [code for code in managers if own is None or departments[code] != own.id][:2]
        asked = [departments[c] for c in codes]
        demo.opinions.ask(staff["crm"], row.id, asked, "请就责任划分与改进措施给出意见")
        if row is in_handling[0]:  # answered at once (the demo's clock stands still here)
            ask = demo.queries.case_detail(staff["crm"], row.id).opinions[0]
            opinion = "经核查，我部门流程无误；建议加强出库复核。"
            demo.opinions.give(staff[managers[codes[0]]], OpinionSeen(ask.id, ask.version), opinion, 20)
    _demo_capa(demo, clock, staff, departments, end)  # issue 14 part B
    clock.now = end
    _notes_and_returning(demo, staff, end)  # issue 14 part D
    demo.cases.sweep()
    _demo_rewards(demo, staff)  # issue 14 part C
    summary.cases = builder.count
    return summary


# --- issue 14 part B: a few corrective/preventive actions (verified, not effective and reopened, overdue)


def _demo_capa(
    demo: BranchDesk, clock: _DemoClock, staff: dict[str, Actor], departments: dict[str, int], end: datetime
) -> None:
    """Eight items on the latest investigated cases: the CAPA list and the tile have something to show."""
    from branchdesk.errors import BranchDeskError
    from branchdesk.storage.models import Investigation

    with demo.db.read() as session:
        case_ids = session.scalars(
            select(Investigation.case_id).order_by(Investigation.recorded_at.desc()).limit(8)
        ).all()
    crm, plan = staff["crm"], [
        ("zhangwei", "QA", "corrective", "对装卸人员进行包装与搬运规范培训，并抽查执行情况", "verified"),
        ("liuyang", "SALES", "preventive", "发货前增加外箱抗压复检环节", "not_effective"),
        ("huangtao", "LOG", "corrective", "更换承运商前对其装卸流程进行审核", "done"),
        ("zhangwei", "QA", "preventive", "修订来料检验规范，增加划伤项目", "open"),
        ("liuyang", "SALES", "corrective", "业务员答复客户的时限纳入考核", "verified"),
        ("huangtao", "LOG", "preventive", "仓库增设易碎品专用货架", "open"),
        ("zhangwei", "QA", "corrective", "对同批次库存产品全数复检", "done"),
        ("liuyang", "SALES", "preventive", "更新对客户的退换货说明", "open"),
    ]
    for index, (case_id, item) in enumerate(zip(case_ids, plan, strict=False)):
        owner, dept, kind, description, state = item
        clock.now = (end - timedelta(days=40 - 4 * index)).replace(hour=10, minute=0, second=0)
        try:
            item_id = demo.capa.add(
                crm,
                case_id,
                kind=kind,
                description=description,
                owner_id=staff[owner].user_id,
                department_id=departments[dept],
                due_date=clock.now.date() + timedelta(days=14),
            )
        except BranchDeskError:  # a case the demo left where no item is added (e.g. voided)
            continue
        version = 1
        if state == "open":
            continue
        clock.now += timedelta(days=10)
        version = demo.capa.mark_done(staff[owner], item_id, version, "已按要求完成")
        if state == "done":
            continue
        clock.now += timedelta(days=2)
        effective = state == "verified"
        evidence = "现场抽查，执行到位" if effective else "抽查发现仍有违规操作"
        version = demo.capa.verify(
            crm, item_id, version, effective=effective, evidence=evidence, check_date=clock.now.date()
        )
        if not effective:
            demo.capa.reopen(crm, item_id, version, clock.now.date() + timedelta(days=7), "重新培训并考核")
# --- issue 14 part C: a few rewards and penalties on closed complaints (the screenshots show them) ---
def _demo_rewards(demo: BranchDesk, staff: dict[str, Actor]) -> None:
    """On the first closed complaints handled in QA: a penalty approved by the QA manager and the GM, a
    reward waiting for the GM. Three records: ``init --demo`` stays fast."""
    from branchdesk.domain.vocab import Decision
    from branchdesk.read.queue import QueueFilter
    from branchdesk.services.dto import CaseVersion
    from branchdesk.services.rewards import RewardProposal

    crm = staff["crm"]
    rows = demo.queries.queue_page(crm, QueueFilter(statuses=["closed"]), limit=60).rows
    handled = []
    for row in rows:
        detail = demo.queries.case_detail(crm, row.id)
        if detail.handler_id == staff["zhangwei"].user_id and detail.intake.kind.value == "complaint":
            handled.append(detail)
        if len(handled) == 2:
            break
    plans = [
        ("P2", 20_000, "接待客户态度冷淡，与客户发生争执（回访核实）", ("qa_mgr", "zongjingli")),
        ("R1", 30_000, "主动联系客户、当日解决，客户来电表扬", ("qa_mgr",)),
        ("P1", 5_000, "未按时首次联系客户", ()),
    ]
    for detail, (code, amount, reason, signers) in zip([*handled, *handled[:1]], plans, strict=False):
        seen = demo.queries.case_detail(crm, detail.id).version
        _ref, record_id = demo.rewards.propose(
            crm,
            CaseVersion(detail.id, seen),
            RewardProposal(code, amount, reason, subject_user_id=staff["zhangwei"].user_id),
        )
        for username in signers:
            version = demo.rewards.get(staff[username], record_id).version
            demo.rewards.decide(staff[username], record_id, version, Decision.APPROVE, DEMO_PASSWORD)
# --- issue 15 part R: consultations answered three years ago, past the retention period (one on hold) ---
_OLD_CALLERS = (("林美玲", "139 1870 2231"), ("郭志强", "021-5088 7712"), ("何静", "138 1620 9904"))


def old_closed_cases(desk: BranchDesk, end: datetime) -> int:
    """A few answered consultations from three years before ``end`` (one on legal hold): the retention
    queue has work to show (tools/screenshots.py). Not part of ``build_demo``: ``init --demo --cases N``
    makes exactly N cases of the last three months."""
    from branchdesk.services.dto import CaseVersion

    clock = _DemoClock((end - timedelta(days=3 * 365 + 40)).replace(hour=10, minute=0))
    demo = BranchDesk(desk.db, clock)
    staff = {name: demo.auth.login(name, DEMO_PASSWORD) for name in ("kefu1", "crm")}
    refs = []
    for name, phone in _OLD_CALLERS:
        form = IntakeForm(
            received_at=clock.now,
            channel="phone",
            kind="consultation",
            complainant_name=name,
            complainant_title="ms" if name in ("林美玲", "何静") else "mr",
            phone=phone,
            content=f"{name}来电咨询保温杯的保修期。",
            request_type="explanation",
        )
        ref = demo.intake.register(staff["kefu1"], form)
        answer = ReplyInput("phone", "保修一年，已告知。", True)
        refs.append(demo.cases.answer(staff["kefu1"], ref.id, answer))
        clock.now += timedelta(days=11)
    last = refs[-1]
    held = CaseVersion(last.id, last.version)
    demo.retention.set_legal_hold(staff["crm"], held, True, "客户已起诉，诉讼未结")
    return len(refs)


def _office_time(moment: datetime, rng: random.Random) -> datetime:
    hour = rng.choice([8, 9, 9, 10, 10, 11, 13, 14, 14, 15, 16, 17, 19])
    return moment.replace(hour=hour, minute=rng.randint(0, 59), second=0)


@dataclass(frozen=True)
class _Peek:
    """What the demo's next step depends on: status, major, deadline, the pending chain's state."""

    status: Status
    is_major: bool
    deadline: datetime | None
    next_level: Role | None  # the step that signs next, while a resolution is pending
    signed_by: tuple[str, ...]  # printed names on the latest resolution's signatures


class _Builder:
    def __init__(
        self,
        desk: BranchDesk,
        clock: _DemoClock,
        rng: random.Random,
        staff: dict[str, Actor],
        departments: dict[str, int],
        end: datetime,
    ) -> None:
        self.desk, self.clock, self.rng, self.staff = desk, clock, rng, staff
        self.departments, self.end = departments, end
        self.count = 0
        self.pace = 1.0
        self.customers: list[tuple[str, str, str, str]] = []  # name, title, phone, company
        self.recent_orders: list[tuple[str, str, datetime]] = []  # phone, order, when

    def _customer(self) -> tuple[str, str, str, str]:
        if self.customers and self.rng.random() < 0.18:
            return self.rng.choice(self.customers)
        surname = self.rng.choice(SURNAMES)
        title = self.rng.choice(["mr", "ms"])
        name = surname + self.rng.choice(GIVEN)
        phone = (
            "1"
            + self.rng.choice(["38", "39", "58", "59", "86", "87", "35", "50"])
            + f"{self.rng.randint(0, 99999999):08d}"
        )
        customer = (name, title, phone, self.rng.choice(COMPANIES))
        self.customers.append(customer)
        return customer

    def _peek(self, case_id: int) -> _Peek:
        """The few facts the demo decides on, read from the tables (issue 16 "perf": the full case
        view for each of ~600 such decisions was a quarter of the build's time)."""
        with self.desk.db.read() as session:
            case = session.get(Case, case_id)
            assert case is not None
            resolution = session.scalars(
                select(Resolution).where(Resolution.case_id == case_id).order_by(Resolution.id.desc())
            ).first()
            level: Role | None = None
            signed: tuple[str, ...] = ()
            if resolution is not None:
                signed = tuple(
                    session.scalars(
                        select(Approval.printed_name)
                        .where(Approval.resolution_id == resolution.id)
                        .order_by(Approval.id)
                    )
                )
                step = next_level(frozen_chain(resolution.required_roles), len(signed))
                level = step.role if step else None
            return _Peek(Status(case.status), case.is_major, case.deadline_at, level, signed)

    def _at(self, moment: datetime) -> bool:
        """Move the clock; False when the moment is past the end of the demo period."""
        if moment >= self.end:
            return False
        # Each case runs on its own time line; cases are started in order of receipt, so serials
        # follow receipt order.
        self.clock.now = moment.replace(microsecond=0)
        return True

    def one_case(self, received: datetime) -> None:
        rng = self.rng
        kind = rng.choices(["complaint", "consultation", "suggestion", "praise"], [74, 14, 6, 6])[0]
        name, title, phone, company = self._customer()
        product, part, _unit = rng.choice(PRODUCTS)
        top = rng.choices(["quality", "service", "business", "other"], [35, 25, 36, 4])[0]
        order = f"SO{received:%y%m}{rng.randint(1000, 9999)}"
        repeat_order = [
            o for p, o, t in self.recent_orders if p == phone and received - t < timedelta(days=25)
        ]
        if repeat_order and rng.random() < 0.7:
            order = repeat_order[0]
        self.recent_orders.append((phone, order, received))
        detail = rng.choice(DETAILS)
        lot = f"L{received:%m%d}{rng.randint(1, 9)}"
        fill: dict[str, object] = {
            "p": product,
            "detail": detail,
            "lot": lot,
            "n": rng.randint(2, 30),
            "order": order,
            "name": rng.choice(["小李", "老王", "小周"]),
        }
        if kind == "complaint":
            content = rng.choice(CONTENT[top]).format(**fill)
        elif kind == "consultation":
            content = rng.choice(CONSULTATIONS).format(**fill)
        elif kind == "suggestion":
            content = rng.choice(SUGGESTIONS)
        else:
            content = rng.choice(PRAISES).format(**fill)
        amount_band = rng.choices([0, 1, 2, 3], [40, 35, 18, 7])[0]
        amount = {
            0: 0,
            1: rng.randint(2, 50) * 100,
            2: rng.randint(60, 280) * 100,
            3: rng.randint(320, 900) * 100,
        }[amount_band]
        request = (
            rng.choice(
                ["compensation", "return", "exchange", "allowance", "apology", "repair", "explanation"]
            )
            if kind == "complaint"
            else "explanation"
        )
        if request in ("apology", "explanation", "repair"):
            amount = 0
        form = IntakeForm(
            received_at=received,
            channel=rng.choices(
                [
                    "phone",
                    "visit",
                    "letter",
                    "email",
                    "web",
                    "sms",
                    "fax",
                    "regulator",
                    "media",
                    "internal",
                    "other",
                ],
                [40, 18, 4, 10, 12, 5, 1, 3, 2, 3, 2],
            )[0],
            kind=kind,
            complainant_name=name,
            complainant_title=title,
            phone=phone,
            company=company,
            customer_type=rng.choice(["person", "person", "company", "dealer", "key_account"]),
            is_foreign=rng.random() < 0.04,
            product=product,
            order_no=order if top != "service" else "",
            part_no=part,
            lot_no=lot if top == "quality" else "",
            quantity=str(rng.randint(1, 200)) if top == "quality" else "",
            defective_quantity=rng.choice(["3", "12", "客户加工中未确定"]) if top == "quality" else "",
            content=content,
            request_type=request,
            request_amount=str(amount) if amount else "",
            complainant_count=rng.choices([1, 2, 6], [90, 7, 3])[0],
            media_involved=rng.random() < 0.02,
            lawsuit_threatened=rng.random() < 0.03,
            personal_injury=top == "quality" and rng.random() < 0.03,
        )
        if not self._at(received):
            return
        clerk = self.staff[rng.choice(["kefu1", "kefu2"])]
        if rng.random() < 0.03:
            self.desk.intake.save_draft(clerk, form)
            self.count += 1
            return
        ref = self.desk.intake.register(clerk, form)
        self.count += 1
        self._progress(ref.id, kind, top, amount, received)

    def _h(self, low: int, high: int) -> timedelta:
        return timedelta(hours=self.rng.uniform(low, high) * self.pace)

    def _progress(self, case_id: int, kind: str, top: str, amount: int, received: datetime) -> None:
        rng, desk, s = self.rng, self.desk, self.staff
        # Most cases move within hours; the slow ones are the ones that run late.
        self.pace = 0.12 if rng.random() < 0.75 else 1.0
        age_days = (self.end - received).days
        # Older cases are further along; a few stall on purpose (they become overdue and escalate).
        stall = rng.random() < (0.02 if age_days > 20 else 0.12)

        def stop(probability: float) -> bool:
            """Recent cases stop part-way more often: they are still being worked on."""
            return rng.random() < (probability * 1.5 if age_days < 10 else probability / 6)

        t = received + timedelta(minutes=rng.randint(20, 180))
        if rng.random() < 0.015:
            if self._at(t):
                desk.cases.void(s["crm"], case_id, "重复录入，客户同一通电话登记了两次")
            return
        if stall or not self._at(t):
            return
        categories = {
            "quality": [
                "quality.product",
                "quality.safety",
                "quality.reliability",
                "quality.design",
                "quality.manufacturing",
            ],
            "service": ["service.attitude", "service.competence", "service.efficiency"],
            "business": [
                "business.damage",
                "business.shortage",
                "business.delay",
                "business.finance",
                "business.claims",
                "business.pricing",
                "business.feedback",
                "business.error",
            ],
            "other": ["other"],
        }
        handler_by_top = {
            "quality": "zhangwei",
            "service": "liuyang",
            "business": "huangtao",
            "other": "liuyang",
        }
        dept_by_top = {"quality": "QA", "service": "SALES", "business": "LOG", "other": "SALES"}
        if kind != "complaint":
            if rng.random() < 0.85:
                desk.cases.answer(
                    s[rng.choice(["kefu1", "kefu2"])],
                    case_id,
                    ReplyInput("phone", "您好，已为您查询并解答，感谢您的来电。", True),
                )
            return
        valid = rng.random() > 0.06
        handler_name = handler_by_top[top]
        triage = TriageInput(
            valid=valid,
            category_code=rng.choice(categories[top]) if valid else None,
            severity=rng.choices(["normal", "moderate", "severe"], [60, 30, 10])[0] if valid else None,
            invalid_reason=None if valid else rng.choice(["unclear", "contrary", "out_of_scope"]),
            declared_major=rng.random() < 0.02,
            responsible_department_id=self.departments[dept_by_top[top]],
            handler_id=s[handler_name].user_id if valid else None,
        )
        desk.cases.triage(s["crm"], case_id, triage)
        if not valid:
            if self._at(t + self._h(1, 20)):
                desk.cases.record_reply(
                    s["kefu1"],
                    case_id,
                    ReplyInput(
                        "phone", "您好，经核实，您反映的情况超出我们的服务承诺范围，感谢您的理解。", True
                    ),
                )
            return
        detail = self._peek(case_id)
        if detail.is_major and self._at(t + self._h(1, 30)):
            desk.cases.inform_gm(s["crm"], case_id, note="电话报告")
        handler = s[handler_name]
        if stop(0.15) or not self._at(t + self._h(4, 40)):
            return
        dept_id = self.departments[dept_by_top[top]]
        desk.cases.record_investigation(
            handler,
            case_id,
            InvestigationInput(
                cause=rng.choice(
                    [
                        "仓库出货前未复检",
                        "承运商装卸不当",
                        "员工未按服务规范操作",
                        "供应商来料不良",
                        "系统订单数据录入错误",
                    ]
                ),
                details="经调取出货记录和现场照片，核实客户反映情况基本属实。",
                conclusion=rng.choice(["投诉属实", "部分属实", "属实，责任在我方"]),
                responsibility=rng.choices(
                    ["ours", "third_party", "customer", "undetermined"], [70, 18, 7, 5]
                )[0],
                responsible_department_id=dept_id,
                responsible_person=rng.choice(["仓管员小吴", "司机老钱", "客服小丁", ""]),
                corrective_action="对涉事批次全部复检，对客户损失予以补偿。",
                preventive_action="出货前增加外包装抽检，每月对承运商进行考核。",
                shares=[(dept_id, 70), (self.departments["CS"], 30)]
                if rng.random() < 0.3
                else [(dept_id, 100)],
            ),
        )
        if rng.random() < 0.08 and self._at(t + self._h(41, 50)):
            detail = self._peek(case_id)
            deadline = detail.deadline
            if deadline and detail.status is Status.IN_PROGRESS:
                desk.cases.request_extension(
                    handler,
                    case_id,
                    ExtensionInput(
                        "需等待供应商出具检测报告",
                        "客户于电话中同意延期（录音已存）",
                        deadline + timedelta(days=5),
                    ),
                )
                desk.cases.decide_extension(s["crm"], case_id, approve=True, note="同意")
        if stop(0.1) or not self._at(t + self._h(41, 70)):
            return
        resolution_type = {0: rng.choice(["apology", "explanation", "repair"])}.get(
            amount, rng.choice(["compensation", "allowance", "return", "exchange"])
        )
        desk.cases.propose_resolution(
            handler,
            case_id,
            ResolutionInput(
                resolution_type, str(amount) if amount else "0", "按公司规定给予处理，并向客户致歉。"
            ),
        )
        moment = t + self._h(71, 80)
        chain_rejected = False
        while True:
            detail = self._peek(case_id)
            if detail.status != Status.PENDING_APPROVAL.value:
                break
            if stop(0.12) or not self._at(moment):
                return
            level = detail.next_level
            signer = {
                Role.DEPT_MANAGER: {"QA": "qa_mgr", "SALES": "sales_mgr", "LOG": "log_mgr"}[dept_by_top[top]],
                Role.DEPUTY_GM: rng.choice(["fuzong", "fuzong2"]),
                Role.GM: "zongjingli",
            }[level or Role.GM]
            if level is Role.DEPUTY_GM and "周建国" in detail.signed_by:
                signer = "fuzong2"
            reject = not chain_rejected and rng.random() < 0.08
            desk.cases.decide_approval(
                s[signer],
                case_id,
                Decision.REJECT if reject else Decision.APPROVE,
                DEMO_PASSWORD,
                "方案金额偏高，请与客户再协商" if reject else "",
            )
            moment += self._h(1, 8)
            if reject:
                chain_rejected = True
                if not self._at(moment):
                    return
                desk.cases.propose_resolution(
                    handler,
                    case_id,
                    ResolutionInput(
                        resolution_type, str(amount * 8 // 10) if amount else "0", "经再次协商后的方案。"
                    ),
                )
                moment += timedelta(hours=2)
        if stop(0.1) or not self._at(moment + self._h(1, 20)):
            return
        accepted = rng.random() > 0.08
        desk.cases.record_reply(
            s[rng.choice(["kefu1", "kefu2"])],
            case_id,
            ReplyInput(
                "phone",
                "您好，关于您反映的问题，经调查核实，我们已按处理方案为您办理，如有疑问请随时联系。",
                accepted,
            ),
        )
        if not accepted:
            if rng.random() < 0.5 and self._at(self.clock.now + timedelta(hours=5)):
                if rng.random() < 0.5:
                    desk.cases.close_abnormally(
                        s["zongjingli"], case_id, "excessive_demand", "客户要求超出法律法规及公司政策范围"
                    )
                else:
                    view = desk.queries.case_detail(s["crm"], case_id)
                    raw = view.intake_raw
                    # issue 14 part D: the new case starts from the original's customer, product and facts
                    form = replace(
                        desk.notes.returning_form(s["kefu1"], case_id),
                        received_at=self.clock.now,
                        channel="phone",
                        kind="complaint",
                        content="客户对原处理方案不接受，要求重新处理：" + raw["content"],
                        request_type=raw["request_type"] or "compensation",
                    )
                    desk.intake.open_linked_case(s["kefu1"], case_id, LinkKind.NOT_ACCEPTED, form)
            return
        if stop(0.1) or not self._at(self.clock.now + self._h(20, 47)):
            return
        satisfaction = rng.choices([5, 4, 3, 2, 1], [45, 30, 14, 7, 4])[0]
        desk.cases.record_follow_up(
            s[rng.choice(["kefu1", "kefu2"])],
            case_id,
            FollowUpInput(
                rng.choice(["phone", "phone", "sms", "visit"]),
                satisfaction >= 3,
                satisfaction,
                rng.choice(["", "满意，谢谢", "希望以后不要再出现类似问题", "处理太慢了"]),
            ),
        )
        if satisfaction > 2 and rng.random() < 0.9 and self._at(self.clock.now + timedelta(hours=2)):
            desk.cases.close(s["crm"], case_id)


# --- issue 14 part D: internal notes, progress notices and a complaint that comes back ----------------


def _notes_and_returning(desk: BranchDesk, staff: dict[str, Actor], end: datetime) -> None:
    """A few cases being handled get a progress notice and an internal note (a returning complaint is
    the builder's own: not accepted → a new case from the original's facts). Small: the demo stays fast."""
    crm = staff["crm"]
    with desk.db.read() as session:
        handled = session.scalars(
            select(Case.id).where(Case.status == Status.IN_PROGRESS.value).order_by(Case.id.desc()).limit(3)
        ).all()
    for case_id in handled:
        desk.notes.record_contact(
            crm,
            case_id,
            "phone",
            "已电话告知客户调查进展，检测报告预计三个工作日内出具，届时再联系。",
            next_due_at=end + timedelta(days=2),
        )
        note = "内部备注：客户为长期合作客户，请优先安排检测；勿向客户透露供应商名称。"
        desk.notes.add_note(crm, case_id, note)
