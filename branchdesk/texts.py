"""The catalogue: every code the core produces, in Chinese and English.

``CATALOGUE`` maps a message code to (Chinese, English) templates with
``{named}`` placeholders. ``LABELS`` maps a fixed vocabulary (the enum's class
name) and a code to its (Chinese, English) label. Lists a branch edits
(channels, categories …) are data in the database, not here.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "error.generic": ("输入有误", "Invalid input"),
    "error.database_busy": (
        "数据库正忙（另一台电脑正在保存），本次未保存：请稍等几秒再试，您填写的内容仍在。",
        "The database is busy (another PC is saving); nothing was saved: wait a few seconds and try again, "
        "what you typed is still there.",
    ),
    "approval.meaning": ("{decision}（{role}级核决）", "{decision} ({role} level)"),
    "error.roles_required": ("需要以下角色之一：{roles}", "This needs one of these roles: {roles}"),
    # audit chain (storage/audit_chain.py, services/audit.py)
    "audit.ok": (
        "审计链完好：{events} 条事件，{attachments} 个附件已核对；链头 {head}",
        "Audit trail intact: {events} events, {attachments} attachments checked; chain head {head}",
    ),
    "audit.content": (
        "审计链断裂：第 {seq} 号事件（记录 {event_id}）的内容、时间或操作人被改动",
        "Audit trail broken: event no. {seq} (row {event_id}) was altered (content, time or actor)",
    ),
    "audit.missing": (
        "审计链断裂：第 {seq} 号事件缺失（被删除），发现于记录 {event_id} 之前",
        "Audit trail broken: event no. {seq} is missing (deleted), found before row {event_id}",
    ),
    "audit.order": (
        "审计链断裂：第 {seq} 号事件（记录 {event_id}）的顺序被改动",
        "Audit trail broken: the order of event no. {seq} (row {event_id}) was changed",
    ),
    "audit.tail": (
        "审计链末尾被截断：链上只到第 {seq} 号事件，但应至少到 {detail}",
        "Audit trail cut at the end: the chain stops at event no. {seq}, but should reach {detail}",
    ),
    "audit.anchor": (
        "锚点 {detail} 与审计链不符（格式不对，或该事件已被改动）",
        "Anchor {detail} does not match the audit trail (malformed, or that event was altered)",
    ),
    "audit.attachment": (
        "附件 {detail} 的内容与登记的 SHA-256 不符：文件被改动",
        "Attachment {detail} no longer matches its recorded SHA-256: the file was altered",
    ),
    # --- workflow refusals (branchdesk.domain.workflow) ---
    "refusal.state": (
        "案件当前状态为“{status}”，不能{action}",
        "The case is “{status}”: “{action}” is not possible now",
    ),
    "refusal.complaint_needs_investigation": (
        "投诉须经调查、审批后才能答复客户",
        "A complaint is answered only after investigation and approval",
    ),
    "refusal.answer_only_kind": (
        "“{kind}”类案件直接答复，不需要{action}",
        "A “{kind}” case is answered directly: “{action}” is not needed",
    ),
    "refusal.role": (
        "您的角色（{roles}）无权{action}，需要：{needed}",
        "Your roles ({roles}) may not “{action}”; needed: {needed}",
    ),
    "refusal.no_role": ("无角色", "no role"),
    "refusal.recused": (
        "您是本案被投诉人，依规定回避",
        "You are the person complained about: you must stand aside",
    ),
    "refusal.handler_only": ("只有本案的处理责任人才能{action}", "Only the case's handler may “{action}”"),
    "refusal.no_pending_extension": (
        "没有待审批的延期申请",
        "There is no extension request awaiting approval",
    ),
    "refusal.extension_pending": (
        "已有一项延期申请待审批",
        "An extension request is already awaiting approval",
    ),
    "refusal.follow_up_first": ("请先完成回访，再结案", "Please do the follow-up before closing"),
    "refusal.open_linked_needs_dissatisfied": (
        "只有客户不接受答复或回访不满意时，才开立转新案",
        "A new case is opened only when the customer did not accept the reply or was dissatisfied",
    ),
    "refusal.close_abnormal_needs_dissatisfied": (
        "只有客户不接受答复或回访不满意时，才能非正常结案",
        "A case is closed abnormally only when the customer did not accept the reply or was dissatisfied",
    ),
    # --- approval signing (branchdesk.domain.approvals) ---
    "approval.own_proposal": (
        "不能审批自己提出的处理方案（职责分离）",
        "You cannot approve your own proposal (separation of duties)",
    ),
    "approval.signed_earlier": (
        "您已签署本方案的前一级审批，各级须由不同人签署",
        "You signed an earlier level of this proposal; each level needs a different person",
    ),
    "approval.authority": (
        "本级审批须由{role}或更高级别签署，金额 {amount} 超出您的核决权限",
        "This level must be signed by a {role} or higher: {amount} is beyond your authority",
    ),
    "approval.department_manager": (
        "部门经理级审批须由责任部门的经理签署",
        "The department-manager level must be signed by the responsible department's manager",
    ),
    "approval.own_level": (
        "本级应由{role}签署；只有{role}回避或无人可签时，才由上级代签",
        "This level is for a {role}; a higher role signs only when no {role} may sign",
    ),
    # --- money (branchdesk.domain.money) ---
    "money.empty": ("请输入金额", "Please enter an amount"),
    "money.negative": ("金额不能为负数", "The amount cannot be negative"),
    "money.too_much": ("金额不能超过 {limit}", "The amount cannot exceed {limit}"),
    "money.format": (
        "金额格式不正确，请输入数字，最多两位小数",
        "Invalid amount: enter a number with at most two decimals",
    ),
    # --- major complaint reasons with their figures (branchdesk.domain.severity) ---
    "major.repeat": ("重复投诉", "Repeat complaint"),
    "major.external_body": (
        "向厂家、监管部门或消费者协会投诉",
        "Complained to the manufacturer, a regulator or a consumer association",
    ),
    "major.media": ("媒体介入", "Media involved"),
    "major.lawsuit": ("扬言诉讼", "Lawsuit threatened"),
    "major.complainants": ("投诉人 {count} 人（≥{min}）", "{count} complainants (≥{min})"),
    "major.injury": ("人身伤害", "Personal injury"),
    "major.loss": ("损失/索赔 {loss}（≥{min}）", "Loss or claim {loss} (≥{min})"),
    "major.declared": ("客户关系经理认定", "Declared by the customer relations manager"),
    # --- fields: generic checks (a field's name is a parameter: ``LABELS["Field"]`` or user data) ---
    "field.required": ("请填写{field}", "Please fill in: {field}"),
    "field.choose": ("请选择{field}", "Please choose: {field}"),
    "field.max_length": ("{field}最多 {limit} 个字", "{field}: at most {limit} characters"),
    "field.format": ("{field}格式不正确", "{field}: invalid value"),
    "field.number_range": (
        "{field}须为 {min} 至 {max} 之间的整数",
        "{field} must be a whole number from {min} to {max}",
    ),
    "field.date_range": ("{field}须在 {first} 至 {last} 之间", "{field} must be between {first} and {last}"),
    "field.not_found": (
        "所选{field}不存在（可能已被删除或停用），请重新选择",
        "{field}: the one chosen does not exist (it may have been removed or deactivated); choose again",
    ),
    # --- intake (branchdesk.domain.intake) ---
    "intake.too_long": (
        "{field}最多 {limit} 个字，现有 {length} 个",
        "{field}: at most {limit} characters, now {length}",
    ),
    "intake.phone_format": (
        "电话号码只能包含数字、空格、“-”和开头的“+”，至少 5 位",
        "A phone number has only digits, spaces, “-” and a leading “+”, at least 5 digits",
    ),
    "intake.email_format": (
        "电子邮件格式不正确，例如 name@example.com",
        "Invalid e-mail address, e.g. name@example.com",
    ),
    "intake.received_in_future": ("受理时间不能晚于现在", "The time received cannot be in the future"),
    "intake.occurred_after_received": (
        "事件发生时间不能晚于受理时间",
        "The time of the event cannot be after the time received",
    ),
    "intake.kind": (
        "请选择性质：咨询、建议、投诉或表扬",
        "Please choose the kind: consultation, suggestion, complaint or praise",
    ),
    "intake.not_in_list": ("{field}不在可选列表中", "{field}: not one of the choices"),
    "intake.complainant_count": ("投诉人数至少为 1", "There is at least 1 complainant"),
    "intake.contact_required": (
        "请至少留下一种联系方式：电话、地址或电子邮件",
        "Please give at least one way to reach the customer: phone, address or e-mail",
    ),
    "custom.number": ("{field}须为数字", "{field}: must be a number"),
    "custom.date": ("{field}须为日期，如 2026-11-24", "{field}: must be a date, e.g. 2026-11-24"),
    "custom.choice": ("{field}请从列表中选择", "{field}: please choose from the list"),
    # --- service errors (branchdesk.services) ---
    "error.user_inactive": (
        "该用户已停用或不存在，请重新登录",
        "This user is disabled or gone: please log in again",
    ),
    "error.case_changed": (
        "{who} 已于 {when} 修改了本案（{what}）。请查看最新内容后再操作，您填写的内容仍在对话框中。",
        "{who} changed this case at {when} ({what}). Look at the latest state, then try again: "
        "what you typed is still in the dialog.",
    ),
    "config.changed_by": (
        "{who} 已于 {when} 修改了设置（{what}）。本次修改未保存：请看过最新设置后再保存，您填写的内容仍在。",
        "{who} changed the configuration at {when} ({what}). This change was not saved: look at the latest "
        "configuration, then save again; what you typed is still there.",
    ),
    "config.changed_elsewhere": (
        "设置已在其他电脑上被修改。本次修改未保存：请看过最新设置后再保存，您填写的内容仍在。",
        "The configuration was changed on another PC. This change was not saved: look at the latest "
        "configuration, then save again; what you typed is still there.",
    ),
    "error.concurrent_change": (
        "该案件刚被他人修改，请刷新后重试",
        "Someone else just changed this case: please refresh and try again",
    ),
    "error.case_not_found": (
        "案件 {ref} 不存在，或您无权查看",
        "Case {ref} does not exist, or you may not see it",
    ),
    # --- timeline events ---
    "event.escalation": ("{step}（{reason}）{note}", "{step} ({reason}){note}"),
    "event.escalated": ("案件升级：{from} → {to}", "Case escalated: {from} → {to}"),
    "event.escalated_at_top": (
        "已在最高级别（{level}），再次升级提醒",
        "Already at the top level ({level}): escalation reminder",
    ),
    "error.department_not_found": ("责任部门不存在", "The responsible department does not exist"),
    # --- case work (branchdesk.services.cases) ---
    "triage.category": ("请选择投诉类别", "Please choose the complaint category"),
    "triage.severity": (
        "请选择等级：一般、中度或重度",
        "Please choose the severity: normal, moderate or severe",
    ),
    "triage.invalid_reason": ("请选择无效原因", "Please choose why the complaint is invalid"),
    "assign.handler": ("请选择一位在职的处理责任人", "Please choose an active case handler"),
    "assign.handler_recused": (
        "该员工是本案被投诉人，依规定回避，不能担任处理责任人",
        "This employee is the person complained about and cannot handle the case",
    ),
    "assign.own_department": (
        "部门经理只能在本部门内分派案件",
        "A department manager assigns cases only within the department",
    ),
    "label.cause": ("发生原因", "Cause"),
    "label.details": ("具体经过", "What happened"),
    "label.conclusion": ("调查结论", "Conclusion"),
    "label.reply_content": ("答复内容", "Reply"),
    "label.extension_reason": ("延期原因", "Reason for the extension"),
    "label.customer_consent": ("客户同意情况（何时、如何同意）", "Customer's consent (when, how)"),
    "label.abnormal_reason": ("非正常结案理由", "Reason for closing abnormally"),
    "label.void_reason": ("作废原因", "Reason for voiding"),
    "label.escalation_reason": ("升级原因", "Reason for escalating"),
    "investigation.responsibility": ("请选择责任归属", "Please choose who is responsible"),
    "investigation.share_range": (
        "每个部门的责任比率须在 1%–100% 之间",
        "Each department's share must be between 1% and 100%",
    ),
    "investigation.share_total": (
        "各部门责任比率合计须为 100%，现为 {total}%",
        "The shares must add up to 100%, now {total}%",
    ),
    "investigation.share_duplicate": ("同一部门只能列一次", "A department may be listed only once"),
    "investigation.shares_required": (
        "我方责任须列出责任部门及比率",
        "When we are responsible, list the departments and their shares",
    ),
    "propose.investigation_first": (
        "请先填写调查报告，再提出处理方案",
        "Please record the investigation before proposing a resolution",
    ),
    "propose.resolution_type": ("请选择处理方式", "Please choose the kind of resolution"),
    "approval.reason_required": ("驳回时请写明理由", "Please give the reason for rejecting"),
    "approval.wrong_password": ("密码错误，未签署", "Wrong password: not signed"),
    "approval.no_pending_resolution": ("没有待审批的处理方案", "There is no resolution awaiting approval"),
    "reply.method": ("请选择答复方式", "Please choose how the customer was answered"),
    "extension.later": ("新的期限须晚于现有期限", "The new deadline must be later than the current one"),
    "extension.own_request": ("不能审批自己提出的延期申请", "You cannot decide your own extension request"),
    "follow_up.method": ("请选择回访方式", "Please choose how the follow-up was made"),
    "follow_up.satisfaction": (
        "满意度请选择 1（非常不满意）到 5（非常满意）",
        "Satisfaction is 1 (very dissatisfied) to 5 (very satisfied)",
    ),
    "close.dissatisfied": (
        "回访不满意：请开立转新案，或由总经理批准非正常结案",
        "Dissatisfied at follow-up: open a new case, or the GM approves closing abnormally",
    ),
    "inform_gm.not_major": (
        "只有重大投诉需要登记报告总经理",
        "Only a major complaint is reported to the general manager",
    ),
    "attachment.too_big": ("附件不能超过 {mb} MB", "An attachment may not exceed {mb} MB"),
    "attachment.empty": ("附件是空文件", "The attachment is an empty file"),
    "attachment.not_found": ("附件不存在", "The attachment does not exist"),
    # --- timeline events of case work ---
    "event.note_colon": ("：{note}", ": {note}"),
    "event.note_sentence": ("。{note}", ". {note}"),
    "event.then": ("{first} → {next}", "{first} → {next}"),
    "event.triage_valid": ("分诊：有效{major}{note}", "Triage: valid{major}{note}"),
    "event.triage_invalid": (
        "分诊：无效（{reason}）{major}{note}",
        "Triage: invalid ({reason}){major}{note}",
    ),
    "event.triage_major": ("，重大投诉：{reasons}", "; major complaint: {reasons}"),
    "event.assigned": (
        "分派给 {handler}（{department}）{note}",
        "Assigned to {handler} ({department}){note}",
    ),
    "event.transferred": (
        "转派给 {handler}（{department}）{note}",
        "Reassigned to {handler} ({department}){note}",
    ),
    "event.investigation_recorded": (
        "填写调查报告：责任归属 {responsibility}",
        "Investigation recorded: responsibility {responsibility}",
    ),
    "event.investigation_changed": (
        "修改调查报告：责任归属 {responsibility}",
        "Investigation changed: responsibility {responsibility}",
    ),
    "event.proposed": (
        "提出处理方案：{type} {amount}，需 {chain} 审批{major}",
        "Resolution proposed: {type} {amount}, to be approved by {chain}{major}",
    ),
    "event.proposed_major": ("（重大投诉须总经理核决）", " (a major complaint is decided by the GM)"),
    "event.approval_rejected": (
        "{role}级审批驳回（{name}）：{reason}",
        "Rejected at {role} level ({name}): {reason}",
    ),
    "event.approval_final": (
        "{role}级审批批准（{name}），方案核准，待答复客户",
        "Approved at {role} level ({name}): resolution approved, to reply to the customer",
    ),
    "event.approval_next": (
        "{role}级审批批准（{name}），转下一级",
        "Approved at {role} level ({name}): on to the next level",
    ),
    "event.reply_invalid": (
        "已答复客户（无效投诉），结案（{method}）",
        "Customer answered (invalid complaint), case closed ({method})",
    ),
    "event.reply_accepted": (
        "已答复客户，客户接受处理方案，待回访（{method}）",
        "Customer answered and accepted the resolution; follow-up due ({method})",
    ),
    "event.reply_not_accepted": (
        "已答复客户，客户不接受：需开立转新案或由总经理非正常结案（{method}）",
        "Customer answered but did not accept: open a new case or the GM closes abnormally ({method})",
    ),
    "event.answered": ("已答复{kind}，结案", "{kind} answered, case closed"),
    "event.extension_requested": (
        "申请延期至 {deadline}：{reason}（客户同意：{consent}）",
        "Extension requested to {deadline}: {reason} (customer consent: {consent})",
    ),
    "event.extension_approved": ("批准延期申请{note}", "Extension approved{note}"),
    "event.extension_rejected": ("驳回延期申请{note}", "Extension rejected{note}"),
    "event.follow_up_solved": (
        "回访（{method}）：问题已解决，满意度 {satisfaction}/5",
        "Follow-up ({method}): solved, satisfaction {satisfaction}/5",
    ),
    "event.follow_up_unsolved": (
        "回访（{method}）：问题未解决，满意度 {satisfaction}/5",
        "Follow-up ({method}): not solved, satisfaction {satisfaction}/5",
    ),
    "event.closed": ("结案{note}", "Case closed{note}"),
    "event.closed_abnormally": (
        "总经理批准非正常结案：{reason}",
        "Closed abnormally with the GM's approval: {reason}",
    ),
    "event.voided": (
        "作废（批准人：{name}）：{reason}；编号 {case_no} 保留不再使用",
        "Voided (approved by {name}): {reason}; number {case_no} stays retired",
    ),
    "event.gm_informed": ("已报告总经理（{at}）{note}", "GM informed ({at}) {note}"),
    "event.attachment_added": ("添加附件：{name}（{kb} KB）", "Attachment added: {name} ({kb} KB)"),
    # --- authentication (branchdesk.services.auth) ---
    "auth.wrong_credentials": ("用户名或密码错误", "Wrong user name or password"),
    "auth.password_short": ("密码至少 {min} 位", "A password has at least {min} characters"),
    "auth.password_spaces": ("密码首尾不能是空格", "A password cannot begin or end with a space"),
    "auth.locked": (
        "登录失败次数过多，请 {minutes} 分钟后再试",
        "Too many failed attempts: try again in {minutes} min",
    ),
    "auth.user_inactive": ("该用户已停用", "This user is disabled"),
    "auth.purpose_login": ("登录", "Login"),
    "auth.purpose_unlock": ("解锁", "Unlock"),
    "auth.purpose_change_password": ("修改密码", "Change password"),
    "auth.wrong_old_password": ("原密码不正确", "The current password is wrong"),
    "auth.password_unchanged": (
        "新密码不能与原密码相同",
        "The new password must differ from the current one",
    ),
    "event.password_changed": ("{name} 修改了自己的密码", "{name} changed their password"),
    "event.account_locked": (
        "{purpose}：连续输错密码，账户暂时锁定",
        "{purpose}: repeated wrong passwords, account locked for a while",
    ),
    # --- intake and linked cases (branchdesk.services.intake) ---
    "intake.roles": (
        "只有客服专员或客户关系经理可以登记投诉",
        "Only a customer service clerk or the customer relations manager registers complaints",
    ),
    "intake.repeat_not_found": (
        "未找到该客户 {days} 天内的案件 {case_no}",
        "No case {case_no} of this customer within {days} days",
    ),
    "link.draft_or_void": (
        "草稿或作废的案件不能关联新案",
        "A draft or void case cannot be linked to a new case",
    ),
    "event.linked_to": ("关联原案件 {case_no}（{kind}）", "Linked to earlier case {case_no} ({kind})"),
    "event.linked_from": ("开立关联新案件 {case_no}（{kind}）", "Linked new case {case_no} opened ({kind})"),
    "event.superseded": (
        "客户不接受，转新案 {case_no} 处理（附原表）",
        "Customer did not accept: continued in new case {case_no} (original form attached)",
    ),
    "event.note_new_case": ("（新案 {case_no}）", " (new case {case_no})"),
    "event.note_case": ("（{case_no}）", " ({case_no})"),
    "event.registered": ("登记：{name}，{channel}", "Registered: {name}, {channel}"),
    "event.registered_from_draft": (
        "登记（由草稿提交）：{name}，{channel}",
        "Registered (from draft): {name}, {channel}",
    ),
    "event.draft_saved": ("保存草稿", "Draft saved"),
    "event.draft_created": ("新建草稿，取得编号", "Draft created, number taken"),
    "event.repeated_by": (
        "客户就同一事项再次投诉：{case_no}",
        "The customer complained again about this matter: {case_no}",
    ),
    "event.repeat": (
        "重复投诉（同一客户、同一事项、{days} 天内）：原案件 {originals}，列为重大投诉",
        "Repeat complaint (same customer, same matter, within {days} days): earlier case {originals}; "
        "treated as major",
    ),
    # --- administration (branchdesk.services.admin) ---
    "admin.only_admin": ("只有系统管理员可以修改设置", "Only the administrator may change settings"),
    "admin.user_not_found": ("用户不存在", "The user does not exist"),
    "admin.department_code": ("部门代码请用字母或数字", "A department code has letters or digits"),
    "admin.department_name": ("请填写部门名称", "Please fill in the department name"),
    "admin.category_code": (
        "类别代码请用字母开头的字母、数字、点或下划线，如 service.delivery",
        "A category code starts with a letter, then letters, digits, dots or underscores, "
        "e.g. service.delivery",
    ),
    "admin.category_label": ("请填写类别名称", "Please fill in the category name"),
    "admin.category_parent": (
        "上级类别不存在（类别树最多三级）",
        "The parent category does not exist (the tree has up to three levels)",
    ),
    "admin.category_not_found": ("类别不存在", "The category does not exist"),
    "admin.sla_amount": ("时限须为 1–365", "The time limit is 1–365"),
    "admin.sla_unit": (
        "请选择时限单位：小时、工作日或自然日",
        "Please choose the unit: hours, working days or calendar days",
    ),
    "admin.sla_kind": ("性质不正确", "Invalid kind"),
    "admin.sla_severity": ("等级不正确", "Invalid severity"),
    "admin.sla_label": ("请填写规则说明", "Please describe the rule"),
    "admin.sla_not_found": ("时效规则不存在", "The deadline rule does not exist"),
    "admin.template_required": ("请填写模板标题和内容", "Please fill in the template's title and text"),
    "admin.template_not_found": ("模板不存在", "The template does not exist"),
    "admin.custom_key": (
        "字段代码请用字母开头的字母、数字或下划线",
        "A field code starts with a letter, then letters, digits or underscores",
    ),
    "admin.custom_label": ("请填写字段名称", "Please fill in the field name"),
    "admin.custom_type": (
        "字段类型须为文本、数字、日期或选项",
        "The field type is text, number, date or choice",
    ),
    "admin.custom_choices": ("选项类字段请至少填写一个选项", "A choice field needs at least one choice"),
    "admin.setting_not_found": ("没有设置项 {key}", "There is no setting {key}"),
    "admin.setting_type": ("设置值的类型不正确", "The setting's value has the wrong type"),
    "admin.username": ("用户名请用字母、数字，不含空格", "A user name has letters and digits, no spaces"),
    "admin.username_taken": ("用户名 {username} 已被使用", "The user name {username} is taken"),
    "admin.full_name": ("请填写姓名", "Please fill in the name"),
    "admin.department": ("请选择所属部门", "Please choose the department"),
    "admin.roles": ("请至少选择一个角色", "Please choose at least one role"),
    "event.admin_roles": ("修改 {name} 的角色", "Roles of {name} changed"),
    "event.admin_user_activated": ("重新启用用户 {name}", "User {name} reactivated"),
    "event.admin_user_deactivated": ("停用用户 {name}", "User {name} deactivated"),
    "admin.reset_own_password": (
        "不能在这里重置自己的密码：请用“用户 → 修改密码”",
        "You cannot reset your own password here: use User → Change password",
    ),
    "event.admin_password_reset": (
        "重置 {name} 的密码（下次登录须修改）",
        "Password of {name} reset (to be changed at the next login)",
    ),
    "admin.cannot_deactivate_self": ("不能停用自己的账户", "You cannot deactivate your own account"),
    "admin.keep_own_admin": (
        "不能去掉自己的系统管理员角色（否则无人能管理设置）",
        "You cannot remove your own administrator role (nobody could manage the settings)",
    ),
    "event.admin_department_added": ("新增部门 {name}（{code}）", "Department added: {name} ({code})"),
    "event.admin_department_changed": ("修改部门 {code}", "Department {code} changed"),
    "event.admin_category_added": ("新增投诉类别 {label}", "Complaint category added: {label}"),
    "event.admin_category_changed": ("修改投诉类别 {code}", "Complaint category {code} changed"),
    "event.admin_sla_added": ("新增处理时效规则：{label}", "Deadline rule added: {label}"),
    "event.admin_sla_changed": ("修改处理时效规则：{label}", "Deadline rule changed: {label}"),
    "event.admin_authority": ("修改{role}核决权限", "Approval authority of {role} changed"),
    "event.admin_working_day": ("设定 {day} 为工作日{note}", "{day} set as a working day{note}"),
    "event.admin_rest_day": ("设定 {day} 为休息日{note}", "{day} set as a day off{note}"),
    "event.admin_year_confirmed": (
        "确认 {year} 年法定节假日已录入",
        "Public holidays of {year} confirmed as entered",
    ),
    "event.admin_template_added": ("新增答复模板：{title}", "Reply template added: {title}"),
    "event.admin_template_changed": ("修改答复模板：{title}", "Reply template changed: {title}"),
    "event.admin_custom_added": ("新增自定义字段：{label}", "Custom field added: {label}"),
    "event.admin_custom_changed": ("修改自定义字段：{label}", "Custom field changed: {label}"),
    "event.admin_setting": ("修改设置 {key}", "Setting {key} changed"),
    "event.admin_user_added": (
        "新建用户 {name}（{username}），角色：{roles}，部门：{department}",
        "User added: {name} ({username}), roles: {roles}, department: {department}",
    ),
    # --- first run (branchdesk.services.setup) ---
    "setup.name": ("请填写网点名称", "Please fill in the branch name"),
    "setup.code": (
        "网点代码为 1–10 位字母或数字，例如 BJ01",
        "The branch code is 1–10 letters or digits, e.g. BJ01",
    ),
    "setup.admin_username": (
        "管理员用户名请用字母、数字，不含空格",
        "The administrator's user name has letters and digits, no spaces",
    ),
    "setup.admin_full_name": ("请填写管理员姓名", "Please fill in the administrator's name"),
    "setup.already": ("该数据库已经初始化过，不能重复初始化", "This database is already set up"),
    "event.initialised": (
        "初始化网点 {name}（{code}），创建管理员 {admin}",
        "Branch {name} ({code}) set up, administrator {admin} created",
    ),
    # --- storage (branchdesk.storage, branchdesk.config) ---
    "storage.not_initialised": (
        "数据库尚未初始化，请先运行 branchdesk init",
        "The database is not set up: run branchdesk init first",
    ),
    "storage.backup_check": ("备份文件校验失败：{result}", "The backup file failed its check: {result}"),
    "storage.newer_schema": (
        "数据库版本（{revision}）比本程序新，请升级客诉台后再打开。",
        "The database version ({revision}) is newer than this program: please upgrade BranchDesk first.",
    ),
    "storage.network_share": (
        "数据库文件位于网络共享目录（{folder}）。SQLite 在网络共享上会损坏数据，"
        "多台电脑共用请配置服务器数据库（--db postgresql+psycopg://…）。",
        "The database file is in a network share ({folder}). SQLite corrupts data on network shares; "
        "for several computers configure a database server (--db postgresql+psycopg://…).",
    ),
    # --- a damaged or foreign database file (branchdesk.storage.integrity), file and server failures ---
    "storage.is_directory": (
        "数据库位置是一个文件夹，不是数据库文件：{path}",
        "The database location is a folder, not a database file: {path}",
    ),
    "storage.empty_file": (
        "数据库文件是空的（0 字节）：{path}。可能是复制或保存时中断，这不是新数据库；请从备份恢复。",
        "The database file is empty (0 bytes): {path}. A copy or save was probably cut off; it is not "
        "a new database: restore a backup.",
    ),
    "storage.not_database": (
        "数据库文件开头已损坏，无法识别为数据库：{path}。请从备份恢复。",
        "The start of the database file is damaged, it cannot be read as a database: {path}. "
        "Restore a backup.",
    ),
    "storage.truncated": (
        "数据库文件不完整（应有 {expected} 字节，只有 {actual} 字节），可能是复制中断或磁盘故障：{path}。"
        "请从备份恢复。",
        "The database file is incomplete ({actual} of {expected} bytes): a copy was cut off or the disk "
        "failed: {path}. Restore a backup.",
    ),
    "storage.damaged": (
        "数据库文件中有损坏的数据页（{detail}）：{path}。请从备份恢复。",
        "The database file has damaged pages ({detail}): {path}. Restore a backup.",
    ),
    "storage.foreign_file": (
        "这不是客诉台的数据库文件（application_id 不符，是其他程序的 SQLite 文件）：{path}。"
        "本程序不会改动它，请检查所选的文件。",
        "This is not a BranchDesk database file (application_id differs: another program's SQLite "
        "file): {path}. It is left untouched: check which file was chosen.",
    ),
    "storage.wal_missing": (
        "数据库缺少最近保存的内容（审计记录应到第 {expected} 条，文件里只到第 {actual} 条）："
        "复制时可能漏了同名的 -wal 文件。请把 {path}-wal 一起放回，或从备份恢复。",
        "The database lacks its latest changes (the audit trail should reach event {expected}, the file "
        "reaches {actual}): it was probably copied without its -wal file. Put {path}-wal back beside it, "
        "or restore a backup.",
    ),
    "storage.cannot_open": (
        "无法打开数据库：{database}（{reason}）",
        "Cannot open the database: {database} ({reason})",
    ),
    "storage.server_unreachable": (
        "无法连接数据库服务器：{database}（服务器未启动、地址有误或网络不通）",
        "Cannot reach the database server: {database} (not running, wrong address or no network)",
    ),
    "storage.bad_url": (
        "无法识别的数据库地址：{url}（应为 SQLite 文件路径，或 postgresql+psycopg://…）",
        "Unrecognised database address: {url} (a SQLite file path, or postgresql+psycopg://…)",
    ),
    "storage.disk_full": (
        "磁盘已满，本次未保存：请腾出磁盘空间后重试。已保存的数据没有丢失。",
        "The disk is full; nothing was saved: free some disk space and try again. "
        "Data saved before is intact.",
    ),
    "io.disk_full": (
        "磁盘已满，无法写入 {path}：请腾出磁盘空间后重试。数据库中已保存的数据没有丢失。",
        "The disk is full, cannot write {path}: free some disk space and try again. The database is intact.",
    ),
    "io.permission": ("没有权限读写：{path}", "No permission to read or write: {path}"),
    "io.is_directory": ("这是一个文件夹，不是文件：{path}", "This is a folder, not a file: {path}"),
    "io.not_found": ("文件或文件夹不存在：{path}", "No such file or folder: {path}"),
    "io.failed": ("读写失败：{path}（{reason}）", "Reading or writing failed: {path} ({reason})"),
    "io.not_xlsx": (
        "无法读取 Excel 文件：{path}（不是 .xlsx 文件，或文件已损坏）",
        "Cannot read the Excel file: {path} (not an .xlsx file, or the file is damaged)",
    ),
    # --- backups (branchdesk.storage.backup) ---
    "backup.done": (
        "已备份：{path}（{size}，案件 {cases} 件，审计链头 {anchor}，用时 {seconds} 秒）",
        "Backed up: {path} ({size}, {cases} cases, audit head {anchor}, {seconds} s)",
    ),
    "backup.copy_failed": (
        "备份未能复制到第二个文件夹 {folder}：{reason}",
        "The backup could not be copied to the second folder {folder}: {reason}",
    ),
    "backup.none": ("还没有备份（{folder}）", "No backups yet ({folder})"),
    "backup.row": (
        "{created}  {size}  案件 {cases} 件  审计链头 {anchor}  {source}  {path}",
        "{created}  {size}  {cases} cases  audit head {anchor}  {source}  {path}",
    ),
    "backup.not_backup": (
        "不是可用的客诉台备份：{path}（{reason}）",
        "Not a usable BranchDesk backup: {path} ({reason})",
    ),
    "backup.reason_not_sqlite": ("不是 SQLite 数据库文件", "not a SQLite database file"),
    "backup.reason_not_ours": ("不是客诉台的数据库", "not a BranchDesk database"),
    "backup.reason_damaged": ("文件已损坏：{detail}", "the file is damaged: {detail}"),
    "backup.reason_empty": ("其中没有网点数据", "it holds no branch"),
    "backup.checksum": (
        "备份文件与其清单不符（SHA-256 校验和不同），文件已被改动或损坏：{path}",
        "The backup does not match its manifest (SHA-256 differs): it was altered or damaged: {path}",
    ),
    "backup.pg_dump_missing": (
        "服务器数据库请用 PostgreSQL 的 pg_dump 备份（本机未找到 pg_dump）：pg_dump -Fc -f 备份.dump {url}",
        "Back up a server database with PostgreSQL's pg_dump (not found on this PC): "
        "pg_dump -Fc -f backup.dump {url}",
    ),
    "backup.pg_dump_failed": ("pg_dump 失败：{reason}", "pg_dump failed: {reason}"),
    "backup.pg_done": ("已备份（pg_dump）：{path}（{size}）", "Backed up (pg_dump): {path} ({size})"),
    "backup.sqlite_only": (
        "备份列表与恢复只用于 SQLite 数据库文件；服务器数据库请用 pg_dump / pg_restore",
        "Listing and restoring backups is for SQLite database files; for a server use pg_dump / pg_restore",
    ),
    "backup.in_use": (
        "客诉台正在使用这个数据库（进程 {pid}）：请先关闭程序再恢复",
        "BranchDesk is using this database (process {pid}): close it before restoring",
    ),
    "backup.restored_new": (
        "已从备份恢复：{backup}（案件 {cases} 件，审计链头 {anchor}，用时 {seconds} 秒）",
        "Restored from {backup} ({cases} cases, audit head {anchor}, {seconds} s)",
    ),
    "backup.restored": (
        "已从备份恢复：{backup}（案件 {cases} 件，审计链头 {anchor}，用时 {seconds} 秒）；"
        "恢复前的数据库已保存为 {previous}",
        "Restored from {backup} ({cases} cases, audit head {anchor}, {seconds} s); the database as it was "
        "is kept as {previous}",
    ),
    # --- the database check (branchdesk.services.health) ---
    "check.database": ("数据库：{database}", "Database: {database}"),
    "check.no_file": (
        "数据库文件不存在：{path}（请先运行 branchdesk init）",
        "No database file: {path} (run branchdesk init first)",
    ),
    "check.integrity": ("SQLite 完整性检查失败：{result}", "SQLite integrity check failed: {result}"),
    "check.application_id": (
        "这不是客诉台的数据库文件（application_id 不符）",
        "This is not a BranchDesk database file (application_id differs)",
    ),
    "check.foreign_keys": ("外键引用损坏 {count} 处", "{count} broken foreign-key references"),
    "check.missing_tables": ("缺少数据表：{tables}", "Missing tables: {tables}"),
    "check.revision": (
        "结构版本：{revision}（程序需要 {head}）",
        "Schema version: {revision} (the program needs {head})",
    ),
    "check.will_upgrade": (
        "数据库结构版本 {revision} 较旧（程序需要 {head}）：下次启动程序或运行命令时会先备份，再自动升级",
        "The schema version {revision} is older than the program's {head}: it will be upgraded (after a "
        "backup) at the next start or command",
    ),
    "check.no_branch": (
        "数据库尚未初始化（没有网点信息），请运行 branchdesk init",
        "The database is not set up (no branch): run branchdesk init",
    ),
    "check.branch": ("网点：{name}（{code}）", "Branch: {name} ({code})"),
    "check.cases": ("案件数：{count}", "Cases: {count}"),
    "check.official_years": (
        "官方节假日数据覆盖：{first}–{last} 年",
        "Official holiday data covers {first}–{last}",
    ),
    "check.year_unconfirmed": (
        "{year} 年的法定节假日与调休尚未确认：期限按周一至周五估算。"
        "请在“设置 → 工作日历”录入国务院通知后标记该年已确认。",
        "The public holidays and swapped working days of {year} are not confirmed: deadlines assume "
        "Monday to Friday. Enter the State Council notice under “Settings → Working calendar”, "
        "then mark the year confirmed.",
    ),
    # --- the command line's own errors (branchdesk.cli) ---
    "cli.not_initialised": (
        "数据库尚未初始化：{database}（请先运行 branchdesk init）",
        "The database is not set up: {database} (run branchdesk init first)",
    ),
    "cli.user_required": (
        "branchdesk {command} 须以用户身份运行：请加 --user 用户名"
        "（密码在提示时输入，或用 --password-stdin）",
        "branchdesk {command} runs as a user: add --user NAME "
        "(the password is asked for, or use --password-stdin)",
    ),
    "cli.password_tty": (
        "无法交互输入密码：请在终端运行，或用 --password-stdin",
        "Cannot ask for the password: run in a terminal, or use --password-stdin",
    ),
    "cli.date_format": ("日期格式为 2026-01-31：{text}", "Dates are written 2026-01-31: {text}"),
    # --- printing (branchdesk.services.printing; the forms themselves stay Chinese) ---
    "print.form": ("表单须为：{forms}", "The form is one of: {forms}"),
    "print.mode": (
        "打印方式须为 plain（普通纸）或 overlay（套打）",
        "The mode is plain (blank paper) or overlay (pre-printed)",
    ),
    "print.copies": ("{form}只有第 {first}–{last} 联", "{form} has copies {first}–{last} only"),
    "print.draft": ("草稿不能打印内部表单", "Internal forms cannot be printed for a draft"),
    "print.unwritable": (
        "无法写入 PDF 文件 {file}：{reason}（未记为已打印）",
        "Cannot write the PDF file {file}: {reason} (not recorded as printed)",
    ),
    "event.printed_plain": (
        "打印{form}：第 {copies} 联（普通纸）",
        "Printed {form}: copy {copies} (blank paper)",
    ),
    "event.printed_overlay": (
        "打印{form}：第 {copies} 联（套打）",
        "Printed {form}: copy {copies} (pre-printed)",
    ),
    "event.reprinted_plain": (
        "补打{form}：第 {copies} 联（普通纸）",
        "Reprinted {form}: copy {copies} (blank paper)",
    ),
    "event.reprinted_overlay": (
        "补打{form}：第 {copies} 联（套打）",
        "Reprinted {form}: copy {copies} (pre-printed)",
    ),
    # --- reports and the ledger import (branchdesk.services.reports, .ledger_import) ---
    "report.month": ("月份格式为 2026-10", "Months are written 2026-10"),
    "report.roles": (
        "统计报表由客户关系经理、副总经理或总经理编制",
        "Reports are made by the customer relations manager, a deputy GM or the GM",
    ),
    "report.dates": ("结束日期不能早于开始日期", "The end date cannot be before the start date"),
    "import.unreadable": (
        "无法读取 Excel 文件 {file}：{reason}",
        "Cannot read the Excel file {file}: {reason}",
    ),
    "import.roles": (
        "导入台帐由客户关系经理或系统管理员进行",
        "The ledger is imported by the customer relations manager or the administrator",
    ),
    "import.raced": (
        "另一次导入同时写入了相同的台帐行：本次导入已全部撤回，请重新导入（已导入的行会被跳过）",
        "Another import wrote the same ledger rows at the same time: this import was undone entirely; "
        "run it again (rows already imported are skipped)",
    ),
    "import.batch_lost": (
        "本次导入已被撤回（长时间未完成，被视为中断）：未导入任何内容，请重新导入",
        "This import was undone (it took so long that it was taken for an interrupted one): "
        "nothing was imported; run it again",
    ),
    "event.ledger_imported": (
        "从台帐 {file}（{sheet}）导入 {imported} 件，跳过已导入 {skipped} 件",
        "Imported {imported} cases from ledger {file} ({sheet}), skipped {skipped} already imported",
    ),
    "event.row_imported": (
        "从台帐导入：{file}（{sheet}）第 {row} 行{recorder}",
        "Imported from ledger: {file} ({sheet}) row {row}{recorder}",
    ),
    "event.original_recorder": ("，原受理人 {name}", ", originally recorded by {name}"),
    # read side
    "time_left.overdue": ("已逾期", "Overdue"),
    "time_left.overdue_days": ("已逾期 {days} 天", "{days} days overdue"),
    "time_left.today": ("今日到期", "Due today"),
    "time_left.today_hours": ("今日到期（剩 {hours} 小时）", "Due today ({hours} h left)"),
    "time_left.working_days": ("剩 {days} 个工作日", "{days} working days left"),
    # --- issue 12 "approvals": approval chains as data (domain/approvals, services/approval_policy) ---
    "approval.step": ("{role}", "{role}"),
    "approval.step_responsible": ("{role}（责任部门）", "{role} (responsible department)"),
    "approval.no_steps": ("无需审批", "no approval"),
    "approval.responsible_department": (
        "本级须由责任部门的{role}签署",
        "This step must be signed by the responsible department's {role}",
    ),
    "approval.exact_role": (
        "本级须由{role}本人签署，不由他人代签",
        "This step must be signed by a {role}; nobody stands in",
    ),
    "approval.no_rule": (
        "没有适用于本方案的核决规则，请系统管理员在设置中添加一条兜底规则",
        "No approval rule applies to this resolution; the administrator must add a catch-all rule",
    ),
    "event.proposed_by_rule": (
        "提出处理方案：{type} {amount}，需 {chain} 审批（规则：{rule}）",
        "Resolution proposed: {type} {amount}, to be approved by {chain} (rule: {rule})",
    ),
    "event.proposed_no_approval": (
        "提出处理方案：{type} {amount}，无需审批（规则：{rule}），方案核准，待答复客户",
        "Resolution proposed: {type} {amount}, no approval needed (rule: {rule}): approved, to reply",
    ),
    "event.admin_approval_rule_added": ("新增核决规则：{label}", "Approval rule added: {label}"),
    "event.admin_approval_rule_changed": ("修改核决规则：{label}", "Approval rule changed: {label}"),
    "event.admin_approval_rule_deleted": ("删除核决规则：{label}", "Approval rule deleted: {label}"),
    "admin.rule_not_found": ("核决规则不存在", "The approval rule does not exist"),
    "admin.rule_label": ("请填写规则名称", "Please name the rule"),
    "admin.rule_role": ("审批角色不正确", "Invalid approver role"),
    "admin.rule_steps": ("审批步骤最多 {max} 步", "At most {max} approval steps"),
    "admin.rule_step_format": ("审批步骤格式不正确", "Invalid approval step"),
    "admin.rule_band": ("金额下限不能高于上限", "The lower amount cannot be above the upper amount"),
    "admin.rule_major": ("“重大”须为是、否或不限", "“Major” must be yes, no or any"),
    "admin.rule_last_catch_all": (
        "至少要保留一条启用的兜底规则（不设任何条件），否则有的方案找不到核决规则",
        "At least one active catch-all rule (no conditions) must remain, or a proposal could find no rule",
    ),
    # --- issue 12, calendar: the State Council holiday notice (domain/holiday_notice.py, calendar_admin.py)
    "notice.empty": (
        "请粘贴或打开节假日安排通知的全文",
        "Please paste or open the full text of the holiday notice",
    ),
    "notice.too_long": (
        "通知文字过长（最多 {limit} 字），请只粘贴通知本身",
        "The notice text is too long (at most {limit} characters); paste only the notice itself",
    ),
    "notice.no_year": (
        "看不出是哪一年的通知：标题应为“国务院办公厅关于YYYY年部分节假日安排的通知”，或另行指定年份",
        "Cannot tell the notice's year: its title should name it, or give the year",
    ),
    "notice.year_mismatch": (
        "指定的年份 {given} 与通知标题的 {title} 年不一致",
        "The year given, {given}, differs from the notice title's year {title}",
    ),
    "notice.year_range": ("年份须在 {first}–{last} 之间", "The year must be between {first} and {last}"),
    "notice.no_sections": (
        "没有找到节假日安排：通知应有“一、元旦：1月1日放假……”这样的各条",
        "No holiday arrangements found: the notice should have numbered items, one per holiday",
    ),
    "notice.line": ("看不懂这一行：{line}", "This line is not understood: {line}"),
    "notice.no_dates": (
        "“{name}”一条没有日期：{line}",
        "The item “{name}” names no dates: {line}",
    ),
    "notice.bad_date": ("日期不存在：{text}（{line}）", "No such date: {text} ({line})"),
    "notice.bad_range": ("日期范围有误：{line}", "The date range is wrong: {line}"),
    "notice.conflict": (
        "{day} 既是放假又是上班：{line}",
        "{day} is both a day off and a working day: {line}",
    ),
    "notice.count": (
        "“{name}”写明共 {stated} 天，按日期数出 {counted} 天",
        "“{name}” states {stated} days, its dates give {counted}",
    ),
    "notice.file_missing": ("文件不存在：{file}", "The file does not exist: {file}"),
    "notice.file_encoding": (
        "文件不是文本（UTF-8 或 GB18030）：{file}",
        "The file is not text (UTF-8 or GB18030): {file}",
    ),
    "event.admin_notice_applied": (
        "导入 {year} 年节假日安排通知：写入 {days} 天，确认 {year} 年法定节假日已录入",
        "Imported the {year} holiday notice: {days} days written, public holidays of {year} confirmed",
    ),
    # --- end of issue 12, calendar
    # --- issue 12 "fields": custom fields after intake, the branch profile ---------------------
    "event.custom_edited": ("修改自定义字段：{fields}", "Custom fields changed: {fields}"),
    "event.branch_profile": ("修改网点信息", "Branch profile changed"),
    "branch.postal_code": ("邮政编码应为 6 位数字", "The postal code has 6 digits"),
    "branch.form_custom_fields": (
        "表单自定义字段设置应为 表单 → 字段代码列表",
        "The forms' custom fields are form → list of field keys",
    ),
    # --- step deadlines that act (issue 12, part "steps") ---
    "event.step_escalation_held": (
        "已在{level}，再次提醒",
        "Already at {level}: reminded again",
    ),
    "event.step_overdue_note": (
        "：{step}应于 {due} 前完成，已提醒{role}",
        ": {step} was due by {due}; {role} alerted",
    ),
    "event.step_overdue_mark": ("{step}已逾期（应于 {due} 前完成）", "{step} overdue (due by {due})"),
    "event.step_overdue_notify": (
        "{step}已逾期（应于 {due} 前完成），已提醒{role}",
        "{step} overdue (due by {due}): {role} alerted",
    ),
    "event.first_contact": (
        "首次联系客户（{at}，{method}）{note}",
        "First contact with the customer ({at}, {method}){note}",
    ),
    "refusal.first_contact_done": ("本案已记录首次联系", "The first contact is already recorded"),
    "first_contact.method": ("请选择联系方式", "Choose how the customer was contacted"),
    "first_contact.time": (
        "联系时间须在 {first} 至 {last} 之间",
        "The contact time must lie between {first} and {last}",
    ),
    "step_policy.step": ("没有这个环节", "There is no such step"),
    "step_policy.outcome": (
        "请选择逾期后的处理：标记、升级或通知",
        "Choose what happens when late: mark, escalate or notify",
    ),
    "step_policy.role": ("请选择要升级或通知的角色", "Choose the role to escalate to or notify"),
    "event.admin_step_policy": ("修改环节期限策略：{step}", "Step deadline policy changed: {step}"),
    # --- issue 13 "forms": the printed forms as data ---
    "forms.code": (
        "表单代码请用字母、数字或下划线，最多 {limit} 个字符",
        "A form code has letters, digits or underscores, at most {limit} characters",
    ),
    "forms.text": ("请填写，最多 {limit} 个字", "Please fill this in, at most {limit} characters"),
    "forms.choice": ("请从以下选择：{choices}", "Choose one of: {choices}"),
    "forms.copies": ("一份表单有 1 到 {limit} 联", "A form has 1 to {limit} copies"),
    "forms.copy_number": (
        "联号为 1 到 {limit}，且不得重复",
        "Copy numbers run from 1 to {limit} and do not repeat",
    ),
    "forms.unknown_field": (
        "表单引用的字段不存在：{field}",
        "The form refers to a field that does not exist: {field}",
    ),
    "forms.box_not_printed": (
        "套打位置的字段不在表单内容中：{field}",
        "The overlay box's field is not among the form's fields: {field}",
    ),
    "forms.mm": ("位置超出纸张（毫米）", "The position is outside the paper (millimetres)"),
    "forms.box_size": ("行数为 1 到 20，字号为 5 到 20", "Lines run from 1 to 20, font size from 5 to 20"),
    "forms.too_many": ("一份表单最多 {limit} 个字段", "A form has at most {limit} fields"),
    "forms.offer": (
        "没有这个出单条件：{condition}",
        "There is no such condition for offering a form: {condition}",
    ),
    "forms.department": ("没有这个部门代码：{code}", "There is no department with the code {code}"),
    "forms.not_found": ("没有这个表单：{code}", "There is no such form: {code}"),
    "forms.exists": ("表单代码已存在：{code}", "The form code already exists: {code}"),
    "forms.last_active": ("至少要保留一个启用的表单", "At least one form must stay active"),
    "forms.shape": ("表单格式不正确：{reason}", "The form is not well formed: {reason}"),
    "event.forms_saved": ("修改表单：{form}（{code}）", "Form changed: {form} ({code})"),
    "event.forms_added": ("新增表单：{form}（{code}）", "Form added: {form} ({code})"),
    "event.forms_activated": ("启用表单：{form}（{code}）", "Form activated: {form} ({code})"),
    "event.forms_deactivated": ("停用表单：{form}（{code}）", "Form deactivated: {form} ({code})"),
}

#: Codes nothing produces any more but events stored earlier carry (issue 12 "approvals": the fixed
#: authority matrix's proposal and limit edit): kept so old timelines still render in both languages.
RETIRED_CODES = frozenset({"event.proposed", "event.proposed_major", "event.admin_authority"})

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    # --- issue 12, calendar: official holidays as chinesecalendar names them (domain/holiday_notice.py)
    "Holiday": {
        "new_years_day": ("元旦", "New Year's Day"),
        "spring_festival": ("春节", "Spring Festival"),
        "tomb_sweeping_day": ("清明节", "Tomb-sweeping Day"),
        "labour_day": ("劳动节", "Labour Day"),
        "dragon_boat_festival": ("端午节", "Dragon Boat Festival"),
        "national_day": ("国庆节", "National Day"),
        "mid_autumn_festival": ("中秋节", "Mid-autumn Festival"),
        "anti_fascist_70th_day": (
            "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
            "70th anniversary of the victory in the War of Resistance",
        ),
    },
    # --- end of issue 12, calendar
    "Action": {
        "edit_draft": ("修改草稿", "Edit draft"),
        "submit": ("提交登记", "Submit"),
        "triage": ("分诊", "Triage"),
        "assign": ("分派/转派", "Assign / reassign"),
        "record_investigation": ("填写调查报告", "Record investigation"),
        "propose": ("提出处理方案", "Propose resolution"),
        "approve": ("审批", "Approve"),
        "request_extension": ("申请延期", "Request extension"),
        "decide_extension": ("审批延期", "Decide extension"),
        "reply": ("答复客户", "Reply to customer"),
        "answer": ("答复并结案", "Answer and close"),
        "follow_up": ("回访", "Follow up"),
        "close": ("结案", "Close"),
        "close_abnormal": ("非正常结案", "Close abnormally"),
        "open_linked": ("开立关联案件", "Open linked case"),
        "void": ("作废", "Void"),
        "escalate": ("升级", "Escalate"),
        "inform_gm": ("登记已报告总经理", "Record GM informed"),
        "add_attachment": ("添加附件", "Add attachment"),
        "edit_custom": ("修改自定义字段", "Edit custom fields"),  # issue 12 "fields"
        "first_contact": ("首次联系", "First contact"),
    },
    # Stored in ``case.major_reasons``; the figures are on the case itself (major.* texts carry them).
    "MajorReason": {
        "repeat": ("重复投诉", "Repeat complaint"),
        "external_body": (
            "向厂家、监管部门或消费者协会投诉",
            "Complained to the manufacturer, a regulator or a consumer association",
        ),
        "media": ("媒体介入", "Media involved"),
        "lawsuit": ("扬言诉讼", "Lawsuit threatened"),
        "complainants": ("投诉人数达到重大投诉标准", "Complainants at the major-complaint threshold"),
        "injury": ("人身伤害", "Personal injury"),
        "loss": ("损失/索赔达到重大投诉标准", "Loss or claim at the major-complaint threshold"),
        "declared": ("客户关系经理认定", "Declared by the customer relations manager"),
    },
    # The printed forms' names (the titles printed on them are ``domain.defaults.FORM_TITLES``).
    "Form": {
        "receipt": ("客户投诉受理回执", "Complaint receipt"),
        "handling": ("客户抱怨处理表", "Complaint handling sheet"),
        "allowance": ("销货折让证明单", "Sales allowance certificate"),
        "return": ("成品退货单", "Goods return note"),
        "penalty": ("奖罚通知单", "Reward and penalty notice"),
        "report": ("投诉调查报告", "Complaint investigation report"),
    },
    # What the ledger import did with a row (branchdesk.services.ledger_import).
    "ImportOutcome": {
        "imported": ("导入", "Import"),
        "duplicate": ("已导入，跳过", "Already imported, skipped"),
        "problem": ("有问题", "Has problems"),
    },
    "Role": {
        "clerk": ("客服专员", "Customer service clerk"),
        "cr_manager": ("客户关系经理", "Customer relations manager"),
        "handler": ("处理责任人", "Case handler"),
        "dept_manager": ("部门经理", "Department manager"),
        "deputy_gm": ("副总经理", "Deputy general manager"),
        "gm": ("总经理", "General manager"),
        "admin": ("系统管理员", "Administrator"),
    },
    "Status": {
        "draft": ("草稿", "Draft"),
        "registered": ("待分诊", "To triage"),
        "pending_assignment": ("待处理", "To assign"),
        "invalid": ("无效待答复", "Invalid, to answer"),
        "in_progress": ("处理中", "In progress"),
        "pending_approval": ("待审批", "Awaiting approval"),
        "awaiting_reply": ("待答复", "Awaiting reply"),
        "not_accepted": ("客户不接受", "Not accepted"),
        "awaiting_followup": ("待回访", "Awaiting follow-up"),
        "closed": ("已结案", "Closed"),
        "void": ("作废", "Void"),
    },
    "Kind": {
        "consultation": ("咨询", "Consultation"),
        "suggestion": ("建议", "Suggestion"),
        "complaint": ("投诉", "Complaint"),
        "praise": ("表扬", "Praise"),
    },
    "Severity": {
        "normal": ("一般", "Normal"),
        "moderate": ("中度", "Moderate"),
        "severe": ("重度", "Severe"),
    },
    "CloseKind": {
        "resolved": ("已结案", "Closed"),
        "invalid": ("已结案(无效)", "Closed (invalid)"),
        "answered": ("已结案(已答复)", "Closed (answered)"),
        "abnormal": ("非正常结案", "Closed abnormally"),
        "superseded": ("已结案(转新案)", "Closed (new case opened)"),
    },
    "Decision": {
        "approve": ("批准", "Approved"),
        "reject": ("驳回", "Rejected"),
    },
    "LinkKind": {
        "not_accepted": ("客户不接受转新案", "Not accepted, new case"),
        "repeat": ("重复投诉", "Repeat complaint"),
        "about_handling": ("对处理过程的投诉", "Complaint about the handling"),
        "related": ("相关案件", "Related case"),
    },
    "EscalationReason": {
        "overdue": ("超过处理时限", "Past the deadline"),
        "dissatisfied": ("回访不满意", "Dissatisfied at follow-up"),
        "repeat": ("重复投诉", "Repeat complaint"),
        "about_handling": ("客户投诉处理过程", "Complaint about the handling"),
        "manual": ("手动升级", "Escalated by hand"),
        "step_overdue": ("环节逾期", "A step is overdue"),
    },
    "Responsibility": {
        "ours": ("我方", "Ours"),
        "customer": ("客户", "Customer"),
        "third_party": ("第三方/供应商", "Third party / supplier"),
        "undetermined": ("无法判定", "Undetermined"),
    },
    "EscalationLevel": {
        "0": ("处理责任人", "Case handler"),
        "1": ("部门经理", "Department manager"),
        "2": ("副总经理", "Deputy general manager"),
        "3": ("总经理", "General manager"),
    },
    "ExtensionStatus": {
        "pending": ("待审批", "Pending"),
        "approved": ("已批准", "Approved"),
        "rejected": ("已驳回", "Rejected"),
    },
    "DeadlineUnit": {
        "hours": ("小时", "hours"),
        "working_days": ("个工作日", "working days"),
        "calendar_days": ("天", "calendar days"),
        "working_hours": ("个工作小时", "working hours"),
        "same_working_day": ("当日（工作日）", "same working day"),
    },
    # read side
    "ResolutionStatus": {
        "pending": ("待审批", "Pending"),
        "approved": ("已核准", "Approved"),
        "rejected": ("已驳回", "Rejected"),
    },
    "DeadlineStep": {
        "first_contact": ("首次联系客户", "First contact"),
        "investigation": ("调查报告", "Investigation report"),
        "reply": ("答复客户", "Reply"),
        "follow_up": ("回访", "Follow-up"),
    },
    "Validity": {
        "valid": ("有效", "Valid"),
        "invalid": ("无效", "Invalid"),
    },
    "Improvement": {
        "tracked": ("列案追踪", "Tracked as a case"),
        "exempt": ("人为疏忽免列案追踪", "Human error, not tracked"),
    },
    # Field names of the timeline's changes (old → new); the Chinese is the form's wording.
    "Field": {
        "received_at": ("受理时间", "Received"),
        "channel": ("投诉渠道", "Channel"),
        "kind": ("性质", "Kind"),
        "complainant_name": ("投诉人姓名", "Customer name"),
        "complainant_title": ("称呼", "Title"),
        "phone": ("联系电话", "Phone"),
        "address": ("地址", "Address"),
        "email": ("电子邮件", "E-mail"),
        "company": ("单位/客户名称", "Company / customer"),
        "customer_type": ("客户类型", "Customer type"),
        "is_foreign": ("国内/国外", "Domestic / abroad"),
        "product": ("产品或服务", "Product or service"),
        "order_no": ("订单编号", "Order no."),
        "part_no": ("料号/型号", "Part no. / model"),
        "lot_no": ("批号", "Lot no."),
        "quantity": ("数量", "Quantity"),
        "defective_quantity": ("不良数量", "Defective quantity"),
        "delivery_date": ("交运日期", "Delivery date"),
        "vehicle_model": ("车型", "Vehicle model"),
        "plate": ("车牌", "Number plate"),
        "occurred_at": ("事件发生时间", "Occurred at"),
        "complained_department_id": ("被投诉部门", "Department complained about"),
        "complained_user_id": ("被投诉人", "Person complained about"),
        "complained_person": ("被投诉人", "Person complained about"),
        "content": ("投诉内容", "Complaint"),
        "request_type": ("客户要求", "Customer's request"),
        "request_amount": ("要求金额", "Amount asked"),
        "request_text": ("要求说明", "Request details"),
        "complainant_count": ("投诉人数", "Number of complainants"),
        "contact": ("联系方式", "Contact"),
        "repeat_of_case_no": ("原投诉编号", "Earlier case no."),
        "status": ("状态", "Status"),
        "valid": ("有效性", "Validity"),
        "invalid_reason": ("无效原因", "Why invalid"),
        "category_id": ("投诉类别", "Category"),
        "severity": ("等级", "Severity"),
        "loss_estimate_fen": ("损失估计", "Estimated loss"),
        "declared_major": ("认定重大", "Declared major"),
        "responsible_department_id": ("责任部门", "Responsible department"),
        "handler_id": ("处理责任人", "Handler"),
        "triaged_at": ("分诊时间", "Triaged at"),
        "assigned_at": ("分派时间", "Assigned at"),
        "deadline_at": ("处理期限", "Deadline"),
        "deadline_unconfirmed": ("期限待确认", "Deadline unconfirmed"),
        "escalation_level": ("升级级别", "Escalation level"),
        "gm_informed_at": ("报告总经理时间", "GM informed at"),
        "request_amount_fen": ("要求金额", "Amount asked"),
        "custom_values": ("自定义字段", "Custom fields"),
        "phone_normalized": ("联系电话", "Phone"),
        "cause": ("发生原因", "Cause"),
        "details": ("具体经过", "What happened"),
        "conclusion": ("调查结论", "Conclusion"),
        "responsibility": ("责任归属", "Responsibility"),
        "responsible_person": ("责任人", "Responsible person"),
        "corrective_action": ("纠正措施", "Corrective action"),
        "preventive_action": ("预防措施", "Preventive action"),
        "track_improvement": ("改善追踪", "Improvement tracking"),
        "roles": ("角色", "Roles"),
        "working": ("工作日", "Working day"),
        "note": ("备注", "Note"),
        "reason": ("原因", "Reason"),
        "customer_consent": ("客户同意情况", "Customer's consent"),
        "comments": ("回访意见", "Follow-up comments"),
        "resolution_text": ("方案说明", "Resolution details"),
        "resolution_type": ("处理方式", "Resolution type"),
        "method": ("方式", "Method"),
        "password": ("密码", "Password"),
        "filename": ("文件名", "File name"),
        "media_type": ("文件类型", "File type"),
        "attachment_note": ("附件说明", "Attachment note"),
        "code": ("代码", "Code"),
        "category_code": ("类别代码", "Category code"),
        "name": ("名称", "Name"),
        "label": ("名称", "Label"),
        "custom_label": ("字段名称", "Field label"),
        "custom_choice": ("选项", "Choice"),
        "choices": ("选项", "Choices"),
        "title": ("标题", "Title"),
        "body": ("正文", "Text"),
        "username": ("用户名", "User name"),
        "full_name": ("姓名", "Full name"),
        "calendar_note": ("日历备注", "Calendar note"),
        "setting": ("设置", "Setting"),
        "search": ("搜索", "Search"),
        "filter_code": ("筛选条件", "Filter"),
        "satisfaction": ("满意度", "Satisfaction"),
        "shares": ("责任比例", "Responsibility shares"),
        "replied_at": ("答复时间", "Replied at"),
        "visited_at": ("回访时间", "Visited at"),
        "new_deadline": ("新期限", "New deadline"),
        "informed_at": ("报告时间", "Informed at"),
        "amount": ("金额", "Amount"),
        "loss_estimate": ("损失估计", "Estimated loss"),
        "max_amount": ("核决上限", "Upper limit"),
        "priority": ("优先顺序", "Priority"),
        "sla_amount": ("期限长度", "Time allowed"),
        "day": ("日期", "Day"),
        "year": ("年份", "Year"),
        "handler": ("处理责任人", "Handler"),
        "responsible_department": ("责任部门", "Responsible department"),
        "department": ("部门", "Department"),
        "category": ("投诉类别", "Category"),
        "user": ("用户", "User"),
        "level_order": ("核决级别", "Authority level"),
        "rule": ("期限规则", "Deadline rule"),
        "template": ("回复模板", "Reply template"),
        "attachment": ("附件", "Attachment"),
        "received_from": ("受理日期自", "Received from"),
        "received_to": ("受理日期至", "Received to"),
        "offset": ("起始行", "First row"),
        "limit": ("行数", "Rows"),
        "key": ("字段代码", "Field key"),
        "custom_value": ("自定义字段", "Custom field"),
        "decision": ("核决意见", "Decision"),
        # issue 12 "approvals": the approval rule form
        "min_amount": ("金额下限", "Lowest amount"),
        "steps": ("审批步骤", "Approval steps"),
        "approval_rule": ("核决规则", "Approval rule"),
        "active": ("启用", "Active"),
        # issue 12 "fields": the branch profile
        "fax": ("传真", "Fax"),
        "postal_code": ("邮政编码", "Postal code"),
        "branch_name": ("网点名称", "Branch name"),
        "branch_code": ("网点代码", "Branch code"),
        # --- step deadlines that act (issue 12, part "steps") ---
        "contacted_at": ("联系时间", "Contacted at"),
        "first_contacted_at": ("首次联系时间", "First contacted at"),
        "warn_before_minutes": ("提前提醒（分钟）", "Warn before (minutes)"),
        "on_overdue": ("逾期后", "When late"),
        "step_role": ("升级/通知角色", "Role to escalate to / notify"),
        "step_active": ("启用", "Active"),
        "role": ("角色", "Role"),
        # --- issue 17, part D: bulk assignment from the queue ---
        "cases": ("案件", "Cases"),
    },
    # --- step deadlines that act (issue 12, part "steps") ---
    "TrackedStep": {
        "first_contact": ("首次联系客户", "First contact"),
        "investigation": ("调查报告", "Investigation report"),
        "reply": ("答复客户", "Reply"),
        "follow_up": ("回访", "Follow-up"),
        "gm_inform": ("报告总经理", "Inform the GM"),
    },
    "StepOutcome": {
        "mark": ("标记逾期", "Mark overdue"),
        "escalate": ("升级", "Escalate"),
        "notify": ("通知", "Notify"),
    },
    "StepState": {
        "not_due": ("未开始", "Not started"),
        "pending": ("进行中", "Running"),
        "due_soon": ("即将到期", "Due soon"),
        "overdue": ("已逾期", "Overdue"),
        "done": ("已完成", "Done"),
        "skipped": ("未记录", "Not recorded"),
    },
    # The columns of a paper-era ledger the import recognises (the Chinese is the ledger's heading).
    "LedgerColumn": {
        "number": ("序号", "No."),
        "received_at": ("受理时间", "Received"),
        "complainant_name": ("投诉人", "Complainant"),
        "phone": ("联系电话", "Phone"),
        "channel": ("投诉渠道", "Channel"),
        "content": ("投诉内容", "Complaint"),
        "request": ("客户要求", "Customer's request"),
        "recorder": ("受理人", "Taken by"),
        "department": ("责任部门", "Responsible department"),
        "result": ("处理结果", "Outcome"),
        "opinion": ("投诉人意见", "Complainant's opinion"),
        "closed_at": ("结案日期", "Closed on"),
        "remark": ("备注", "Remarks"),
    },
}

# --- issue 12, vocabularies -------------------------------------------------------------------------

CATALOGUE.update(
    {
        "vocabulary.unknown_list": ("没有这个选项列表", "There is no such list"),
        "vocabulary.unknown": ("这个名称表不能改名", "The names of this vocabulary cannot be changed"),
        "vocabulary.unknown_code": ("没有这个代码", "There is no such code"),
        "vocabulary.not_found": ("列表中没有这个选项", "The list has no such item"),
        "vocabulary.code": (
            "代码以字母开头，只用字母、数字和下划线，最多 {limit} 个字符",
            "A code starts with a letter and uses only letters, digits and underscores, "
            "at most {limit} characters",
        ),
        "vocabulary.code_taken": ("列表中已有这个代码", "The list already has this code"),
        "vocabulary.label_taken": ("列表中已有同名选项", "The list already has an item with this name"),
        "vocabulary.in_use": (
            "「{label}」已用于 {count} 个案件，不能删除；可以停用（旧案件仍显示它）",
            "'{label}' is used by {count} cases and cannot be deleted; deactivate it instead "
            "(old cases still show it)",
        ),
        "vocabulary.last_active": (
            "「{list}」至少要保留一个启用的选项",
            "'{list}' must keep at least one active item",
        ),
        "event.vocabulary_added": ("「{list}」新增选项 {label}", "{list}: item {label} added"),
        "event.vocabulary_renamed": ("「{list}」选项改名为 {label}", "{list}: item renamed to {label}"),
        "event.vocabulary_moved": ("「{list}」调整选项 {label} 的顺序", "{list}: item {label} moved"),
        "event.vocabulary_deactivated": ("「{list}」停用选项 {label}", "{list}: item {label} deactivated"),
        "event.vocabulary_activated": ("「{list}」启用选项 {label}", "{list}: item {label} reactivated"),
        "event.vocabulary_deleted": ("「{list}」删除选项 {label}", "{list}: item {label} deleted"),
        "event.label_renamed": ("「{code}」改称 {label}", "'{code}' renamed to {label}"),
        "event.label_restored": ("「{code}」恢复默认名称", "'{code}' has its shipped name again"),
        "admin.category_depth": (
            "类别最多三级：「{parent}」已是第三级，不能再建下级",
            "Categories go three levels deep: '{parent}' is already on the third level",
        ),
        "close.abnormal_reason": ("请选择非正常结案理由", "Please choose the reason for closing abnormally"),
    }
)

#: The editable pick lists, named.
LABELS["VocabularyList"] = {
    "channel": ("投诉渠道", "Channels"),
    "customer_type": ("客户类别", "Customer types"),
    "request_type": ("客户要求", "Request types"),
    "resolution_type": ("处理方式", "Resolution types"),
    "invalid_reason": ("无效投诉理由", "Invalid-complaint reasons"),
    "abnormal_reason": ("非正常结案理由", "Abnormal-closure reasons"),
    "reply_method": ("答复方式", "Reply methods"),
    "followup_method": ("回访方式", "Follow-up methods"),
    "complainant_title": ("称呼", "Complainant titles"),
}
#: The sections of a policy file, as the import's list of changes names them.
LABELS["PolicySection"] = {
    "header": ("策略说明", "Policy header"),
    "settings": ("设置", "Settings"),
    "names": ("名称", "Names"),
    "categories": ("投诉类别", "Categories"),
    "departments": ("部门", "Departments"),
    "deadline_rules": ("处理时效规则", "Deadline rules"),
    "step_policies": ("环节期限", "Step deadlines"),
    "approval_rules": ("核决规则", "Approval rules"),
    "reply_templates": ("答复模板", "Reply templates"),
    "custom_fields": ("自定义字段", "Custom fields"),
    "forms": ("表单", "Forms"),
    "calendar": ("工作日历", "Working calendar"),
}
CATALOGUE["policy.section_list"] = ("选项列表「{list}」", "List “{list}”")
#: The fixed vocabularies a branch may rename, named.
LABELS["Vocabulary"] = {
    "Kind": ("性质", "Kinds"),
    "Severity": ("严重程度", "Severities"),
    "Status": ("状态", "Statuses"),
    "CloseKind": ("结案方式", "Close kinds"),
    "Role": ("角色", "Roles"),
}
LABELS["Field"].update(
    {
        "list": ("选项列表", "List"),
        "vocabulary": ("名称表", "Vocabulary"),
        "label_zh": ("中文名称", "Chinese name"),
        "label_en": ("英文名称", "English name"),
        "active": ("启用", "Active"),
        "move_by": ("移动", "Move"),
        "abnormal_reason": ("非正常结案理由", "Reason for closing abnormally"),
    }
)
# --- issue 12 "rules": deadline rules and business hours ------------------------------------------
CATALOGUE.update(
    {
        "deadline_rules.step": (
            "请选择规则所定时限：整案或某一步骤",
            "Please choose what the rule times: the case or a step",
        ),
        "deadline_rules.channel": (
            "受理渠道不在本单位的渠道列表中",
            "The channel is not in the branch's list",
        ),
        "deadline_rules.customer_type": (
            "客户类型不在本单位的列表中",
            "The customer type is not in the branch's list",
        ),
        "deadline_rules.custom_key": ("请选择自定义字段", "Please choose a custom field"),
        "deadline_rules.custom_value": ("请填写自定义字段的取值", "Please enter the custom field's value"),
        "deadline_rules.custom_choice": (
            "该取值不在此字段的选项中",
            "The value is not among the field's choices",
        ),
        "deadline_rules.last_catch_all_case": (
            "这是最后一条适用于所有案件的整案时效规则，不能删除或加条件：每个案件都须有处理期限",
            "This is the last case rule that applies to every case; it cannot be deleted or narrowed: "
            "every case needs a deadline",
        ),
        "deadline_rules.last_catch_all_step": (
            "这是「{step}」最后一条适用于所有案件的规则，不能删除或加条件",
            "This is the last rule for “{step}” that applies to every case; it cannot be deleted or narrowed",
        ),
        "deadline_rules.clock": ("请按 时:分 填写，如 08:30", "Please enter a time as HH:MM, e.g. 08:30"),
        "deadline_rules.hours_order": ("下班时间须晚于上班时间", "Closing must be later than opening"),
        "deadline_rules.lunch_pair": (
            "午休开始和结束须同时填写或同时留空",
            "Enter both the lunch break's start and end, or neither",
        ),
        "deadline_rules.lunch_inside": (
            "午休须在上班时间之内，且结束晚于开始",
            "The lunch break must lie within business hours and end after it starts",
        ),
        "event.admin_sla_deleted": ("删除处理时效规则：{label}", "Deadline rule deleted: {label}"),
        "event.admin_business_hours": ("修改营业时间", "Business hours changed"),
    }
)
LABELS["Field"].update(
    {
        "step": ("时效对象", "Times"),
        "unit": ("时限单位", "Unit"),
        "min_severity": ("最低等级", "Severity at least"),
        "major": ("重大", "Major"),
        "foreign": ("国外", "Abroad"),
        "severity_or_major": ("或重大", "Or major"),
        "custom_key": ("自定义字段代码", "Custom field key"),
        "office_opens": ("上班时间", "Office opens"),
        "office_closes": ("下班时间", "Office closes"),
        "lunch_starts": ("午休开始", "Lunch starts"),
        "lunch_ends": ("午休结束", "Lunch ends"),
    }
)

# --- issue 13 "policy": policy files and presets (branchdesk/policy/, services/policy.py) ---------
CATALOGUE.update(
    {
        "policy.syntax": (
            "文件不是有效的 TOML：{detail}",
            "The file is not valid TOML: {detail}",
        ),
        "policy.format": (
            "format：不认识的格式版本“{value}”（本程序读取格式 1）",
            "format: unknown format version “{value}” (this program reads format 1)",
        ),
        "policy.unknown_key": ("{place}：不认识的项", "{place}: unknown key"),
        "policy.missing": ("{place}：缺少此项", "{place}: missing"),
        "policy.wrong_type": (
            "{place}：类型不对，应为 {expected}",
            "{place}: wrong type, expected {expected}",
        ),
        "policy.too_many": (
            "{place}：超过 {limit} 项",
            "{place}: more than {limit} entries",
        ),
        "policy.bad_text": (
            "{place}：文字为空或超过 {limit} 个字",
            "{place}: text empty or longer than {limit} characters",
        ),
        "policy.bad_code": (
            "{place}：代码“{value}”不合格式（字母开头，只用字母、数字、下划线和点）",
            "{place}: code “{value}” is malformed (a letter first, then letters, digits, _ and .)",
        ),
        "policy.bad_number": (
            "{place}：数值应在 {low} 到 {high} 之间",
            "{place}: must be from {low} to {high}",
        ),
        "policy.bad_band": (
            "{place}：金额上限小于下限",
            "{place}: the upper amount is below the lower amount",
        ),
        "policy.bad_time": (
            "{place}：时间应为 HH:MM 或空",
            "{place}: time must be HH:MM or empty",
        ),
        "policy.bad_date": (
            "{place}：日期应为 YYYY-MM-DD",
            "{place}: date must be YYYY-MM-DD",
        ),
        "policy.duplicate": ("{place}：“{value}”重复", "{place}: “{value}” appears twice"),
        "policy.unknown_unit": (
            "{place}：不认识的单位“{value}”",
            "{place}: unknown unit “{value}”",
        ),
        "policy.unknown_role": (
            "{place}：不认识的角色“{value}”",
            "{place}: unknown role “{value}”",
        ),
        "policy.unknown_kind": (
            "{place}：不认识的受理类型“{value}”",
            "{place}: unknown kind “{value}”",
        ),
        "policy.unknown_severity": (
            "{place}：不认识的严重程度“{value}”",
            "{place}: unknown severity “{value}”",
        ),
        "policy.unknown_step": (
            "{place}：不认识的环节“{value}”",
            "{place}: unknown step “{value}”",
        ),
        "policy.unknown_form": (
            "{place}：不认识的表单“{value}”",
            "{place}: unknown form “{value}”",
        ),
        "policy.form_problem": ("{place}：{problem}", "{place}: {problem}"),
        "policy.form_layout": (
            "{place}：表单版式不完整或格式不对（标题、纸张、栏目、套打位置）",
            "{place}: the form's layout is incomplete or malformed (title, paper, sections, overlay boxes)",
        ),
        "policy.unknown_vocabulary": (
            "{place}：不能改名的代码表“{value}”",
            "{place}: “{value}” is not a renamable vocabulary",
        ),
        "policy.unknown_value": (
            "{place}：不认识的值“{value}”",
            "{place}: unknown value “{value}”",
        ),
        "policy.unknown_list": ("{place}：没有这个选项列表", "{place}: no such pick list"),
        "policy.unknown_setting": (
            "{place}：不是策略设置（不认识，或属于本网点资料/本机）",
            "{place}: not a policy setting (unknown, or the branch's profile / this installation)",
        ),
        "policy.setting": ("{place}：{problem}", "{place}: {problem}"),
        "policy.problem": ("{place}：{problem}", "{place}: {problem}"),
        "policy.no_parent": (
            "{place}：上级分类“{value}”不存在（上级须写在前面）",
            "{place}: parent category “{value}” does not exist (parents come first)",
        ),
        "policy.too_deep": (
            "{place}：分类最多 {limit} 级",
            "{place}: categories go at most {limit} levels deep",
        ),
        "policy.unknown_category": (
            "{place}：分类“{value}”不存在",
            "{place}: category “{value}” does not exist",
        ),
        "policy.unknown_custom": (
            "{place}：自定义字段“{value}”不存在",
            "{place}: custom field “{value}” does not exist",
        ),
        "policy.unknown_choice": (
            "{place}：“{value}”不在列表 {list} 中",
            "{place}: “{value}” is not in the list {list}",
        ),
        "policy.no_steps": ("{place}：至少要有一级签核", "{place}: at least one signing step"),
        "policy.invalid": (
            "策略文件有 {count} 处问题，未做任何改动",
            "The policy file has {count} problem(s); nothing was changed",
        ),
        "policy.too_big": (
            "策略文件超过 {limit} KB",
            "The policy file is larger than {limit} KB",
        ),
        "policy.no_source": (
            "找不到策略文件或预设策略“{source}”",
            "No policy file or preset named “{source}”",
        ),
        "policy.unknown_preset": ("没有名为“{name}”的预设策略", "No preset named “{name}”"),
        "policy.unreadable": (
            "读不了“{source}”：{detail}",
            "Cannot read “{source}”: {detail}",
        ),
        "policy.change_added": ("{section}：新增 {item}", "{section}: added {item}"),
        "policy.change_changed": (
            "{section}：修改 {item}（{detail}）",
            "{section}: changed {item} ({detail})",
        ),
        "policy.change_removed": ("{section}：删除 {item}", "{section}: removed {item}"),
        "policy.change_deactivated": (
            "{section}：停用 {item}（文件中没有；已有案件可能使用，不删除）",
            "{section}: deactivated {item} (not in the file; cases may use it, so it is kept)",
        ),
        "policy.no_changes": (
            "策略与本网点现行策略相同，无需改动",
            "The policy is the same as the branch's: nothing to change",
        ),
        "event.policy_imported": (
            "导入策略“{title}”：{count} 处改动",
            "Imported policy “{title}”: {count} change(s)",
        ),
    }
)

# --- issue 17 part E "intake": empty drafts, correcting a registered case's intake --------------------

CATALOGUE.update(
    {
        "intake.draft_empty": (
            "表单是空的：没有保存草稿，也没有占用案件编号",
            "The form is empty: no draft was saved and no case number was used",
        ),
        "correct.not_recorder": (
            "分诊前只有登记本案的受理员或客户关系经理可以更正受理信息",
            "Before triage only the clerk who registered the case or the customer relations manager "
            "may correct its intake",
        ),
        "correct.after_triage": (
            "本案已分诊，只有客户关系经理可以更正受理信息",
            "The case has been triaged: only the customer relations manager may correct its intake",
        ),
        "correct.nothing_changed": ("没有修改任何受理信息", "Nothing in the intake was changed"),
        "correct.unknown_field": ("{field}不能在这里更正", "{field} cannot be corrected here"),
        "event.intake_corrected": (
            "更正受理信息（{fields}），原因：{reason}",
            "Intake corrected ({fields}), reason: {reason}",
        ),
        "event.deadline_recomputed": (
            "更正后处理期限由 {old} 改为 {new}",
            "After the correction the deadline moved from {old} to {new}",
        ),
        "event.prints_superseded": (
            "更正前打印的 {count} 份表单已标记为作废",
            "{count} copies printed before the correction are marked superseded",
        ),
    }
)
CATALOGUE.update(
    {
        "attachment.unreadable": ("读不了文件“{file}”：{reason}", "Cannot read “{file}”: {reason}"),
        "attachment.type_refused": (
            "不接受 {ext} 类型的附件（可接受：{types}）",
            "Attachments of type {ext} are not taken (taken: {types})",
        ),
    }
)
LABELS["Action"]["correct_intake"] = ("更正受理信息", "Correct intake")

# --- issue 17 part F: case window, printing, settings ---------------------------------------------
CATALOGUE.update(
    {
        "event.saved_pdf": (
            "另存{form}为 PDF：第 {copies} 联（未计为打印）",
            "Saved {form} as a PDF: copy {copies} (not counted as printed)",
        ),
        "admin.user_changed": (
            "用户 {name} 的资料已被他人修改，请看过最新资料后再改",
            "User {name} was changed by someone else meanwhile: look at the latest details, then edit again",
        ),
        "event.admin_user_edited": ("修改用户 {name} 的资料", "Details of user {name} changed"),
        "import.cancelled": (
            "已取消导入：已写入的部分全部撤回，台账未导入任何案件",
            "Import cancelled: what was written is undone, no case of the ledger was imported",
        ),
    }
)
# --- issue 17 "notify": notifications, per user ---------------------------------------------------
CATALOGUE.update(
    {
        "notify.assigned": ("{by} 将案件 {case_no} 分派给您处理", "{by} assigned case {case_no} to you"),
        "notify.approval": (
            "案件 {case_no} 的处理方案等待您审批（{step}）",
            "The resolution of case {case_no} waits for your approval ({step})",
        ),
        "notify.reply_ready": (
            "案件 {case_no} 的处理方案已核准，请答复客户",
            "The resolution of case {case_no} is approved: please reply to the customer",
        ),
        "notify.step_due": (
            "案件 {case_no}：{step}将于 {due} 到期",
            "Case {case_no}: {step} is due at {due}",
        ),
        "notify.unknown": ("案件 {case_no} 有新通知", "Case {case_no} has a new notification"),
    }
)
LABELS["Field"].update({"ids": ("通知", "Notifications"), "after_id": ("起始通知", "First notification")})
# --- issue 16 "perf": the demo says its users' password is public and cheaply hashed ---
CATALOGUE.update(
    {
        "demo.cheap_hashes": (
            "演示用户共用公开密码，密码以 argon2 最低参数保存（仅供演示，勿用于真实网点）",
            "Demo users share a public password, stored with argon2's cheapest parameters"
            " (for trying the app only, never for a real branch)",
        ),
    }
)
# --- issue 14 part A: opinions from several departments on one case (会签/协办) ----------------------
CATALOGUE.update(
    {
        "refusal.opinions_pending": (
            "还在等待以下部门的会签意见：{departments}。请等意见到齐，或由经理记录“不等会签继续”",
            "Still waiting for the opinions of: {departments}. Wait for them, or a manager records"
            " “Proceed without waiting”",
        ),
        "opinion.ask_not_yours": (
            "只有本案的处理责任人、责任部门经理或客户关系经理才能请求会签",
            "Only the case's handler, the responsible department's manager or the CR manager may ask"
            " for opinions",
        ),
        "opinion.no_department": ("请至少选择一个会签部门", "Choose at least one department"),
        "opinion.duplicate_department": ("同一部门选了两次", "A department is chosen twice"),
        "opinion.own_department": (
            "责任部门不需要向自己请求会签",
            "The responsible department does not ask itself for an opinion",
        ),
        "opinion.already_pending": (
            "所选部门已有一个待回复的会签请求",
            "A chosen department has already been asked and has not answered yet",
        ),
        "opinion.not_pending": ("这个会签请求已是“{state}”，不能再填写", "This request is already “{state}”"),
        "opinion.not_your_department": (
            "只有被请求部门的部门经理或处理责任人才能填写该部门的会签意见",
            "Only a manager or handler of the department asked may give its opinion",
        ),
        "opinion.nothing_for_you": (
            "本案没有等待您部门回复的会签请求",
            "This case waits for no opinion from your department",
        ),
        "opinion.none_pending": ("本案没有待回复的会签请求", "This case waits for no opinion"),
        "opinion.proceed_not_yours": (
            "只有责任部门经理、客户关系经理、副总经理或总经理才能决定不等会签继续",
            "Only the responsible department's manager, the CR manager, a deputy GM or the GM may"
            " proceed without waiting",
        ),
        "opinion.share_range": ("责任比率应在 0 到 100 之间", "The share must be between 0 and 100"),
        "opinion.not_found": ("没有这个会签请求", "There is no such request for an opinion"),
        "event.opinion_asked": (
            "请求会签：{departments}，{due} 前给出意见。问题：{question}",
            "Asked for opinions: {departments}, due {due}. Question: {question}",
        ),
        "event.opinion_given": ("{department}会签意见：{opinion}", "Opinion of {department}: {opinion}"),
        "event.opinion_given_late": (
            "{department}会签意见（逾期）：{opinion}",
            "Opinion of {department} (late): {opinion}",
        ),
        "event.opinion_given_share": (
            "{department}会签意见（责任比率 {share}%）：{opinion}",
            "Opinion of {department} (share {share}%): {opinion}",
        ),
        "event.opinion_given_share_late": (
            "{department}会签意见（责任比率 {share}%，逾期）：{opinion}",
            "Opinion of {department} (share {share}%, late): {opinion}",
        ),
        "event.opinions_waived": (
            "不等会签继续：{departments}的会签不再等待。理由：{reason}",
            "Proceeding without waiting for the opinions of {departments}. Reason: {reason}",
        ),
        "event.opinion_late_note": (
            "{department}的会签意见应于 {due} 前给出",
            "the opinion of {department} was due {due}",
        ),
        "event.opinion_late_notify": (
            "{department}的会签意见已逾期（应于 {due} 前给出），通知{role}",
            "The opinion of {department} is late (due {due}); {role} notified",
        ),
        "event.opinion_late_mark": (
            "{department}的会签意见已逾期（应于 {due} 前给出）",
            "The opinion of {department} is late (due {due})",
        ),
        "notify.opinion_asked": (
            "案件 {case_no} 请{department}会签，{due} 前给出意见",
            "Case {case_no}: {department} is asked for its opinion, due {due}",
        ),
        "notify.opinion_late": (
            "案件 {case_no}：{department}的会签意见已逾期（应于 {due} 前给出）",
            "Case {case_no}: the opinion of {department} is late (due {due})",
        ),
    }
)
LABELS["DeadlineStep"]["opinion"] = ("会签意见", "Department opinion")
LABELS["TrackedStep"]["opinion"] = ("会签意见", "Department opinion")
LABELS["Action"].update(
    {
        "ask_opinion": ("请求会签", "Ask for opinions"),
        "give_opinion": ("填写会签意见", "Give opinion"),
        "proceed_without_opinions": ("不等会签继续", "Proceed without waiting"),
    }
)
LABELS["OpinionState"] = {
    "pending": ("待回复", "Pending"),
    "given": ("已回复", "Given"),
    "waived": ("不再等待", "Waived"),
}
LABELS["Field"].update(
    {
        "question": ("会签问题", "Question"),
        "departments": ("会签部门", "Departments"),
        "opinion": ("会签意见", "Opinion"),
        "share_percent": ("责任比率", "Share"),
        "opinion_id": ("会签请求", "Request"),
    }
)
# --- issue 14 part B: corrective and preventive actions (CAPA) -----------------------------------
CATALOGUE.update(
    {
        "capa.add_refused": (
            "只有本案的处理责任人或{role}可以添加纠正预防措施",
            "Only the case's handler or the {role} adds corrective and preventive actions",
        ),
        "capa.state": (
            "措施当前为“{status}”，不能{action}",
            "The item is “{status}”: “{action}” is not possible now",
        ),
        "capa.owner_only": (
            "只有措施负责人（或监督角色）可以标记完成",
            "Only the item's owner (or the oversight role) marks it done",
        ),
        "capa.own_item": (
            "措施负责人不能验证自己的措施，请由其他人验证",
            "The owner may not verify their own item: someone else verifies it",
        ),
        "capa.oversight_only": ("只有{role}可以进行此操作", "Only the {role} does this"),
        "capa.not_found": (
            "纠正预防措施 #{id} 不存在或您无权查看",
            "Corrective/preventive action #{id} not found",
        ),
        "capa.changed": (
            "{who} 已于 {when} 修改了措施 #{id}（{what}）。请查看最新内容后再操作。",
            "{who} changed item #{id} at {when} ({what}). Look at the latest state, then try again.",
        ),
        "capa.due_range": (
            "{field}须在今天（{first}）到 {last} 之间",
            "{field} must lie between today ({first}) and {last}",
        ),
        "capa.check_before_done": (
            "{field}不能早于措施完成之日（{first}）",
            "{field} may not be before the item was done ({first})",
        ),
        "capa.owner_inactive": (
            "所选负责人已停用或不存在，请重新选择",
            "The owner chosen is deactivated or gone: choose again",
        ),
        "capa.attachment_other_case": (
            "所选附件不属于本案",
            "The attachment chosen does not belong to this case",
        ),
        "capa.nothing_changed": ("负责人和到期日都没有变化", "Neither the owner nor the due date changed"),
        "refusal.capa_open": (
            "本案尚有未验证有效的纠正预防措施：{items}，按本网点规定须全部验证有效后才能结案",
            "The branch's policy keeps this case open until its corrective/preventive actions are verified"
            " effective: {items}",
        ),
        "event.capa_added": ("添加{kind}措施 #{id}：{description}（负责人 {owner}，{due} 前完成）",
                             "{kind} action #{id} added: {description} (owner {owner}, due {due})"),
        "event.capa_done": ("措施 #{id} 已完成{note}", "Action #{id} done{note}"),
        "event.capa_verified": (
            "验证措施 #{id}：有效（效果确认日 {check}）{note}",
            "Action #{id} verified effective (effect checked {check}){note}",
        ),
        "event.capa_not_effective": (
            "验证措施 #{id}：无效（效果确认日 {check}）{note}",
            "Action #{id} verified NOT effective (effect checked {check}){note}",
        ),
        "event.capa_reopened": (
            "措施 #{id} 第 {count} 次重新打开，新的到期日 {due}{note}",
            "Action #{id} reopened (time {count}), new due date {due}{note}",
        ),
        "event.capa_reassigned": ("措施 #{id} 改派：负责人 {owner}，到期日 {due}{note}",
                                  "Action #{id} reassigned: owner {owner}, due {due}{note}"),
    }
)
LABELS["Action"]["add_capa"] = ("添加纠正预防措施", "Add corrective/preventive action")
LABELS["CapaKind"] = {"corrective": ("纠正", "Corrective"), "preventive": ("预防", "Preventive")}
LABELS["CapaStatus"] = {
    "open": ("进行中", "Open"),
    "done": ("已完成待验证", "Done, to verify"),
    "verified": ("验证有效", "Verified effective"),
    "not_effective": ("验证无效", "Not effective"),
}
LABELS["CapaAction"] = {
    "mark_done": ("标记完成", "Mark done"),
    "verify": ("验证", "Verify"),
    "reopen": ("重新打开", "Reopen"),
    "reassign": ("改派", "Reassign"),
}
LABELS["Field"].update(
    {
        "description": ("措施内容", "Description"),
        "owner_id": ("负责人", "Owner"),
        "department_id": ("负责部门", "Department"),
        "due_date": ("到期日", "Due date"),
        "check_date": ("效果确认日", "Effect check date"),
        "item_id": ("措施", "Action item"),
        "verdict": ("验证结论", "Verdict"),
        "evidence": ("验证说明", "Evidence"),
        "attachment_id": ("证据附件", "Evidence attachment"),
    }
)
# --- issue 14 part C: rewards and penalties (奖罚) ---------------------------------------------------
CATALOGUE.update(
    {
        "rewards.scale_code": (
            "标准代码为 1–{max} 个英文字母、数字或下划线",
            "The scale code is 1–{max} ASCII letters, digits or underscores",
        ),
        "rewards.scale_label": ("请填写奖罚标准的名称", "Please give the scale line a label"),
        "rewards.scale_amount": (
            "金额须在 0 与金额上限之间，且最高不低于最低",
            "Amounts lie between 0 and the money ceiling, the maximum not below the minimum",
        ),
        "rewards.scale_points": ("绩效分须在 -{max} 至 {max} 之间", "Points lie between -{max} and {max}"),
        "rewards.scale_proposers": (
            "请选择可以提出的角色（系统管理员不能提出奖罚）",
            "Choose the roles that may propose (the administrator may not)",
        ),
        "rewards.scale_chain": (
            "审批层级最多 {max} 级，且只能是经理级角色",
            "At most {max} approval steps, each a manager's role",
        ),
        "rewards.scale_changed": (
            "奖罚标准 {code} 已被他人修改，请重新打开后再改",
            "Scale line {code} was changed by someone else: reopen it and edit again",
        ),
        "rewards.scale_not_found": ("没有奖罚标准 {code}", "There is no scale line {code}"),
        "rewards.scale_inactive": ("奖罚标准 {code} 已停用", "Scale line {code} is no longer in use"),
        "rewards.may_not_propose": ("您的角色不能按“{label}”提出奖罚", "Your role may not propose “{label}”"),
        "rewards.amount_fixed": ("此项奖罚金额固定为 {amount}", "This line's amount is fixed at {amount}"),
        "rewards.amount_range": (
            "金额须在 {min} 至 {max} 之间",
            "The amount must lie between {min} and {max}",
        ),
        "rewards.subject": (
            "请选择奖罚对象：一名员工或一个部门（只选其一）",
            "Choose who it concerns: one employee or one department (not both)",
        ),
        "rewards.subject_not_found": ("奖罚对象不存在或已停用", "That employee or department does not exist"),
        "rewards.own_record": (
            "奖罚涉及您本人（或您所管理的部门），您不能审批",
            "This record concerns you (or the department you manage): you may not approve it",
        ),
        "rewards.own_proposal": (
            "不能审批自己提出的奖罚（职责分离）",
            "You may not approve a reward or penalty you proposed (separation of duties)",
        ),
        "rewards.record_not_found": ("没有这条奖罚记录", "There is no such reward or penalty record"),
        "rewards.record_changed": (
            "{who} 已于 {when} 处理了这条奖罚记录，请重新打开后再操作",
            "{who} acted on this record at {when}: reopen it and try again",
        ),
        "rewards.not_pending": ("这条奖罚记录已审批完毕", "This record is no longer waiting for approval"),
        "rewards.history_denied": (
            "奖罚记录仅限总经理、副总经理、客户关系经理及本部门经理查阅",
            "Reward and penalty history is for the GM, deputy GM, customer-relations manager and the"
            " department's manager only",
        ),
        "rewards.print_needs_record": (
            "奖罚通知单按一条已核准的奖罚记录打印，请先选择记录",
            "The reward and penalty notice prints one approved record: choose the record first",
        ),
        "rewards.print_not_approved": (
            "这条奖罚记录尚未核准，不能打印通知单",
            "This record is not approved yet: its notice cannot be printed",
        ),
        "event.reward_proposed": (
            "提出{kind}：{subject}（{label}）",
            "Proposed a {kind}: {subject} ({label})",
        ),
        "event.reward_signed": (
            "{name} 以{role}身份批准奖罚记录 {no}",
            "{name} approved reward/penalty record {no} as {role}",
        ),
        "event.reward_approved": (
            "奖罚记录 {no} 已核准（{name}，{role}）",
            "Reward/penalty record {no} approved ({name}, {role})",
        ),
        "event.reward_rejected": (
            "{name} 驳回奖罚记录 {no}：{reason}",
            "{name} rejected reward/penalty record {no}: {reason}",
        ),
        "notify.reward": (
            "案件 {case_no} 的奖罚记录 {no} 等待您审批（{step}）",
            "Reward/penalty record {no} of case {case_no} waits for your approval ({step})",
        ),
        "event.admin_reward_scale": ("修改奖罚标准 {code}", "Changed scale line {code}"),
    }
)
LABELS["Action"]["propose_reward"] = ("提出奖罚", "Propose reward/penalty")
LABELS["RewardKind"] = {"reward": ("奖励", "reward"), "penalty": ("处罚", "penalty")}
LABELS["RewardStatus"] = {
    "pending": ("待审批", "Pending"),
    "approved": ("已核准", "Approved"),
    "rejected": ("已驳回", "Rejected"),
}
LABELS["Field"].update(
    {
        "scale_code": ("奖罚标准", "Scale line"),
        "amount_fen": ("金额", "Amount"),
        "subject_user_id": ("奖罚对象（员工）", "Employee"),
        "subject_department_id": ("奖罚对象（部门）", "Department"),
        "record_id": ("奖罚记录", "Reward/penalty record"),
        "min_amount_fen": ("最低金额", "Minimum amount"),
        "max_amount_fen": ("最高金额", "Maximum amount"),
        "points": ("绩效分", "Points"),
        "measure": ("处分", "Measure"),
    }
)
# --- issue 14 part D: internal notes, progress notices, the complaint that comes back ---------------
CATALOGUE.update(
    {
        "event.note_added": ("添加内部备注{files}：{note}", "Added an internal note{files}: {note}"),
        "event.note_files": ("（附件 {count} 个）", " ({count} files)"),
        "event.contact": (
            "进度告知（{at}，{channel}）：{said}{next}",
            "Progress notice ({at}, {channel}): {said}{next}",
        ),
        "event.contact_next": ("；下次联系 {due}", "; next contact {due}"),
        "event.reopened": ("重新处理（{reason}）", "Reopened ({reason})"),
        "event.returning_copied": (
            "已从原案件 {case_no} 带入客户、产品、类别与事实",
            "Customer, product, category and facts copied from the original case {case_no}",
        ),
        "contact.channel": ("请选择联系方式", "Choose how the customer was contacted"),
        "contact.time": (
            "联系时间须在 {first} 至 {last} 之间",
            "The contact time must lie between {first} and {last}",
        ),
        "contact.next_due": (
            "下次联系时间须在 {first} 至 {last} 之间",
            "The next contact must lie between {first} and {last}",
        ),
        "note.files": ("一条备注最多带 {count} 个附件", "A note carries at most {count} files"),
        "reopen.not_policy": (
            "本网点的政策是开立新案件（附原表），不重新处理原案件",
            "This branch's policy opens a new case (original form attached) rather than reopening",
        ),
        "reopen.too_late": (
            "原案件结案已超过 {days} 天，请开立新案件",
            "The case closed more than {days} days ago: open a new case instead",
        ),
        "reopen.not_closed_normally": (
            "非正常结案、无效或转新案的案件不能重新处理",
            "A case closed abnormally, as invalid or superseded by a new case cannot be reopened",
        ),
        "reopen.needs_dissatisfied": (
            "仅客户不接受答复或回访不满意时才能重新处理",
            "A case is reopened only when the customer did not accept the reply or was dissatisfied",
        ),
        "notify.next_contact": (
            "案件 {case_no}：应于 {due} 再次联系客户（进度告知）",
            "Case {case_no}: contact the customer again by {due} (progress notice)",
        ),
        "returning.reopen_instead": (
            "按本网点政策，此案件应重新处理（{days} 天内），不开立新案件",
            "This branch's policy reopens the case (within {days} days) instead of opening a new one",
        ),
    }
)
LABELS["Field"].update(
    {
        "note_text": ("备注内容", "Note"),
        "contact_channel": ("联系方式", "Channel"),
        "said": ("告知内容", "What was said"),
        "next_due_at": ("下次联系时间", "Next contact due"),
        "reopen_reason": ("重新处理原因", "Reason for reopening"),
        "original_case": ("原案件", "Original case"),
    }
)
LABELS["Action"].update(
    {
        "add_note": ("添加内部备注", "Add internal note"),
        "record_contact": ("记录进度告知", "Record progress notice"),
        "reopen": ("重新处理", "Reopen"),
    }
)
# --- issue 15 part V: the yearly archive ---------------------------------------------------------
CATALOGUE.update(
    {
        "refusal.archived": (
            "本案已归入年度归档，只读，不能{action}",
            "The case is in a yearly archive and read-only: {action} is not possible",
        ),
        "archive.usage": (
            "用法：archive YEAR -o DIR（如 archive 2025 -o 归档2025），或 archive verify DIR",
            "Usage: archive YEAR -o DIR (e.g. archive 2025 -o archive2025), or archive verify DIR",
        ),
        "archive.roles": ("只有客诉主管可以写入年度归档", "Only the CR manager writes the yearly archive"),
        "archive.year": (
            "归档年度须为已经结束的年份（2000—{last}）",
            "The year must be one that has ended (2000–{last})",
        ),
        "archive.folder_not_empty": (
            "文件夹 {folder} 不是空的：请选择一个新的或空的文件夹",
            "The folder {folder} is not empty: choose a new or empty folder",
        ),
        "archive.folder_unwritable": ("无法写入 {folder}：{reason}", "Cannot write {folder}: {reason}"),
        "archive.no_cases": (
            "{year} 年没有结案的案件，无可归档",
            "No case was closed in {year}: nothing to archive",
        ),
        "archive.cancelled": (
            "归档已取消，未留下任何文件",
            "The archive was cancelled; no file was left behind",
        ),
        "archive.event": (
            "写入 {year} 年度归档（第 {archive} 号）：{cases} 件案件，{files} 个文件，至 {folder}",
            "Yearly archive {year} (no. {archive}) written: {cases} cases, {files} files, to {folder}",
        ),
        "event.archived": (
            "已归入 {year} 年度归档（第 {archive} 号），此后只读",
            "Put in yearly archive {year} (no. {archive}); read-only from now on",
        ),
        "archive.written": (
            "已写入 {year} 年度归档：{cases} 件案件，{files} 个文件，共 {size}，审计链头 {anchor}",
            "Yearly archive {year} written: {cases} cases, {files} files, {size} in all,"
            " audit chain head {anchor}",
        ),
        "archive.no_manifest": (
            "{folder} 中没有可读的 manifest.json，无法核对",
            "{folder} holds no readable manifest.json: nothing to check against",
        ),
        "archive.changed": ("已被改动：{file}", "Changed: {file}"),
        "archive.missing": ("缺少文件：{file}", "Missing: {file}"),
        "archive.extra": ("多出文件：{file}", "Extra file: {file}"),
        "archive.rewritten": (
            "清单被改写：{file} 与本数据库记录的该归档清单不符",
            "Manifest rewritten: {file} differs from the one this database recorded for the archive",
        ),
        "archive.verified": (
            "归档核对通过：{files} 个文件、{cases} 件案件与清单一致，审计链头 {anchor}",
            "The archive checks out: {files} files and {cases} cases match the manifest;"
            " audit chain head {anchor}",
        ),
        "archive.failed": (
            "归档核对未通过：{count} 处不符",
            "The archive does not check out: {count} problems",
        ),
    }
)
LABELS["Field"].update({"folder": ("文件夹", "Folder")})
# --- issue 15 part R: retention, anonymisation and personal-data requests ---------------------
CATALOGUE.update(
    {
        "anonymise.marker": ("〔已匿名化〕", "[anonymised]"),
        "anonymise.roles": (
            "保存期限与个人信息请求仅限总经理或客诉经理办理",
            "Retention and personal-data requests are for the general manager or the CR manager",
        ),
        "anonymise.admin_only": ("保存期限规则仅限管理员设置", "Only an administrator sets retention rules"),
        "anonymise.gm_only": (
            "匿名化批次须由总经理批准",
            "An anonymisation batch is approved by a general manager",
        ),
        "anonymise.not_proposer": (
            "提出匿名化的人不能自己批准，请由另一位总经理批准",
            "Whoever proposed the anonymisation cannot approve it: another general manager must",
        ),
        "anonymise.batch_state": (
            "批次 {batch} 当前为「{status}」，不能{what}",
            "Batch {batch} is {status}: it cannot be {what}",
        ),
        "anonymise.batch_changed": (
            "批次 {batch} 已被 {who} 于 {when} 改动，请刷新后再操作",
            "Batch {batch} was changed by {who} at {when}: refresh and try again",
        ),
        "anonymise.no_cases": ("没有选择案件", "No case was chosen"),
        "anonymise.too_many": ("一次最多 {max} 件", "At most {max} cases at a time"),
        "anonymise.open_case": (
            "案件 {case_no} 尚未结案，不能匿名化",
            "Case {case_no} is not closed: it cannot be anonymised",
        ),
        "anonymise.on_hold": (
            "案件 {case_no} 处于诉讼保全（法律保留）中：{reason}",
            "Case {case_no} is on legal hold: {reason}",
        ),
        "anonymise.done_already": ("案件 {case_no} 已匿名化", "Case {case_no} is already anonymised"),
        "anonymise.not_due": (
            "案件 {case_no} 的保存期限到 {due} 才届满",
            "Case {case_no} is kept until {due}",
        ),
        "anonymise.need_subject": ("请填写电话或姓名", "Enter a phone number or a name"),
        "anonymise.nothing_found": ("没有找到该客户的案件", "No case of this customer was found"),
        "anonymise.unknown_kind": ("没有这种性质：{kind}", "No such kind: {kind}"),
        "anonymise.hold_same": ("案件的法律保留已是这个状态", "The case's legal hold is already so"),
        "event.anonymised": (
            "个人信息已匿名化（{purpose}，批次 {batch}）：替换 {fields} 项，"
            "删除附件 {files} 个，涂改事件 {events} 条",
            "Personal data anonymised ({purpose}, batch {batch}): {fields} values replaced,"
            " {files} attachments deleted, {events} events redacted",
        ),
        "event.anonymise_proposed": (
            "提出匿名化批次 {batch}（{purpose}，{count} 件）：{reason}",
            "Proposed anonymisation batch {batch} ({purpose}, {count} cases): {reason}",
        ),
        "event.anonymise_decided": (
            "匿名化批次 {batch}：{decision}{note}",
            "Anonymisation batch {batch}: {decision}{note}",
        ),
        "event.legal_hold_set": ("设置法律保留：{reason}", "Legal hold set: {reason}"),
        "event.legal_hold_cleared": ("解除法律保留：{reason}", "Legal hold cleared: {reason}"),
        "event.retention_rule": (
            "保存期限：{category}／{kind} → {years} 年",
            "Retention: {category} / {kind} → {years} years",
        ),
        "event.retention_rule_removed": (
            "删除保存期限规则：{category}／{kind}",
            "Retention rule removed: {category} / {kind}",
        ),
        "event.personal_data_export": (
            "导出个人信息（{count} 件案件）",
            "Personal data exported ({count} cases)",
        ),
        "anonymise.any": ("全部", "any"),
        "anonymise.approved": ("批准", "approved"),
        "anonymise.rejected": ("不批准", "rejected"),
        "anonymise.approve": ("批准", "approved"),
        "anonymise.run": ("执行", "run"),
        "pd.sheet_cases": ("案件", "Cases"),
        "pd.sheet_replies": ("答复", "Replies"),
        "pd.sheet_follow_ups": ("回访", "Follow-ups"),
        "pd.title": (
            "个人信息查询结果：{subject}（{count} 件案件，导出于 {at}）",
            "Personal data held: {subject} ({count} cases, exported {at})",
        ),
    }
)
LABELS["AnonymisePurpose"] = {
    "retention": ("保存期限届满", "retention period passed"),
    "request": ("个人信息请求", "personal-data request"),
}
LABELS["BatchStatus"] = {
    "proposed": ("待批准", "proposed"),
    "approved": ("已批准", "approved"),
    "rejected": ("未批准", "rejected"),
    "done": ("已完成", "done"),
}
LABELS["Field"].update(
    {
        "years": ("保存年限", "Years kept"),
        "case_ids": ("案件", "Cases"),
        "batch": ("批次", "Batch"),
        "subject": ("电话或姓名", "Phone or name"),
        "case_no": ("案件编号", "Case number"),
        "closed_at": ("结案时间", "Closed"),
        "legal_hold": ("法律保留", "Legal hold"),
    }
)
LABELS["PolicySection"]["retention"] = ("保存期限", "Retention")  # issue 15 part R
# --- issue 15 part S: report periods (``domain/periods.py``) ---
CATALOGUE.update(
    {
        "period.week": (
            "{year}年第{number}周（{start}至{end}）",
            "Week {number} of {year} ({start} to {end})",
        ),
        "period.month": ("{year}年{number}月", "{number}/{year}"),
        "period.quarter": ("{year}年第{number}季度", "Q{number} {year}"),
        "period.half": ("{year}年第{number}半年", "H{number} {year}"),
        "period.year": ("{year}年", "{year}"),
        "period.range": ("{start}至{end}", "{start} to {end}"),
        "period.format": (
            "期间写作 2026-W47、2026-11、2026-Q4、2026-H2、2026 或 2026-10-01..2026-12-15",
            "Periods are written 2026-W47, 2026-11, 2026-Q4, 2026-H2, 2026 or 2026-10-01..2026-12-15",
        ),
        "period.year_range": ("年份须在 {first} 至 {last} 之间", "The year must be from {first} to {last}"),
        "period.too_long": ("期间最长 {days} 天", "A period is at most {days} days long"),
    }
)
LABELS["Field"]["period"] = ("期间", "Period")

# --- the administrator's 设置 tab (coordinator, session 22): setting names, groups, a stale write ------
LABELS["Setting"] = {
    "idle_lock_minutes": ("闲置多少分钟后锁屏", "Lock after idle minutes"),
    "login_max_failures": ("连续登录失败几次后暂停", "Failed logins before a pause"),
    "login_lock_minutes": ("登录失败后暂停（分钟）", "Pause after failed logins (minutes)"),
    "major_min_complainants": ("投诉人数达到多少为重大投诉", "Complainants that make a case major"),
    "repeat_window_days": ("重复投诉认定期（天）", "Repeat complaint window (days)"),
    "entry_clock_skew_minutes": ("受理时间可晚于当前时间（分钟）", "Received ahead of the clock (minutes)"),
    "attachment_max_mb": ("附件大小上限（MB）", "Largest attachment (MB)"),
    "gm_inform_hours": ("重大投诉须在几小时内报告总经理", "Inform the GM of a major case within (hours)"),
    "dissatisfied_at_or_below": ("满意度不高于几分为不满意（1–5）", "Dissatisfied at or below (1–5)"),
    "capa_oversight_role": ("纠正预防措施的验证角色", "Who verifies corrective actions"),
    "capa_blocks_close": ("纠正预防措施未验证不得结案", "Open corrective actions block closing"),
    "returning_complaint_mode": ("同一客户再次投诉时", "When a customer complains again"),
    "reopen_within_days": ("结案后多少天内可重新处理（天）", "Reopen within (days after closing)"),
    "returning_attach_original_form": ("新案附原案处理单", "Attach the original case's handling form"),
    "next_contact_max_days": ("下次联系最多约定几天后", "Next contact at most (days ahead)"),
    "next_contact_warn_minutes": ("下次联系提前提醒（分钟）", "Remind of a next contact (minutes before)"),
    "notification_poll_seconds": ("每隔几秒查看新通知", "Check for notifications every (seconds)"),
    "retention_years": ("案件默认保存年限（无类别规则时）", "Keep cases (years, unless a rule says)"),
    "valid_rate_target_percent": ("有效投诉率不高于（%，0 为不设目标）", "Valid rate at most (%; 0: none)"),
}
LABELS["SettingGroup"] = {
    "login": ("登录与安全", "Login and security"),
    "intake": ("受理", "Intake"),
    "handling": ("处理", "Handling"),
    "returning": ("再次投诉与进度告知", "Returning complaints and progress notices"),
    "reports": ("统计报表", "Reports"),
    "system": ("系统", "System"),
}
LABELS["ReturningMode"] = {
    "new_case": ("另立新案（关联原案）", "Open a new case (linked)"),
    "reopen": ("重新处理原案", "Reopen the original case"),
}
LABELS["Switch"] = {"on": ("是", "yes"), "off": ("否", "no")}
CATALOGUE["admin.setting_changed"] = (
    "「{setting}」已被 {who} 于 {when} 改为 {value}：请看过现在的值再改",
    "“{setting}” was changed by {who} at {when} to {value}: look at the value now before changing it",
)

# --- issue 15 part M: report duties (``domain/report_duties.py``, ``services/report_duties.py``) ---
CATALOGUE.update(
    {
        "duty.bad_kind": (
            "报表期间「{kind}」无效：应为周、月、季度、半年或年",
            "Report period “{kind}” is not valid: week, month, quarter, half or year",
        ),
        "duty.bad_rule": (
            "应交时间的规则「{rule}」无效",
            "The due rule “{rule}” is not valid",
        ),
        "duty.bad_day": ("日数须在 {low} 至 {high} 之间", "The day must be from {low} to {high}"),
        "duty.last_month_kind": (
            "“期间最后一个月内”只适用于季度、半年或年",
            "“In the period's last month” applies only to a quarter, half year or year",
        ),
        "duty.bad_role": ("角色「{role}」不能负责报表", "The role “{role}” cannot make reports"),
        "duty.bad_label": (
            "报表名称须填写，最多 {limit} 字",
            "The report's name is required, at most {limit} characters",
        ),
        "duty.too_many": ("报表最多 {limit} 项", "At most {limit} reports"),
        "duty.duplicate": (
            "同一角色（及部门）的同一期间已有一项报表",
            "The same role (and department) already has a report for this period",
        ),
        "duty.admin_only": ("只有系统管理员可以设置报表", "Only the administrator sets the reports"),
        "duty.changed": (
            "该报表设置已被 {who} 于 {at} 修改，请重新打开后再改",
            "{who} changed this report at {at}; open it again before changing it",
        ),
        "duty.rule_after_end": ("期间结束后第 {day} 天", "day {day} after the period ends"),
        "duty.rule_last_month": ("期间最后一个月的 {day} 日", "day {day} of the period's last month"),
        "event.report_duty_saved": (
            "报表设置：{label}（{kind}，{rule}，{role}）",
            "Report set: {label} ({kind}, {rule}, {role})",
        ),
        "event.report_duty_removed": ("删除报表设置：{label}", "Report removed: {label}"),
        "event.report_made": ("已制作报表：{period}（{file}）", "Report made: {period} ({file})"),
        "duty.due_line": (
            "{label} {period}：{state}，应于 {due} 前交",
            "{label} {period}: {state}, due by {due}",
        ),
        "duty.state_due": ("待交", "due"),
        "duty.state_overdue": ("已逾期", "overdue"),
    }
)
LABELS["PeriodKind"] = {
    "week": ("周", "week"),
    "month": ("月", "month"),
    "quarter": ("季度", "quarter"),
    "half": ("半年", "half year"),
    "year": ("年", "year"),
}
LABELS["Field"].update(
    {
        "duty": ("报表", "Report"),
    }
)
LABELS["PolicySection"]["report_duties"] = ("应交报表", "Reports due")
# --- issue 15 part N: the personal-data export's timeline, progress notices and attachments ----------
CATALOGUE.update(
    {
        "pd.sheet_timeline": ("处理记录", "Timeline"),
        "pd.sheet_contacts": ("进度告知", "Progress notices"),
        "pd.sheet_attachments": ("附件", "Attachments"),
    }
)
LABELS["Field"].update(
    {
        "event_at": ("时间", "Time"),
        "actor": ("经办人", "By"),
        "event": ("记录", "Entry"),
        "changes": ("变更", "Changes"),
        "size": ("大小（字节）", "Size (bytes)"),
        "sha256": ("SHA-256", "SHA-256"),
        "added_at": ("添加时间", "Added at"),
        "zip_name": ("压缩包内文件名", "Name in the zip"),
    }
)
