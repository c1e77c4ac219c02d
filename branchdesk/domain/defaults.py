"""The shipped defaults of the domain file, seeded into a new database and editable there.

Nothing here is read at run time by the rules: ``branchdesk init`` copies it
into the configuration tables, and from then on the database is the truth.
"""

from __future__ import annotations

from branchdesk.domain.vocab import DeadlineStep, DeadlineUnit, Kind, Role, Severity

#: Editable pick lists: list key -> [(code, label)].
CHOICE_LISTS: dict[str, list[tuple[str, str]]] = {
    "channel": [
        ("phone", "来电"),
        ("visit", "来访"),
        ("letter", "来信"),
        ("email", "电子邮件"),
        ("web", "网站留言"),
        ("sms", "短信"),
        ("fax", "传真"),
        ("regulator", "上级/监管部门转办"),
        ("media", "媒体"),
        ("internal", "内部(网点间)"),
        ("other", "其他"),
    ],
    "customer_type": [
        ("person", "个人"),
        ("company", "企业"),
        ("dealer", "经销商"),
        ("key_account", "大客户"),
    ],
    "request_type": [
        ("return", "退货"),
        ("exchange", "换货"),
        ("allowance", "减价/折让"),
        ("compensation", "赔偿"),
        ("apology", "道歉"),
        ("repair", "维修"),
        ("explanation", "解释说明"),
        ("improvement", "改进建议"),
        ("other", "其他"),
    ],
    "resolution_type": [
        ("return", "退货"),
        ("exchange", "换货"),
        ("allowance", "折让"),
        ("compensation", "赔偿"),
        ("gift", "赠送"),
        ("repair", "维修"),
        ("apology", "道歉"),
        ("explanation", "解释说明"),
        ("other", "其他"),
    ],
    "reply_method": [
        ("phone", "电话"),
        ("written", "书面"),
        ("in_person", "当面"),
        ("sms", "短信"),
        ("email", "邮件"),
    ],
    "followup_method": [("phone", "电话"), ("visit", "上门"), ("sms", "短信"), ("survey", "问卷")],
    "invalid_reason": [
        ("unclear", "对象/内容不明确无法查实"),
        ("contrary", "与事实严重不符"),
        ("out_of_scope", "超出服务承诺范围"),
        ("unlawful", "不符合法律法规"),
    ],
    "complainant_title": [("mr", "先生"), ("ms", "女士")],
}

#: Category tree: (code, label, [(code, label)]).
CATEGORIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "quality",
        "质量类",
        [
            ("quality.product", "产品品质"),
            ("quality.safety", "安全性"),
            ("quality.reliability", "可靠性"),
            ("quality.design", "设计"),
            ("quality.manufacturing", "制造"),
        ],
    ),
    (
        "service",
        "服务类",
        [
            ("service.attitude", "服务态度"),
            ("service.competence", "专业素质"),
            ("service.efficiency", "服务效率"),
        ],
    ),
    (
        "business",
        "业务类",
        [
            ("business.damage", "货损"),
            ("business.shortage", "货差"),
            ("business.delay", "时效延误"),
            ("business.finance", "财务"),
            ("business.claims", "理赔"),
            ("business.pricing", "价格费用"),
            ("business.feedback", "信息反馈"),
            ("business.error", "业务差错"),
        ],
    ),
    ("other", "其他", []),
]

#: SLA policy rows: (priority, label, amount, unit, conditions).
SLA_RULES: list[dict[str, object]] = [
    {
        "priority": 10,
        "label": "咨询 24 小时内答复",
        "amount": 24,
        "unit": DeadlineUnit.HOURS,
        "kind": Kind.CONSULTATION,
    },
    {
        "priority": 20,
        "label": "投诉·重度或重大 7 个工作日",
        "amount": 7,
        "unit": DeadlineUnit.WORKING_DAYS,
        "kind": Kind.COMPLAINT,
        "min_severity": Severity.SEVERE,
        "severity_or_major": True,
    },
    {
        "priority": 30,
        "label": "质量类（国外）20 天",
        "amount": 20,
        "unit": DeadlineUnit.CALENDAR_DAYS,
        "kind": Kind.COMPLAINT,
        "category_code": "quality",
        "foreign": True,
    },
    {
        "priority": 31,
        "label": "质量类 15 天",
        "amount": 15,
        "unit": DeadlineUnit.CALENDAR_DAYS,
        "kind": Kind.COMPLAINT,
        "category_code": "quality",
    },
    {
        "priority": 40,
        "label": "投诉·中度 3 个工作日",
        "amount": 3,
        "unit": DeadlineUnit.WORKING_DAYS,
        "kind": Kind.COMPLAINT,
        "min_severity": Severity.MODERATE,
    },
    {
        "priority": 50,
        "label": "投诉·服务态度 2 个工作日",
        "amount": 2,
        "unit": DeadlineUnit.WORKING_DAYS,
        "kind": Kind.COMPLAINT,
        "category_code": "service.attitude",
    },
    {
        "priority": 60,
        "label": "投诉·一般 1 个工作日",
        "amount": 1,
        "unit": DeadlineUnit.WORKING_DAYS,
        "kind": Kind.COMPLAINT,
    },
    {"priority": 90, "label": "建议/表扬 3 个工作日内回复", "amount": 3, "unit": DeadlineUnit.WORKING_DAYS},
]

# --- issue 12 "approvals": approval rules (核决规则), replacing the fixed authority matrix ---
#: Conditions (amount band in fen, both bounds inclusive; category_code, kind, min_severity, major;
#: absent = any) → steps (role, of the responsible department), in signing order. The lowest
#: priority that matches decides; the last rule is the catch-all. Same chains as the matrix of
#: releases before 0011: ≤ ¥5,000 部门经理; ≤ ¥30,000 + 副总经理; above, or major, + 总经理.
_DEPT_HEAD = (Role.DEPT_MANAGER, True)
APPROVAL_RULES: list[tuple[dict[str, object], list[tuple[Role, bool]]]] = [
    (
        {"priority": 10, "label": "重大案件：部门经理→副总经理→总经理", "major": True},
        [_DEPT_HEAD, (Role.DEPUTY_GM, False), (Role.GM, False)],
    ),
    ({"priority": 20, "label": "¥5,000 及以下：部门经理", "max_amount_fen": 500_000}, [_DEPT_HEAD]),
    (
        {"priority": 30, "label": "¥30,000 及以下：部门经理→副总经理", "max_amount_fen": 3_000_000},
        [_DEPT_HEAD, (Role.DEPUTY_GM, False)],
    ),
    (
        {"priority": 40, "label": "其他金额：部门经理→副总经理→总经理"},
        [_DEPT_HEAD, (Role.DEPUTY_GM, False), (Role.GM, False)],
    ),
]

#: Scalar settings: key -> value (JSON-serialisable).
SETTINGS: dict[str, object] = {
    "office_opens": "08:30",
    "office_closes": "17:30",
    "number_with_branch_code": False,
    "major_min_complainants": 5,
    "major_loss_fen": 3_000_000,
    "moderate_loss_fen": 500_000,
    "repeat_window_days": 30,
    "gm_inform_hours": 24,
    "dissatisfied_at_or_below": 2,
    "login_max_failures": 5,
    "login_lock_minutes": 5,
    "idle_lock_minutes": 10,
    "retention_years": 2,
    "confirmed_calendar_years": [],
    "branch_phone": "",
    "branch_address": "",
    # The largest amount any input takes (request, loss estimate, resolution, authority limit): ¥10,000,000.
    "money_ceiling_fen": 1_000_000_000,
    # A second folder (USB disk, share) that receives a copy of each daily and manual backup; "": none.
    "backup_copy_folder": "",
    # --- issue 12 "fields": the branch profile's fax and postal code; custom fields on forms and reports
    "branch_fax": "",
    "branch_postal_code": "",
    # form -> custom field keys it prints; a form not named prints its default (FORM_CUSTOM_DEFAULT)
    "form_custom_fields": {},
    # the custom field key the monthly report breaks cases down by ("": no breakdown)
    "monthly_breakdown_field": "",
}

#: Settings added after a branch was created: read with these values until the admin saves one.
LATER_SETTINGS: tuple[str, ...] = (
    "money_ceiling_fen",
    "backup_copy_folder",
    # issue 12 "fields"
    "branch_fax",
    "branch_postal_code",
    "form_custom_fields",
    "monthly_breakdown_field",
)

#: Forms that print every active custom field unless ``form_custom_fields`` names their keys (issue 12).
FORM_CUSTOM_DEFAULT: tuple[str, ...] = ("handling", "report")

#: Form-copy routing (多联单): form -> [(copy no, destination, colour, shows phone, internal)].
FORM_COPIES: dict[str, list[tuple[int, str, str, bool, bool]]] = {
    "receipt": [(1, "客户", "白", True, False), (2, "存根", "红", True, True)],
    "handling": [
        (1, "质量管理部", "白", False, True),
        (2, "制造部门", "红", False, True),
        (3, "业务部门(依批示办理)", "蓝", True, True),
        (4, "会计科", "黄", False, True),
        (5, "总经理室", "绿", True, True),
    ],
    "allowance": [(1, "业务部", "白", True, True), (2, "会计", "红", False, True)],
    "return": [
        (1, "业务部(自存督促)", "白", True, True),
        (2, "成品仓储", "红", False, True),
        (3, "会计科", "蓝", False, True),
        (4, "业务部", "黄", True, True),
    ],
    "penalty": [
        (1, "总经理室(自存)", "白", False, True),
        (2, "会计", "红", False, True),
        (3, "受罚部门", "蓝", False, True),
    ],
    "report": [(1, "存档", "白", True, True)],
}

FORM_TITLES = {
    "receipt": "客户投诉受理回执",
    "handling": "客户抱怨处理表",
    "allowance": "销货折让证明单",
    "return": "成品退货单",
    "penalty": "奖罚通知单",
    "report": "投诉调查报告",
}

#: Reply templates (001 篇4 第十五章 polite phrases).
REPLY_TEMPLATES: list[tuple[str, str]] = [
    ("问候", "您好，这里是{branch}客户服务台，我是{user}。"),
    ("致歉", "对不起，给您带来不便，请您谅解。我理解您的心情，我们会尽快为您处理。"),
    (
        "答复方案",
        "您好，关于您反映的问题（编号 {case_no}），经调查核实，我们的处理意见是：{resolution}。"
        "如有疑问，请随时与我们联系。",
    ),
    (
        "无效投诉答复",
        "您好，关于您反映的问题（编号 {case_no}），经核实，{reason}。感谢您对我们工作的关心和支持。",
    ),
    (
        "回访",
        "您好，我是{branch}客服{user}，想了解一下您反映的问题（编号 {case_no}）解决得怎么样，"
        "请问您对处理结果满意吗？",
    ),
]

#: Departments a new branch starts with (code, name).
DEPARTMENTS: list[tuple[str, str]] = [
    ("CS", "客户服务部"),
    ("QA", "质量管理部"),
    ("MFG", "制造部门"),
    ("SALES", "业务部门"),
    ("FIN", "会计科"),
    ("GMO", "总经理室"),
    ("LOG", "物流部"),
]

# --- issue 12, vocabularies ------------------------------------------------------------------------

#: Why a case may be closed abnormally (the GM picks one, with an optional note). Seeded by ``init``;
#: migration 0014 gives existing branches the same list.
CHOICE_LISTS["abnormal_reason"] = [
    ("lost_contact", "客户失联"),
    ("withdrawn", "客户撤诉"),
    ("excessive_demand", "要求超出标准，无法达成一致"),
    ("legal", "转司法程序"),
    ("other", "其他"),
]

#: The editable pick lists, in the order the settings page offers them.
VOCABULARY_LISTS: tuple[str, ...] = (
    "channel",
    "customer_type",
    "request_type",
    "resolution_type",
    "invalid_reason",
    "abnormal_reason",
    "reply_method",
    "followup_method",
    "complainant_title",
)

#: Fixed vocabularies whose display names a branch may change (the codes stay; rules reason on them).
RENAMABLE_VOCABULARIES: tuple[str, ...] = ("Kind", "Severity", "Status", "CloseKind", "Role")

#: How deep the category tree goes (top level = 1): the logistics and utility policies use three.
CATEGORY_MAX_DEPTH = 3

# --- issue 12 "rules": deadline rules for the steps, business hours ------------------------------
# Step deadlines are rules like the case's (``step`` names what they time; migration 0012 turned the
# old settings first_contact_hours / investigation_days / follow_up_hours into such rules). The
# follow-up is 2 working days: 48 calendar hours fell due at night or on a Sunday.
SLA_RULES += [
    {
        "priority": 100,
        "label": "首次联系客户 1 个工作小时",
        "amount": 1,
        "unit": DeadlineUnit.WORKING_HOURS,
        "step": DeadlineStep.FIRST_CONTACT,
    },
    {
        "priority": 110,
        "label": "调查报告 3 个工作日",
        "amount": 3,
        "unit": DeadlineUnit.WORKING_DAYS,
        "step": DeadlineStep.INVESTIGATION,
    },
    {
        "priority": 120,
        "label": "回访 2 个工作日",
        "amount": 2,
        "unit": DeadlineUnit.WORKING_DAYS,
        "step": DeadlineStep.FOLLOW_UP,
    },
]
# Lunch break inside business hours ("HH:MM"); "" for none. Working-hour deadlines skip it.
SETTINGS.update({"lunch_starts": "", "lunch_ends": ""})
LATER_SETTINGS += ("lunch_starts", "lunch_ends")
# --- step deadlines that act (issue 12, part "steps") ------------------------------------------
#: What each step does before and after its due time (table ``step_policy``; ``domain/steps.py``):
#: step -> (warn before, in minutes; on overdue: mark | escalate | notify; role reached; active).
#: - first contact (首次联系, due by its deadline rule, counted from assignment): warn 30 minutes before;
#:   late → escalate, naming the 客户关系经理 (off the ladder: one level up);
#: - investigation report: warn 8 hours (about one working day) before; late → escalate to the
#:   部门经理 level (the handler's manager owns the report);
#: - reply to the customer: warn 4 hours before; late → escalate to the 部门经理 level;
#: - follow-up (回访): warn 4 hours before; late → mark only (the case shows it; the desk follows up);
#: - GM alert of a major complaint (``gm_inform_hours`` after it became major): warn 2 hours
#:   before; late → escalate to the 总经理 level.
STEP_POLICIES: list[tuple[str, int, str, Role | None, bool]] = [
    ("first_contact", 30, "escalate", Role.CR_MANAGER, True),
    ("investigation", 8 * 60, "escalate", Role.DEPT_MANAGER, True),
    ("reply", 4 * 60, "escalate", Role.DEPT_MANAGER, True),
    ("follow_up", 4 * 60, "mark", None, True),
    ("gm_inform", 2 * 60, "escalate", Role.GM, True),
]
# --- issue 17 part E "intake": attachments (a photo, a scan) — at intake and on the case ------------
#: The largest attachment in MB (never above the core's hard ceiling of 20 MB per file), and the file
#: types taken (extensions, comma-separated; "" takes any type).
SETTINGS.update(
    {
        "attachment_max_mb": 20,
        "attachment_types": "jpg,jpeg,png,gif,bmp,tif,tiff,heic,webp,pdf,doc,docx,xls,xlsx,ppt,pptx,"
        "txt,csv,zip,rar,7z,mp3,wav,amr,m4a,mp4,mov",
    }
)
LATER_SETTINGS += ("attachment_max_mb", "attachment_types")

# --- issue 17 part F: entered times and setting ranges ----------------------------------------
#: How far past the PC's clock an entered reply or follow-up time may lie (another PC's clock may run
#: a little ahead): minutes. Later times are refused at the field.
SETTINGS["entry_clock_skew_minutes"] = 5
LATER_SETTINGS += ("entry_clock_skew_minutes",)
#: The values a number setting may take (``AdminService.set_setting`` refuses others at the field; the
#: settings page's spin box takes the same range). A setting not named here: 0 … the column's limit.
SETTING_RANGES: dict[str, tuple[int, int]] = {
    "idle_lock_minutes": (1, 480),
    "login_max_failures": (1, 100),
    "login_lock_minutes": (1, 1440),
    "repeat_window_days": (1, 3650),
    "major_min_complainants": (1, 10_000),
    "dissatisfied_at_or_below": (1, 5),
    "gm_inform_hours": (1, 720),
    "retention_years": (1, 100),
    "entry_clock_skew_minutes": (0, 60),
}
# --- issue 17 "notify": notifications, per user ---------------------------------------------------
#: How often each PC looks for the user's new notifications (seconds; one indexed query each time).
#: "A step due soon" needs no setting of its own: it is the step's warning time (``STEP_POLICIES``),
#: the same "due soon" as the 工作台 pile.
SETTINGS["notification_poll_seconds"] = 20
LATER_SETTINGS += ("notification_poll_seconds",)
#: The poll interval's bounds: often enough to feel live, rarely enough to stay cheap on a busy file.
NOTIFICATION_POLL_SECONDS_BOUNDS = (1, 600)
SETTING_RANGES["notification_poll_seconds"] = NOTIFICATION_POLL_SECONDS_BOUNDS
# issue 17 part E: an attachment setting's range (never above the core's hard 20 MB)
SETTING_RANGES["attachment_max_mb"] = (1, 20)
# --- issue 14 part A: opinions from several departments (会签/协办) --------------------------------
#: A department asked for its opinion answers within 2 working days of the ask (a deadline rule like every
#: step's, so the admin edits it in 设置 → 时限规则); late → the case escalates to the 部门经理 level (the
#: responsible department's manager chases the other department), and the asked department's manager is
#: notified. Warned 4 hours before.
SLA_RULES.append(
    {
        "priority": 130,
        "label": "会签意见 2 个工作日",
        "amount": 2,
        "unit": DeadlineUnit.WORKING_DAYS,
        "step": DeadlineStep.OPINION,
    }
)
STEP_POLICIES.append(("opinion", 4 * 60, "escalate", Role.DEPT_MANAGER, True))
# --- issue 14 part B: corrective and preventive actions (CAPA) -----------------------------------
#: The role that oversees CAPA (adds items on any case, verifies, reopens, reassigns, sees the overdue
#: tile): there is no quality-manager role, so a branch names the role that plays it.
SETTINGS["capa_oversight_role"] = "cr_manager"
#: Whether an item not yet verified effective keeps its case from final closure (结案).
SETTINGS["capa_blocks_close"] = False
LATER_SETTINGS += ("capa_oversight_role", "capa_blocks_close")
# --- issue 14 part C: rewards and penalties (奖罚) -------------------------------------------------
#: The default scale (seed policy 000 §七 and its 奖罚通知单 "呈总经理批准"): code, label, kind, amount
#: range in fen (min = max: a fixed amount), points (绩效分: minus for a penalty), the disciplinary
#: measure, who may propose, the approval chain (role, of the subject's department) in signing order.
#: Seeded by init and by migration 0025 for existing branches; the admin edits it (设置 → 奖罚标准).
_REWARD_PROPOSERS = ("cr_manager", "dept_manager", "deputy_gm", "gm")
_REWARD_CHAIN = [
    {"role": "dept_manager", "of_responsible_department": True},
    {"role": "gm", "of_responsible_department": False},
]
REWARD_SCALE: list[dict[str, object]] = [
    {
        "code": "P1",
        "label": "服务态度不佳、业务不熟、不尊重客户",
        "kind": "penalty",
        "min_amount_fen": 3_000,
        "max_amount_fen": 10_000,
        "points": 0,
        "measure": "",
        "proposer_roles": list(_REWARD_PROPOSERS),
        "chain": list(_REWARD_CHAIN),
    },
    {
        "code": "P2",
        "label": "态度冷淡、刁难客户、与客户争执",
        "kind": "penalty",
        "min_amount_fen": 20_000,
        "max_amount_fen": 20_000,
        "points": -5,
        "measure": "通报",
        "proposer_roles": list(_REWARD_PROPOSERS),
        "chain": list(_REWARD_CHAIN),
    },
    {
        "code": "P3",
        "label": "拒不承认投诉事实、主管管理不力",
        "kind": "penalty",
        "min_amount_fen": 30_000,
        "max_amount_fen": 30_000,
        "points": -10,
        "measure": "申诫",
        "proposer_roles": list(_REWARD_PROPOSERS),
        "chain": list(_REWARD_CHAIN),
    },
    {
        "code": "P4",
        "label": "隐瞒不报、不配合处理致投诉恶化",
        "kind": "penalty",
        "min_amount_fen": 100_000,
        "max_amount_fen": 100_000,
        "points": 0,
        "measure": "记大过",
        "proposer_roles": list(_REWARD_PROPOSERS),
        "chain": list(_REWARD_CHAIN),
    },
    {
        "code": "R1",
        "label": "处理及时到位、受客户表扬",
        "kind": "reward",
        "min_amount_fen": 5_000,
        "max_amount_fen": 50_000,
        "points": 2,
        "measure": "表扬",
        "proposer_roles": list(_REWARD_PROPOSERS),
        "chain": list(_REWARD_CHAIN),
    },
]

# --- issue 14 part D: progress notices and the complaint that comes back ----------------------------
SETTINGS.update(
    {
        #: A complaint the customer does not accept: "new_case" (a new case attached to the original, the
        #: manufacturer's rule) or "reopen" (the original back to 处理中, when it closed recently enough).
        "returning_complaint_mode": "new_case",
        #: In "reopen" mode: a closed original reopens when it closed at most this many days ago.
        "reopen_within_days": 30,
        #: A returning complaint's handling form carries the original's handling form as attached pages.
        "returning_attach_original_form": True,
        #: The latest a progress notice's next contact may be set, in days from now.
        "next_contact_max_days": 90,
        #: How long before a promised next contact the person who promised it is reminded (minutes).
        "next_contact_warn_minutes": 120,
    }
)
LATER_SETTINGS += (
    "returning_complaint_mode",
    "reopen_within_days",
    "returning_attach_original_form",
    "next_contact_max_days",
    "next_contact_warn_minutes",
)
SETTING_RANGES["reopen_within_days"] = (1, 3650)
SETTING_RANGES["next_contact_max_days"] = (1, 365)
SETTING_RANGES["next_contact_warn_minutes"] = (0, 7 * 24 * 60)
#: The values of ``returning_complaint_mode``.
RETURNING_MODES = ("new_case", "reopen")

# --- the administrator's 设置 tab: which settings it edits, in groups (coordinator, session 22) ---------
#: Group -> setting keys, in the order the tab shows them. The editor follows the shipped value's type:
#: a number within ``SETTING_RANGES``, a switch, or one of ``SETTING_CHOICES``. Settings with a screen of
#: their own (office hours on the calendar tab, the branch's profile, the backup folder, money limits in
#: the approval rules) are edited there, not here.
ADMIN_SETTINGS: dict[str, tuple[str, ...]] = {
    "login": ("idle_lock_minutes", "login_max_failures", "login_lock_minutes"),
    "intake": (
        "major_min_complainants",
        "repeat_window_days",
        "entry_clock_skew_minutes",
        "attachment_max_mb",
    ),
    "handling": (
        "gm_inform_hours",
        "dissatisfied_at_or_below",
        "capa_oversight_role",
        "capa_blocks_close",
    ),
    "returning": (
        "returning_complaint_mode",
        "reopen_within_days",
        "returning_attach_original_form",
        "next_contact_max_days",
        "next_contact_warn_minutes",
    ),
    "reports": ("valid_rate_target_percent",),
    "system": ("notification_poll_seconds", "retention_years"),
}
#: A text setting the tab offers as a pick list: setting -> its values (codes the UI renders as labels).
SETTING_CHOICES: dict[str, tuple[str, ...]] = {
    "returning_complaint_mode": RETURNING_MODES,
    "capa_oversight_role": ("cr_manager", "gm", "deputy_gm", "dept_manager"),
}
#: The vocabulary (``texts.LABELS``) that names each pick-list setting's values.
SETTING_CHOICE_LABELS: dict[str, str] = {
    "returning_complaint_mode": "ReturningMode",
    "capa_oversight_role": "Role",
}

# --- issue 15 part M: report duties (``domain/report_duties``), seeded by init --------------------
#: (label, period kind, rule, day, role, department code or None). The domain doc §9: the monthly
#: 客诉案件统计表 is due by the 10th for the previous month (000 篇6 第九条(九), 002 篇4 第二十七条,
#: 002 篇5 4.5.6), made by the CR manager (the role that makes the reports).
REPORT_DUTIES: list[tuple[str, str, str, int, str, str | None]] = [
    ("客诉案件统计表", "month", "after_end", 10, "cr_manager", None),
]
# --- issue 15 part N: the valid-complaint rate's target in the period summary ------------------------
#: A ceiling in percent for the valid-complaint rate (valid among the triaged complaints received) that
#: the period summary compares with (sheet 有效投诉率目标); 0 = the policy sets none, no comparison shown.
#: Seed 001 篇1 二.1（4）"有效投诉率力争在 1% 以下" is the one policy that names one (preset ``property``).
SETTINGS["valid_rate_target_percent"] = 0
LATER_SETTINGS += ("valid_rate_target_percent",)
SETTING_RANGES["valid_rate_target_percent"] = (0, 100)
