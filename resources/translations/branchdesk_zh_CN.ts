<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about_dialog.py" line="30"/>
        <source>About BranchDesk</source>
        <translation>关于客诉台</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="31"/>
        <source>BranchDesk %1</source>
        <translation>客诉台 %1</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="33"/>
        <source>The branch office&apos;s customer-complaint desk</source>
        <translation>网点客户投诉处理系统</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="37"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="38"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="39"/>
        <source>Database size</source>
        <translation>数据库大小</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="40"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="41"/>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="42"/>
        <source>Audit chain head</source>
        <translation>审计链头</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="43"/>
        <location filename="../../ui/about_dialog.py" line="100"/>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="53"/>
        <source>Write down the audit chain head now and then (with the date): “branchdesk audit verify --anchor” proves later that nothing before it was changed.</source>
        <translation>请定期把审计链头连同日期抄录下来：日后用“branchdesk audit verify --anchor”可以证明此前的记录没有被改动。</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="61"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="62"/>
        <source>Copy these facts, e.g. to send them to whoever helps you</source>
        <translation>复制以上信息，例如发给帮助您的人</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="64"/>
        <source>Licences…</source>
        <translation>许可证…</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="66"/>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="84"/>
        <source>(on the database server)</source>
        <translation>（在数据库服务器上）</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="86"/>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="87"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/admin_page.py" line="68"/>
        <source>Users and roles</source>
        <translation>用户与角色</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="69"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="71"/>
        <source>Categories</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="76"/>
        <source>Deadlines (SLA)</source>
        <translation>处理时效</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="80"/>
        <location filename="../../ui/admin_page.py" line="527"/>
        <source>Working calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="81"/>
        <source>Reply templates</source>
        <translation>答复模板</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="82"/>
        <source>Custom intake fields</source>
        <translation>自定义受理字段</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="83"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="97"/>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="107"/>
        <source>Import a ledger…</source>
        <translation>导入台帐…</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="253"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="160"/>
        <location filename="../../ui/admin_page.py" line="162"/>
        <location filename="../../ui/admin_page.py" line="177"/>
        <location filename="../../ui/admin_page.py" line="182"/>
        <location filename="../../ui/admin_page.py" line="211"/>
        <location filename="../../ui/admin_page.py" line="219"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="160"/>
        <location filename="../../ui/admin_page.py" line="164"/>
        <location filename="../../ui/admin_page.py" line="179"/>
        <location filename="../../ui/admin_page.py" line="185"/>
        <location filename="../../ui/admin_page.py" line="216"/>
        <location filename="../../ui/admin_page.py" line="224"/>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="184"/>
        <source>Parent</source>
        <translation>上级类别</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="176"/>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="74"/>
        <source>Lists and names</source>
        <translation>选项与名称</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="85"/>
        <source>Branch profile</source>
        <translation>网点信息</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="87"/>
        <source>Step deadlines</source>
        <translation>环节期限</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="89"/>
        <source>Forms</source>
        <translation>表单</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="91"/>
        <source>Policy file</source>
        <translation>策略文件</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="95"/>
        <source>Rewards and penalties</source>
        <translation>奖罚标准</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="101"/>
        <source>Retention</source>
        <translation>保存期限</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="105"/>
        <source>Reports due</source>
        <translation>待交报表</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="160"/>
        <location filename="../../ui/admin_page.py" line="163"/>
        <location filename="../../ui/admin_page.py" line="178"/>
        <location filename="../../ui/admin_page.py" line="183"/>
        <location filename="../../ui/admin_page.py" line="212"/>
        <location filename="../../ui/admin_page.py" line="220"/>
        <source>Name</source>
        <comment>of a thing, not a person</comment>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="197"/>
        <location filename="../../ui/admin_page.py" line="198"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="197"/>
        <location filename="../../ui/admin_page.py" line="198"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="213"/>
        <location filename="../../ui/admin_page.py" line="221"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="214"/>
        <source>Choices</source>
        <translation>选项</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="215"/>
        <location filename="../../ui/admin_page.py" line="223"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="222"/>
        <source>Choices (separated by 、)</source>
        <translation>选项（用“、”分隔）</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="253"/>
        <location filename="../../ui/admin_page.py" line="276"/>
        <location filename="../../ui/admin_page.py" line="304"/>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="253"/>
        <location filename="../../ui/admin_page.py" line="272"/>
        <location filename="../../ui/admin_page.py" line="312"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="254"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="254"/>
        <source>Open cases</source>
        <translation>未结案件</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="263"/>
        <source>Selected user</source>
        <translation>选中的用户</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="281"/>
        <source>Save roles</source>
        <translation>保存角色</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="283"/>
        <location filename="../../ui/admin_page.py" line="374"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="285"/>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="287"/>
        <source>A temporary password, to be changed at the next login; also lifts a lock</source>
        <translation>设置临时密码，本人下次登录时须修改；同时解除登录暂停</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="299"/>
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="253"/>
        <location filename="../../ui/admin_page.py" line="302"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="79"/>
        <source>Approval rules</source>
        <translation>核决规则</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="275"/>
        <location filename="../../ui/admin_page.py" line="303"/>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="315"/>
        <source>Initial password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="316"/>
        <source>Create user</source>
        <translation>创建用户</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="337"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="337"/>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="374"/>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="377"/>
        <source>%1 open cases are handled by this user: reassign them in the queue.</source>
        <translation>该用户仍负责 %1 件未结案件：请在案件队列中转派。</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="481"/>
        <source>The official holiday calendar for %1 is not known yet: deadlines in %1 assume Monday–Friday and are marked unconfirmed. Enter the State Council&apos;s holidays and make-up working days below, then mark the year confirmed.</source>
        <translation>%1 年的法定节假日尚未公布：%1 年内的期限暂按周一至周五计算，并标记为“待确认”。请在下方录入国务院通知中的放假和调休上班日期，然后标记该年已确认。</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="489"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="490"/>
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="491"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="492"/>
        <source>Save day</source>
        <translation>保存该日</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="495"/>
        <source>Mark %1 confirmed</source>
        <translation>标记 %1 年已确认</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="499"/>
        <source>Import holiday notice…</source>
        <translation>导入节假日安排通知…</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="505"/>
        <source>Official data covers %1–%2.</source>
        <translation>官方节假日数据覆盖 %1–%2 年。</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="527"/>
        <source>%1 is marked confirmed.</source>
        <translation>%1 年已标记为已确认。</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="277"/>
        <source>Save name and department</source>
        <translation>保存姓名和部门</translation>
    </message>
    <message>
        <location filename="../../ui/admin_page.py" line="422"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>ApprovalRulesTab</name>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="82"/>
        <location filename="../../ui/approval_rules_tab.py" line="113"/>
        <source>Priority</source>
        <extracomment>The &quot;major&quot; condition&apos;s choices as the combo stores them.</extracomment>
        <translation>优先顺序</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="83"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="84"/>
        <source>Conditions</source>
        <translation>条件</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="85"/>
        <source>Approval chain</source>
        <translation>审批链</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="86"/>
        <location filename="../../ui/approval_rules_tab.py" line="136"/>
        <location filename="../../ui/approval_rules_tab.py" line="137"/>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="97"/>
        <source>The first rule that matches decides (lowest priority number first). Amount bounds include the amount typed. Keep one rule without conditions.</source>
        <translation>按优先顺序（数字小者在先）取第一条符合条件的规则。金额上下限均包含本数。须保留一条不设条件的兜底规则。</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="114"/>
        <source>Rule name</source>
        <translation>规则名称</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="115"/>
        <source>Amount from (yuan)</source>
        <translation>金额下限（元）</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="116"/>
        <source>Amount up to (yuan)</source>
        <translation>金额上限（元）</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="117"/>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="119"/>
        <source>Category (or a sub-category)</source>
        <translation>类别（含其下级类别）</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="122"/>
        <source>Kind</source>
        <translation>性质</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="127"/>
        <source>Severity at least</source>
        <translation>等级不低于</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="133"/>
        <source>Major case</source>
        <translation>重大案件</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="134"/>
        <location filename="../../ui/approval_rules_tab.py" line="231"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="134"/>
        <location filename="../../ui/approval_rules_tab.py" line="231"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="141"/>
        <source>empty: no bound</source>
        <translation>空：不限</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="144"/>
        <source>Approval steps, in signing order</source>
        <translation>审批步骤（按签署顺序）</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="149"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="151"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="152"/>
        <source>Of the responsible department</source>
        <translation>限责任部门</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="153"/>
        <source>Add step</source>
        <translation>添加步骤</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="155"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="157"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="159"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="172"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="174"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="176"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="250"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="255"/>
        <source>up to %1</source>
        <translation>%1 及以下</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="257"/>
        <source>from %1</source>
        <translation>%1 及以上</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="263"/>
        <source>severity at least %1</source>
        <translation>等级不低于%1</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="265"/>
        <source>major cases</source>
        <translation>重大案件</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="267"/>
        <source>cases not major</source>
        <translation>非重大案件</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="268"/>
        <source>any case</source>
        <translation>任何案件</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="316"/>
        <source>No steps: approved at once when proposed</source>
        <translation>无审批步骤：提出即核准</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="329"/>
        <source>At most %1 steps</source>
        <translation>最多 %1 步</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="386"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="393"/>
        <source>Delete the approval rule “%1”? Resolutions already proposed keep their chain.</source>
        <translation>删除核决规则“%1”？已提出的处理方案仍按原审批链审批。</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="394"/>
        <source>Delete rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <location filename="../../ui/approval_rules_tab.py" line="409"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <location filename="../../ui/archive_dialog.py" line="56"/>
        <source>Yearly archive</source>
        <translation>年度归档</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="59"/>
        <source>Write the archive of a year</source>
        <translation>写入某年的归档</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="65"/>
        <location filename="../../ui/archive_dialog.py" line="98"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="66"/>
        <source>Year (cases closed in it)</source>
        <translation>年度（该年结案的案件）</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="68"/>
        <source>A new or empty folder</source>
        <translation>新的或空的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="69"/>
        <location filename="../../ui/archive_dialog.py" line="75"/>
        <location filename="../../ui/archive_dialog.py" line="103"/>
        <location filename="../../ui/archive_dialog.py" line="122"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="70"/>
        <location filename="../../ui/archive_dialog.py" line="117"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="76"/>
        <source>Write archive</source>
        <translation>写入归档</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="84"/>
        <source>Files written</source>
        <translation>写入的文件</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="86"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="92"/>
        <source>Archives written</source>
        <translation>已写入的归档</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="97"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="99"/>
        <source>Written</source>
        <translation>写入时间</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="100"/>
        <source>By</source>
        <translation>写入人</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="101"/>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="102"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="112"/>
        <source>Verify an archive folder</source>
        <translation>核对归档文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="115"/>
        <source>The folder holding manifest.json</source>
        <translation>含 manifest.json 的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="116"/>
        <source>Archive folder</source>
        <translation>归档文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="123"/>
        <source>Verify</source>
        <translation>核对</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="131"/>
        <source>Differences found</source>
        <translation>发现的不符</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="179"/>
        <source>Choose the folder to write the archive into.</source>
        <translation>请选择写入归档的文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="187"/>
        <source>Writing the archive</source>
        <translation>正在写入归档</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="222"/>
        <source>Choose the archive folder to verify.</source>
        <translation>请选择要核对的归档文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="226"/>
        <source>Verifying…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <location filename="../../ui/archive_dialog.py" line="247"/>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <location filename="../../ui/intake_files.py" line="59"/>
        <source>Attachments</source>
        <extracomment>Readers still running: held here (not by a widget) so closing the form mid-read never destroys a running thread; each one leaves the set when it finishes.</extracomment>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/intake_files.py" line="61"/>
        <source>Add attachment…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location filename="../../ui/intake_files.py" line="62"/>
        <source>Or drag photos and scans onto the form</source>
        <translation>也可以把照片和扫描件拖到表单上</translation>
    </message>
    <message>
        <location filename="../../ui/intake_files.py" line="64"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/intake_files.py" line="79"/>
        <source>Attachments (drag photos and scans here)</source>
        <translation>附件（可把照片和扫描件拖到这里）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_files.py" line="99"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/intake_files.py" line="149"/>
        <source>Add attachment</source>
        <translation>添加附件</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <location filename="../../ui/backup_tab.py" line="123"/>
        <source>This database is on a server: its backups are made with pg_dump by IT.</source>
        <translation>数据库在服务器上：其备份由信息技术部门用 pg_dump 完成。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="130"/>
        <source>Second folder for copies (USB disk, share):</source>
        <translation>备份副本的第二个文件夹（U 盘、共享文件夹）：</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="133"/>
        <source>None set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="135"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="138"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="145"/>
        <source>Made</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="146"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="147"/>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="148"/>
        <source>Audit head</source>
        <translation>审计链头</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="149"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="150"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="159"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="161"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="181"/>
        <source>Daily</source>
        <translation>每日自动</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="182"/>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="183"/>
        <source>Before a ledger import</source>
        <translation>台账导入前</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="184"/>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="185"/>
        <source>Made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="186"/>
        <source>Damaged database kept</source>
        <translation>保留的损坏数据库</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="220"/>
        <source>Second folder for copies</source>
        <translation>备份副本的第二个文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="231"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="264"/>
        <source>Restore the backup of %1 (%2 cases)? Everything entered after it is lost. The current database is backed up first. BranchDesk then closes: start it again.</source>
        <translation>恢复 %1 的备份（案件 %2 件）？此后录入的一切都将丢失。恢复前会先备份当前数据库。之后客诉台将关闭，请重新启动。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="274"/>
        <source>Choose a backup in the list first.</source>
        <translation>请先在列表中选择一个备份。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="276"/>
        <location filename="../../ui/backup_tab.py" line="304"/>
        <location filename="../../ui/backup_tab.py" line="312"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="314"/>
        <source>The backup of %1 is restored. The previous database was backed up as %2. BranchDesk closes now: start it again.</source>
        <translation>%1 的备份已恢复。原数据库已备份为 %2。客诉台现在关闭，请重新启动。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="170"/>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="171"/>
        <source>Show the folder of the backup just made</source>
        <translation>打开刚才备份所在的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="233"/>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="296"/>
        <source>Restoring</source>
        <translation>正在恢复</translation>
    </message>
</context>
<context>
    <name>BranchProfileTab</name>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="45"/>
        <source>Branch name</source>
        <translation>网点名称</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="46"/>
        <source>Branch code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="47"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="48"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="49"/>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="50"/>
        <source>Postal code</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="60"/>
        <source>Printed on the receipt, the handling form and the report, and in the monthly summary&apos;s title. The branch code starts the case numbers when the administrator chose so; existing numbers stay.</source>
        <translation>打印在受理回执、处理表和调查报告上，也用于月度统计表的标题。若设置了案件编号带网点代码，新案件编号以网点代码开头；已有编号不变。</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="69"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="128"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>BulkAssignDialog</name>
    <message>
        <location filename="../../ui/bulk_assign.py" line="44"/>
        <source>Assign %1 cases</source>
        <translation>分派 %1 件案件</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_assign.py" line="49"/>
        <location filename="../../ui/bulk_assign.py" line="68"/>
        <source>Handler</source>
        <translation>处理责任人</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_assign.py" line="53"/>
        <source>%1 (%2)</source>
        <comment>a person (their department)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_assign.py" line="56"/>
        <location filename="../../ui/bulk_assign.py" line="69"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_assign.py" line="63"/>
        <source>Assign</source>
        <translation>分派</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_assign.py" line="67"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_assign.py" line="76"/>
        <source>Choose the handler</source>
        <translation>请选择处理责任人</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_assign.py" line="101"/>
        <source>%1 cases assigned.</source>
        <translation>已分派 %1 件。</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_assign.py" line="105"/>
        <source>%1 not assigned:</source>
        <translation>%1 件未分派：</translation>
    </message>
</context>
<context>
    <name>CapaPage</name>
    <message>
        <location filename="../../ui/capa_page.py" line="60"/>
        <location filename="../../ui/capa_page.py" line="97"/>
        <location filename="../../ui/capa_page.py" line="318"/>
        <source>Corrective and preventive actions</source>
        <translation>纠正预防措施</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="62"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="63"/>
        <location filename="../../ui/capa_page.py" line="75"/>
        <location filename="../../ui/capa_page.py" line="91"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="64"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="65"/>
        <location filename="../../ui/capa_page.py" line="76"/>
        <location filename="../../ui/capa_page.py" line="93"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="66"/>
        <source>Any owner</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="67"/>
        <location filename="../../ui/capa_page.py" line="77"/>
        <location filename="../../ui/capa_page.py" line="90"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="68"/>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="86"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="87"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="88"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="89"/>
        <source>Description</source>
        <translation>措施内容</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="92"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="94"/>
        <source>Reopened</source>
        <translation>重开次数</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="109"/>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="112"/>
        <source>Mark done…</source>
        <translation>标记完成…</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="113"/>
        <source>Verify…</source>
        <translation>验证…</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="114"/>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="115"/>
        <source>Reassign…</source>
        <translation>改派…</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="189"/>
        <source> (overdue)</source>
        <translation>（逾期）</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="202"/>
        <source>%1 item(s)</source>
        <translation>共 %1 项</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="204"/>
        <source> (the first %1 shown)</source>
        <translation>（显示前 %1 项）</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="280"/>
        <source>Owner %1 (%2), due %3, %4</source>
        <translation>负责人 %1（%2），到期日 %3，%4</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="290"/>
        <source>reopened %1 time(s)</source>
        <translation>已重新打开 %1 次</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="295"/>
        <source>Done %1: %2</source>
        <translation>%1 完成：%2</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="297"/>
        <source>Done %1</source>
        <translation>%1 完成</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="302"/>
        <source>%1 by %2 on %3 (effect checked %4): %5</source>
        <translation>%1：%2 于 %3 验证（效果确认日 %4）：%5</translation>
    </message>
</context>
<context>
    <name>CapaTexts</name>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="85"/>
        <source>Corrective/preventive action for %1</source>
        <extracomment>The due date a new item is offered (days ahead): a start the person changes, not a rule.</extracomment>
        <translation>为 %1 添加纠正预防措施</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="89"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="95"/>
        <source>What is to be done</source>
        <translation>措施内容</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="96"/>
        <location filename="../../ui/capa_dialogs.py" line="232"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="97"/>
        <location filename="../../ui/capa_dialogs.py" line="235"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="100"/>
        <location filename="../../ui/capa_dialogs.py" line="240"/>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="128"/>
        <source>Mark item #%1 done</source>
        <translation>标记措施 #%1 已完成</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="129"/>
        <source>What was done</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="150"/>
        <source>Effective</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="150"/>
        <source>Not effective</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="152"/>
        <source>Verify item #%1</source>
        <translation>验证措施 #%1</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="154"/>
        <source>Verdict</source>
        <translation>验证结论</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="155"/>
        <source>Evidence (what was checked)</source>
        <translation>验证说明（检查了什么）</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="156"/>
        <source>Effect checked on</source>
        <translation>效果确认日</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="159"/>
        <source>Evidence from the case&apos;s attachments</source>
        <translation>证据（本案附件）</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="170"/>
        <source>No new file</source>
        <translation>未添加新文件</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="171"/>
        <source>Attach a new file…</source>
        <translation>添加新文件…</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="183"/>
        <source>Evidence file</source>
        <translation>证据文件</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="209"/>
        <source>Reopen item #%1</source>
        <translation>重新打开措施 #%1</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="213"/>
        <source>New due date</source>
        <translation>新的到期日</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="217"/>
        <source>What is to be done differently</source>
        <translation>改进做法</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="230"/>
        <source>Reassign item #%1</source>
        <translation>改派措施 #%1</translation>
    </message>
    <message>
        <location filename="../../ui/capa_dialogs.py" line="241"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CapaTile</name>
    <message>
        <location filename="../../ui/capa_page.py" line="350"/>
        <source>Overdue corrective/preventive actions: %1 — click to see them</source>
        <translation>逾期的纠正预防措施：%1 项 — 点击查看</translation>
    </message>
    <message>
        <location filename="../../ui/capa_page.py" line="352"/>
        <source>My overdue corrective/preventive actions: %1 — click to see them</source>
        <translation>我逾期的纠正预防措施：%1 项 — 点击查看</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../ui/case_actions.py" line="49"/>
        <source>5 very satisfied</source>
        <extracomment>The follow-up&apos;s satisfaction scale, 5 (very satisfied) to 1 (very dissatisfied).</extracomment>
        <translation>5 非常满意</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="50"/>
        <source>4 satisfied</source>
        <translation>4 满意</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="51"/>
        <source>3 neutral</source>
        <translation>3 一般</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="52"/>
        <source>2 dissatisfied</source>
        <translation>2 不满意</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="53"/>
        <source>1 very dissatisfied</source>
        <translation>1 非常不满意</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="165"/>
        <source>Triage %1</source>
        <translation>分诊 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="167"/>
        <source>Valid complaint</source>
        <translation>有效投诉</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="168"/>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="171"/>
        <source>Severity</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="175"/>
        <source>Why invalid</source>
        <translation>无效原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="176"/>
        <source>Major complaint (CR manager&apos;s decision)</source>
        <translation>认定为重大投诉（客户关系经理）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="177"/>
        <source>Estimated loss (yuan)</source>
        <translation>损失估计（元）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="178"/>
        <location filename="../../ui/case_actions.py" line="216"/>
        <location filename="../../ui/case_actions.py" line="251"/>
        <source>Responsible department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="179"/>
        <source>Handler (assign now)</source>
        <translation>处理责任人（同时分派）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="180"/>
        <location filename="../../ui/case_actions.py" line="217"/>
        <location filename="../../ui/case_actions.py" line="442"/>
        <location filename="../../ui/case_actions.py" line="475"/>
        <location filename="../../ui/case_actions.py" line="487"/>
        <location filename="../../ui/case_actions.py" line="528"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="213"/>
        <source>Assign %1</source>
        <translation>分派 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="215"/>
        <source>Handler</source>
        <translation>处理责任人</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="237"/>
        <source>Share %1: department</source>
        <translation>责任比率 %1：部门</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="241"/>
        <source>Share %1: percent</source>
        <translation>责任比率 %1：百分比</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="245"/>
        <source>Investigation report %1</source>
        <translation>调查报告 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="247"/>
        <source>Cause</source>
        <translation>发生原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="249"/>
        <source>What happened</source>
        <translation>具体经过</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="254"/>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="258"/>
        <source>Conclusion</source>
        <translation>调查结论</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="262"/>
        <source>Corrective action</source>
        <translation>纠正措施</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="268"/>
        <source>Preventive action</source>
        <translation>预防措施</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="272"/>
        <source>Track the improvement</source>
        <translation>列案追踪改善</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="275"/>
        <source>Responsibility</source>
        <translation>责任归属</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="307"/>
        <source>Propose resolution %1</source>
        <translation>提出处理方案 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="309"/>
        <source>Resolution</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="310"/>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="311"/>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="325"/>
        <source>Resolution: %1 %2 — %3</source>
        <translation>方案：%1 %2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="332"/>
        <source> (next: %1)</source>
        <translation>（下一级：%1）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="333"/>
        <source>To sign: %1</source>
        <translation>需审批：%1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="335"/>
        <source>Proposed by %1 at %2</source>
        <translation>提出人：%1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="341"/>
        <source>Signed: %1 (%2) %3 %4</source>
        <translation>已签：%1（%2）%3 %4</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="347"/>
        <source>Signing records your name, role, the time and what you decided.</source>
        <translation>签署将记录您的姓名、角色、时间和审批意见。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="350"/>
        <source>Approval %1</source>
        <translation>审批 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="354"/>
        <location filename="../../ui/case_actions.py" line="437"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="359"/>
        <source>Reason (required to reject)</source>
        <translation>理由（驳回时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="360"/>
        <source>Your password to sign</source>
        <translation>签署密码</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="364"/>
        <source>Sign</source>
        <translation>签署</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="373"/>
        <source>Reply to customer %1</source>
        <translation>答复客户 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="375"/>
        <location filename="../../ui/case_actions.py" line="760"/>
        <source>Template</source>
        <translation>答复模板</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="376"/>
        <location filename="../../ui/case_actions.py" line="454"/>
        <location filename="../../ui/case_actions.py" line="515"/>
        <location filename="../../ui/case_actions.py" line="526"/>
        <location filename="../../ui/case_actions.py" line="761"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="377"/>
        <location filename="../../ui/case_actions.py" line="762"/>
        <source>What was said</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="378"/>
        <source>Customer accepts</source>
        <translation>客户接受</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="408"/>
        <source>Request extension %1</source>
        <translation>申请延期 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="410"/>
        <location filename="../../ui/case_actions.py" line="486"/>
        <location filename="../../ui/case_actions.py" line="497"/>
        <location filename="../../ui/case_actions.py" line="506"/>
        <location filename="../../ui/case_actions.py" line="732"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="411"/>
        <source>Customer&apos;s consent (when, how)</source>
        <translation>客户同意情况（何时、如何同意）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="412"/>
        <source>New deadline</source>
        <translation>新的期限</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="427"/>
        <source>Requested: %1; new deadline %2; customer&apos;s consent: %3</source>
        <translation>申请：%1，新期限 %2，客户同意：%3</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="433"/>
        <source>Decide extension %1</source>
        <translation>审批延期 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="452"/>
        <source>Follow-up %1</source>
        <translation>回访 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="455"/>
        <source>Problem solved</source>
        <translation>问题已解决</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="457"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="458"/>
        <source>Comments</source>
        <translation>客户意见</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="474"/>
        <source>Close %1</source>
        <translation>结案 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="483"/>
        <source>Abnormal closure %1</source>
        <translation>非正常结案 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="496"/>
        <source>Void %1</source>
        <translation>作废 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="505"/>
        <source>Escalate %1</source>
        <translation>升级 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="514"/>
        <source>GM informed %1</source>
        <translation>报告总经理 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="524"/>
        <source>First contact %1</source>
        <translation>首次联系 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="527"/>
        <location filename="../../ui/case_actions.py" line="763"/>
        <source>When (blank: now)</source>
        <translation>联系时间（留空为现在）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="561"/>
        <source>Open linked case for %1</source>
        <translation>为 %1 开立关联案件</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="565"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="574"/>
        <source>Product or service</source>
        <translation>产品或服务</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="577"/>
        <location filename="../../ui/case_actions.py" line="633"/>
        <source>Complaint content</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="579"/>
        <source>The customer does not accept the handling of %1: %2</source>
        <translation>客户对 %1 的处理不接受：%2</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="585"/>
        <source>The new case copies the customer, product, category and facts of %1.</source>
        <translation>新案件带入 %1 的客户、产品、类别与事实。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="588"/>
        <source>Open</source>
        <translation>开立</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="607"/>
        <source>Custom fields of %1</source>
        <translation>修改自定义字段 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="836"/>
        <source>Add CAPA item</source>
        <translation>添加纠正预防措施</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="839"/>
        <source>Propose reward/penalty</source>
        <translation>提出奖罚</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="842"/>
        <source>Add internal note</source>
        <translation>添加内部备注</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="843"/>
        <source>Record progress notice</source>
        <translation>记录进度告知</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="573"/>
        <location filename="../../ui/case_actions.py" line="621"/>
        <source>Complainant</source>
        <extracomment>The intake facts the correction dialog offers (English sources), in the intake form&apos;s order; the core takes any of ``domain.intake.CORRECTABLE_FIELDS``, the dialog keeps to those a clerk mistypes or that move a deadline, few enough to fit a 1366×768 screen.</extracomment>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="622"/>
        <source>Title</source>
        <translation>称呼</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="623"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="624"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="625"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="626"/>
        <source>Company / customer</source>
        <translation>单位/客户名称</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="627"/>
        <source>Customer type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="628"/>
        <source>Foreign customer</source>
        <translation>国外客户</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="629"/>
        <source>Received at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="630"/>
        <source>Channel</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="631"/>
        <source>Order no.</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="632"/>
        <source>Amount asked (yuan)</source>
        <translation>要求金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="659"/>
        <source>Reason for the correction</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="668"/>
        <source>Correct the intake of %1</source>
        <translation>更正受理信息 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="726"/>
        <source>Propose reward or penalty %1</source>
        <translation>提出奖罚 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="728"/>
        <source>Scale line</source>
        <translation>奖罚标准</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="729"/>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="730"/>
        <source>or department</source>
        <translation>或部门</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="731"/>
        <source>Amount (yuan; empty: the line&apos;s amount)</source>
        <translation>金额（元；留空：按标准金额）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="745"/>
        <source>Internal note on %1</source>
        <translation>内部备注 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="746"/>
        <source>Note (staff only, never printed)</source>
        <translation>备注（仅内部可见，不打印）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="748"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="758"/>
        <source>Progress notice %1</source>
        <translation>进度告知 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="764"/>
        <source>Next contact due (optional)</source>
        <translation>下次联系时间（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="789"/>
        <source>Reopen %1</source>
        <translation>重新处理 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="790"/>
        <source>Why the case is handled again</source>
        <translation>重新处理原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="792"/>
        <location filename="../../ui/case_actions.py" line="844"/>
        <source>Reopen</source>
        <translation>重新处理</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="801"/>
        <source>Triage</source>
        <translation>分诊</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="802"/>
        <source>Assign / transfer</source>
        <translation>分派/转派</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="803"/>
        <source>First contact</source>
        <translation>首次联系</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="806"/>
        <source>Investigation report</source>
        <translation>调查报告</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="809"/>
        <source>Propose resolution</source>
        <translation>提出处理方案</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="810"/>
        <source>Approve / reject</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="811"/>
        <source>Reply to customer</source>
        <translation>答复客户</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="812"/>
        <source>Answer and close</source>
        <translation>答复并结案</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="814"/>
        <source>Request extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="817"/>
        <source>Decide extension</source>
        <translation>审批延期</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="819"/>
        <source>Follow-up visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="820"/>
        <source>Close</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="821"/>
        <source>Abnormal closure</source>
        <translation>非正常结案</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="822"/>
        <source>Open linked case</source>
        <translation>开立关联案件</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="823"/>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="824"/>
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="825"/>
        <source>GM informed</source>
        <translation>登记已报告总经理</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="826"/>
        <source>Custom fields</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="827"/>
        <source>Correct intake</source>
        <translation>更正受理信息</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="829"/>
        <source>Ask for opinions</source>
        <translation>请求会签</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="830"/>
        <source>Give opinion</source>
        <translation>填写会签意见</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="833"/>
        <source>Proceed without waiting</source>
        <translation>不等会签继续</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="380"/>
        <source>When the customer was told</source>
        <translation>答复时间</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="459"/>
        <source>When the customer was called</source>
        <translation>回访时间</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <location filename="../../ui/case_detail.py" line="180"/>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="183"/>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="186"/>
        <source>Escalated: %1</source>
        <translation>已升级：%1</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="197"/>
        <source>(holidays of that year not confirmed)</source>
        <translation>(该年度节假日未确认)</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="199"/>
        <source>Deadline %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="218"/>
        <source>%1 (%2 KB, %3 %4)</source>
        <translation>%1（%2 KB，%3 %4）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="375"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="375"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="387"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="397"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="398"/>
        <source>Channel</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="399"/>
        <source>Kind</source>
        <translation>性质</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="400"/>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="401"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="402"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="403"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="404"/>
        <source>Company / customer</source>
        <translation>单位/客户名称</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="405"/>
        <source>Customer type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="407"/>
        <source>Domestic / abroad</source>
        <translation>国内/国外</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="408"/>
        <source>Abroad</source>
        <translation>国外</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="408"/>
        <source>Domestic</source>
        <translation>国内</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="410"/>
        <source>Product or service</source>
        <translation>产品或服务</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="411"/>
        <source>Order no.</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="412"/>
        <source>Part no. / model</source>
        <translation>料号/型号</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="413"/>
        <source>Lot no.</source>
        <translation>批号</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="414"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="415"/>
        <source>Defective quantity</source>
        <translation>不良数量</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="417"/>
        <source>Delivery date</source>
        <translation>交运日期</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="421"/>
        <source>Vehicle / plate</source>
        <translation>车型/车牌</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="424"/>
        <source>Occurred at</source>
        <translation>事件发生时间</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="425"/>
        <source>Department complained about</source>
        <translation>被投诉部门</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="426"/>
        <source>Person complained about</source>
        <translation>被投诉人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="427"/>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="428"/>
        <source>Customer&apos;s request</source>
        <translation>客户要求</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="430"/>
        <source>Amount asked</source>
        <translation>要求金额</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="433"/>
        <source>Request details</source>
        <translation>要求说明</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="434"/>
        <source>Number of complainants</source>
        <translation>投诉人数</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="435"/>
        <source>Taken by</source>
        <translation>受理人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="443"/>
        <source>Validity</source>
        <translation>有效性</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="444"/>
        <source>Why invalid</source>
        <translation>无效原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="446"/>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="449"/>
        <source>Severity</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="451"/>
        <source>Estimated loss</source>
        <translation>损失估计</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="454"/>
        <location filename="../../ui/case_detail.py" line="479"/>
        <source>Responsible department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="455"/>
        <source>Triaged at</source>
        <translation>分诊时间</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="456"/>
        <source>Handler</source>
        <translation>处理责任人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="457"/>
        <source>Deadline rule</source>
        <translation>时限规则</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="466"/>
        <source>done %1</source>
        <translation>已完成 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="467"/>
        <source>due %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="471"/>
        <source>(unconfirmed)</source>
        <translation>（待确认）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="477"/>
        <source>Cause</source>
        <translation>发生原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="478"/>
        <source>What happened</source>
        <translation>具体经过</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="480"/>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="481"/>
        <source>Conclusion</source>
        <translation>调查结论</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="482"/>
        <source>Corrective action</source>
        <translation>纠正措施</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="483"/>
        <source>Preventive action</source>
        <translation>预防措施</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="484"/>
        <source>Improvement tracking</source>
        <translation>改善追踪</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="485"/>
        <source>Responsibility</source>
        <translation>责任归属</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="486"/>
        <source>Written by</source>
        <translation>填写人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="487"/>
        <source>Written at</source>
        <translation>填写时间</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="489"/>
        <source>Responsibility shares</source>
        <translation>责任比率</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="503"/>
        <source>Resolution (%1)</source>
        <translation>处理方案（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="506"/>
        <source>Resolution</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="507"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="508"/>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="509"/>
        <source>Proposed by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="511"/>
        <source>Approval levels</source>
        <translation>审批层级</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="512"/>
        <source>Approval rule</source>
        <translation>核决规则</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="517"/>
        <source>%1 level</source>
        <translation>%1级</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="526"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="527"/>
        <source>Signed by</source>
        <translation>签署人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="528"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="529"/>
        <location filename="../../ui/case_detail.py" line="543"/>
        <location filename="../../ui/case_detail.py" line="553"/>
        <location filename="../../ui/case_detail.py" line="577"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="530"/>
        <source>Meaning</source>
        <translation>意义</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="531"/>
        <source>Grounds</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="544"/>
        <location filename="../../ui/case_detail.py" line="554"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="545"/>
        <source>Replied by</source>
        <translation>答复人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="546"/>
        <source>What was said</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="547"/>
        <source>Customer accepts</source>
        <translation>客户接受</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="555"/>
        <source>Visited by</source>
        <translation>回访人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="556"/>
        <source>Problem solved</source>
        <translation>问题解决</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="557"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="558"/>
        <source>Comments</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="564"/>
        <source>Requested at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="565"/>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="566"/>
        <location filename="../../ui/case_detail.py" line="580"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="567"/>
        <source>Customer&apos;s consent</source>
        <translation>客户同意</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="568"/>
        <source>Old deadline</source>
        <translation>原期限</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="569"/>
        <source>New deadline</source>
        <translation>新期限</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="570"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="571"/>
        <source>Decided by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="578"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="579"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="581"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="581"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="588"/>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="611"/>
        <source>%1 (no longer used)</source>
        <translation>%1（已停用）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="619"/>
        <source>Intake</source>
        <translation>受理信息</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="622"/>
        <source>Branch&apos;s own fields</source>
        <translation>网点自定义字段</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="625"/>
        <source>Triage</source>
        <translation>分诊</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="627"/>
        <source>not yet recorded</source>
        <translation>尚未登记</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="629"/>
        <source>Major complaint: %1; GM informed: %2</source>
        <translation>重大投诉：%1；报告总经理：%2</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="636"/>
        <source>Investigation report</source>
        <translation>调查报告</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="643"/>
        <source>Replies to the customer</source>
        <translation>答复客户</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="644"/>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="645"/>
        <source>Extensions</source>
        <translation>延期</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="646"/>
        <source>Escalations</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="655"/>
        <source>Linked cases</source>
        <translation>关联案件</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="659"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="668"/>
        <source>History</source>
        <translation>处理经过</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="670"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="346"/>
        <source>Shortcut: %1</source>
        <translation>快捷键：%1</translation>
    </message>
</context>
<context>
    <name>CaseDetailView</name>
    <message>
        <location filename="../../ui/case_detail.py" line="94"/>
        <source>Case details</source>
        <translation>案件详情</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="96"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="99"/>
        <source>Add attachment…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="101"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="102"/>
        <source>Receipt, handling form and the other forms this case needs</source>
        <translation>受理回执、客户抱怨处理表及本案需要的其他表单</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="105"/>
        <source>Print log…</source>
        <translation>打印记录…</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="108"/>
        <source>Rewards and penalties…</source>
        <translation>奖罚…</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="177"/>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="274"/>
        <source>Add attachment</source>
        <translation>添加附件</translation>
    </message>
</context>
<context>
    <name>CaseHold</name>
    <message>
        <location filename="../../ui/case_hold.py" line="36"/>
        <location filename="../../ui/case_hold.py" line="44"/>
        <source>Legal hold…</source>
        <extracomment>Who may hold and lift (the core&apos;s ``anonymise.DESK_ROLES``): the button is shown to them only.</extracomment>
        <translation>法律保留…</translation>
    </message>
    <message>
        <location filename="../../ui/case_hold.py" line="44"/>
        <source>Lift legal hold…</source>
        <translation>解除法律保留…</translation>
    </message>
    <message>
        <location filename="../../ui/case_hold.py" line="53"/>
        <source>Legal hold</source>
        <translation>法律保留</translation>
    </message>
    <message>
        <location filename="../../ui/case_hold.py" line="54"/>
        <source>%1, %2: %3</source>
        <translation>%1，%2：%3</translation>
    </message>
    <message>
        <location filename="../../ui/case_hold.py" line="67"/>
        <source>Legal hold on %1</source>
        <translation>法律保留 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_hold.py" line="67"/>
        <source>Lift the legal hold on %1</source>
        <translation>解除法律保留 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_hold.py" line="71"/>
        <source>Why the case is held (e.g. a lawsuit or a regulator&apos;s inquiry)</source>
        <translation>保留原因（如诉讼、监管部门问询）</translation>
    </message>
    <message>
        <location filename="../../ui/case_hold.py" line="73"/>
        <source>Why the hold is lifted</source>
        <translation>解除原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_hold.py" line="76"/>
        <source>While held, the case is never anonymised (retention, personal-data requests).</source>
        <translation>保留期间，本案件不会被匿名化（保存期限到期或个人信息请求均不会）。</translation>
    </message>
    <message>
        <location filename="../../ui/case_hold.py" line="78"/>
        <source>Held since %1: %2</source>
        <translation>自 %1 起保留：%2</translation>
    </message>
    <message>
        <location filename="../../ui/case_hold.py" line="89"/>
        <source>Hold</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../ui/case_hold.py" line="89"/>
        <source>Lift hold</source>
        <translation>解除保留</translation>
    </message>
</context>
<context>
    <name>CaseNotes</name>
    <message>
        <location filename="../../ui/case_notes.py" line="47"/>
        <source>Progress notices</source>
        <translation>进度告知</translation>
    </message>
    <message>
        <location filename="../../ui/case_notes.py" line="50"/>
        <source>Next contact due: %1</source>
        <translation>下次联系时间：%1</translation>
    </message>
    <message>
        <location filename="../../ui/case_notes.py" line="52"/>
        <source>next contact %1</source>
        <translation>下次联系 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_notes.py" line="69"/>
        <source>Internal notes (staff only, never printed)</source>
        <translation>内部备注（仅内部可见，不打印）</translation>
    </message>
    <message>
        <location filename="../../ui/case_notes.py" line="71"/>
        <source>Files: %1</source>
        <translation>附件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/case_notes.py" line="96"/>
        <source>History of the original case</source>
        <translation>原案件的处理经过</translation>
    </message>
    <message>
        <location filename="../../ui/case_notes.py" line="110"/>
        <source>Original case %1 (its form is attached)</source>
        <translation>原案件 %1（附原表）</translation>
    </message>
    <message>
        <location filename="../../ui/case_notes.py" line="125"/>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
</context>
<context>
    <name>CaseOpinions</name>
    <message>
        <location filename="../../ui/case_opinions.py" line="46"/>
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="54"/>
        <source>Not waited for: %1</source>
        <translation>未等待：%1</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="63"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="71"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="72"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="73"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="75"/>
        <source>Share</source>
        <translation>责任比率</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="76"/>
        <source>Signed by</source>
        <translation>签署人</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="77"/>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="87"/>
        <source>(unconfirmed)</source>
        <translation>（待确认）</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="100"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="111"/>
        <source>The investigation&apos;s shares: %1. A department&apos;s share is its own view, beside them.</source>
        <translation>调查报告的责任比率：%1。各部门会签的责任比率是其自己的意见，与之并列，不计入其中。</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="117"/>
        <source>Opinions of other departments</source>
        <translation>会签意见</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="118"/>
        <source>Asked:</source>
        <translation>会签问题：</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="136"/>
        <source>Question for them</source>
        <translation>会签问题</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="142"/>
        <source>Ask other departments for their opinion on %1</source>
        <translation>请求其他部门会签 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="168"/>
        <source>%1 asks: %2 (due %3)</source>
        <translation>%1 请求会签：%2（%3 前）</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="74"/>
        <location filename="../../ui/case_opinions.py" line="172"/>
        <source>Opinion</source>
        <translation>会签意见</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="173"/>
        <source>Responsibility share (%), optional</source>
        <translation>责任比率（%，可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="185"/>
        <source>Opinion on %1</source>
        <translation>填写会签意见 %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="194"/>
        <source>Not waiting for: %1</source>
        <translation>不再等待：%1</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="195"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/case_opinions.py" line="200"/>
        <source>Proceed on %1 without waiting for opinions</source>
        <translation>%1 不等会签继续</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/password_dialog.py" line="53"/>
        <location filename="../../ui/password_dialog.py" line="84"/>
        <source>Change password</source>
        <extracomment>Letters and digits that cannot be misread when told over the phone or written down (no 0/O, 1/l/I).</extracomment>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="56"/>
        <source>An administrator reset your password, %1. Choose your own before you go on.</source>
        <translation>%1，系统管理员已重置您的密码。请先设置您自己的新密码。</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="59"/>
        <source>%1, choose a new password.</source>
        <translation>%1，请设置新密码。</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="63"/>
        <source>At least %1 characters, not beginning or ending with a space.</source>
        <translation>至少 %1 位，首尾不能是空格。</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="70"/>
        <source>Temporary password</source>
        <translation>临时密码</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="70"/>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="72"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="73"/>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="86"/>
        <source>Back to login</source>
        <translation>返回登录</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="101"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <location filename="../../ui/dashboard_charts.py" line="72"/>
        <source>Cases per week by kind (last 12 weeks)</source>
        <extracomment>Colours of the kinds (consultation, suggestion, complaint, praise) and of on time / late. What each chart draws, for tests and the accessible description: chart key → [(count, filter)]. The clickable parts: chart key → [(QBarSet or QPieSlice, index or -1, filter)].</extracomment>
        <translation>每周受理量（按类型，近 12 周）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_charts.py" line="73"/>
        <source>Closed on time per month (the rate under each month)</source>
        <translation>每月按时结案（月份下为按时率）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_charts.py" line="74"/>
        <source>Open cases by department</source>
        <translation>各部门未结案件</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_charts.py" line="75"/>
        <source>Top categories (last 12 weeks)</source>
        <translation>主要类别（近 12 周）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_charts.py" line="92"/>
        <source>Click a bar or a slice to list its cases</source>
        <translation>点击柱或扇区，列出其中的案件</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_charts.py" line="139"/>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_charts.py" line="140"/>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_charts.py" line="165"/>
        <source>No department yet</source>
        <translation>尚未分派部门</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_charts.py" line="178"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
</context>
<context>
    <name>ConfigTab</name>
    <message>
        <location filename="../../ui/config_tab.py" line="66"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/config_tab.py" line="70"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/config_tab.py" line="89"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/config_tab.py" line="91"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/config_tab.py" line="130"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../ui/date_field.py" line="52"/>
        <source>Pick from the calendar (F4)</source>
        <extracomment>&quot;No date&quot; in the QDateEdit calls these fields keep (the value the old widgets used).</extracomment>
        <translation>从日历中选择（F4）</translation>
    </message>
    <message>
        <location filename="../../ui/date_field.py" line="53"/>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location filename="../../ui/date_field.py" line="73"/>
        <source>Type 2026-11-30, 20261130 or 11-30 (this year)</source>
        <translation>可输入 2026-11-30、20261130 或 11-30（今年）</translation>
    </message>
    <message>
        <location filename="../../ui/date_field.py" line="180"/>
        <source>Type 2026-11-30 14:30, 20261130 1430 or 11-30 14:30 (this year)</source>
        <translation>可输入 2026-11-30 14:30、20261130 1430 或 11-30 14:30（今年）</translation>
    </message>
</context>
<context>
    <name>DeadlineRulesTab</name>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="65"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="66"/>
        <source>Trial calculation</source>
        <translation>试算</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="67"/>
        <source>Business hours</source>
        <translation>营业时间</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="76"/>
        <source>Case deadline</source>
        <translation>整案期限</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="82"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="82"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="89"/>
        <source>Priority</source>
        <translation>优先顺序</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="89"/>
        <location filename="../../ui/deadline_rules_tab.py" line="106"/>
        <source>Times</source>
        <translation>时效对象</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="89"/>
        <source>Conditions</source>
        <translation>条件</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="89"/>
        <location filename="../../ui/deadline_rules_tab.py" line="110"/>
        <source>Within</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="89"/>
        <location filename="../../ui/deadline_rules_tab.py" line="107"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="105"/>
        <source>Priority (lower wins)</source>
        <translation>优先顺序（小者优先）</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="111"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="112"/>
        <location filename="../../ui/deadline_rules_tab.py" line="355"/>
        <source>Kind</source>
        <translation>性质</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="112"/>
        <location filename="../../ui/deadline_rules_tab.py" line="113"/>
        <location filename="../../ui/deadline_rules_tab.py" line="118"/>
        <location filename="../../ui/deadline_rules_tab.py" line="120"/>
        <location filename="../../ui/deadline_rules_tab.py" line="127"/>
        <location filename="../../ui/deadline_rules_tab.py" line="128"/>
        <location filename="../../ui/deadline_rules_tab.py" line="129"/>
        <location filename="../../ui/deadline_rules_tab.py" line="130"/>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="113"/>
        <source>Category (any level)</source>
        <translation>类别（任一级）</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="117"/>
        <source>Severity at least</source>
        <translation>等级不低于</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="120"/>
        <location filename="../../ui/deadline_rules_tab.py" line="363"/>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="124"/>
        <source>Or major</source>
        <translation>或重大</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="125"/>
        <source>Severity at least … or major</source>
        <translation>等级不低于…或为重大</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="127"/>
        <location filename="../../ui/deadline_rules_tab.py" line="364"/>
        <source>Abroad</source>
        <translation>国外</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="128"/>
        <location filename="../../ui/deadline_rules_tab.py" line="365"/>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="129"/>
        <location filename="../../ui/deadline_rules_tab.py" line="366"/>
        <source>Customer type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="130"/>
        <source>Custom field</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="131"/>
        <source>Custom field value</source>
        <translation>自定义字段取值</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="135"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="137"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="139"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="195"/>
        <source>Every case</source>
        <translation>所有案件</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="215"/>
        <source>%1 or above, or major</source>
        <translation>%1及以上或重大</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="217"/>
        <source>%1 or above</source>
        <translation>%1及以上</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="219"/>
        <location filename="../../ui/deadline_rules_tab.py" line="221"/>
        <source>major</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="221"/>
        <source>not major</source>
        <translation>非重大</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="223"/>
        <source>abroad</source>
        <translation>国外</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="223"/>
        <source>domestic</source>
        <translation>国内</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="305"/>
        <location filename="../../ui/deadline_rules_tab.py" line="528"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="310"/>
        <source>Delete rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="311"/>
        <source>Delete the rule “%1”? Cases registered from now on no longer get it.</source>
        <translation>删除规则“%1”？此后登记的案件不再适用该规则。</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="321"/>
        <source>Select a rule first</source>
        <translation>请先选择一条规则</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="334"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="342"/>
        <source>Received at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="346"/>
        <source>Assigned at (empty: at intake)</source>
        <translation>分派时间（留空：受理时）</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="347"/>
        <source>At intake</source>
        <translation>受理时</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="352"/>
        <source>Replied at (empty: when the reply is due)</source>
        <translation>答复时间（留空：答复到期时）</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="353"/>
        <source>When due</source>
        <translation>到期时</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="356"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="356"/>
        <location filename="../../ui/deadline_rules_tab.py" line="361"/>
        <source>Not yet triaged</source>
        <translation>尚未分诊</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="360"/>
        <source>Severity</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="363"/>
        <source>Major case</source>
        <translation>重大案件</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="364"/>
        <source>Customer abroad</source>
        <translation>国外客户</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="374"/>
        <source>Try</source>
        <translation>试算</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="379"/>
        <source>Due</source>
        <translation>期限项目</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="379"/>
        <source>When</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="379"/>
        <source>By rule</source>
        <translation>所依规则</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="423"/>
        <source>Please enter the time of intake</source>
        <translation>请填写受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="456"/>
        <source>(unconfirmed)</source>
        <translation>(待确认)</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="462"/>
        <source>Some days counted lie in a year whose holidays are not confirmed yet.</source>
        <translation>所计日期中有的年份节假日尚未确认（待确认）。</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="469"/>
        <source>No rule: due with the case</source>
        <translation>无规则：随整案期限</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="471"/>
        <source>%1 (priority %2)</source>
        <translation>%1（优先顺序 %2）</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="474"/>
        <source>later than the case deadline, so due with the case</source>
        <translation>晚于整案期限，按整案期限</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="484"/>
        <source>Office opens (HH:MM)</source>
        <translation>上班时间（时:分）</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="485"/>
        <source>Office closes (HH:MM)</source>
        <translation>下班时间（时:分）</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="486"/>
        <source>Lunch break starts (empty: none)</source>
        <translation>午休开始（留空：无午休）</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="487"/>
        <source>Lunch break ends (empty: none)</source>
        <translation>午休结束（留空：无午休）</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="492"/>
        <source>Working hours count only inside these hours on working days, without the lunch break; deadlines in working days and same-day deadlines fall due at closing.</source>
        <translation>工作小时只计工作日的营业时间，不含午休；按工作日和当日计的期限于下班时到期。</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_rules_tab.py" line="498"/>
        <source>Save business hours</source>
        <translation>保存营业时间</translation>
    </message>
</context>
<context>
    <name>ExportDone</name>
    <message>
        <location filename="../../ui/export_done.py" line="45"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location filename="../../ui/export_done.py" line="46"/>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/export_done.py" line="64"/>
        <source>No program on this PC opened %1.</source>
        <translation>本机没有程序能打开 %1。</translation>
    </message>
</context>
<context>
    <name>FieldSet</name>
    <message>
        <location filename="../../ui/forms.py" line="100"/>
        <source>Not a date: type 2026-11-30, 20261130 or 11-30</source>
        <translation>不是有效日期：请输入 2026-11-30、20261130 或 11-30</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="28"/>
        <source>Set up BranchDesk</source>
        <translation>初始化客诉台</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="31"/>
        <source>This database is new. Name your branch and create the first administrator. There is no default password.</source>
        <translation>这是一个新的数据库。请填写网点名称并创建第一位系统管理员。系统没有默认密码。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="36"/>
        <source>Branch name</source>
        <translation>网点名称</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="37"/>
        <source>Branch code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="39"/>
        <source>Administrator user name</source>
        <translation>管理员用户名</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="40"/>
        <source>Administrator full name</source>
        <translation>管理员姓名</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="41"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="42"/>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="45"/>
        <source>Starting policy</source>
        <translation>初始策略</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="83"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>FormsTab</name>
    <message>
        <location filename="../../ui/forms_tab.py" line="75"/>
        <location filename="../../ui/forms_tab.py" line="82"/>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="77"/>
        <source>Add a form (copy of this one)…</source>
        <translation>新增表单（复制当前表单）…</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="79"/>
        <location filename="../../ui/forms_tab.py" line="235"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="90"/>
        <source>No.</source>
        <translation>联号</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="91"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="92"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="93"/>
        <source>Department code</source>
        <translation>部门代码</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="94"/>
        <source>Shows phone</source>
        <translation>显示电话</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="95"/>
        <source>Internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="99"/>
        <source>Add copy</source>
        <translation>添加一联</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="101"/>
        <source>Remove copy</source>
        <translation>删除一联</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="106"/>
        <source>Section</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="106"/>
        <location filename="../../ui/forms_tab.py" line="123"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="106"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="110"/>
        <source>Field to add</source>
        <translation>要添加的字段</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="111"/>
        <source>Add field</source>
        <translation>添加字段</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="113"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="115"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="115"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="124"/>
        <source>X (mm)</source>
        <translation>X（毫米）</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="125"/>
        <source>Y (mm)</source>
        <translation>Y（毫米）</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="126"/>
        <source>Width (mm)</source>
        <translation>宽度（毫米）</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="127"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="128"/>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="135"/>
        <source>Copies</source>
        <translation>联</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="136"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="137"/>
        <source>Overlay positions</source>
        <translation>套打位置</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="141"/>
        <source>Save form</source>
        <translation>保存表单</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="151"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="152"/>
        <source>Plain paper</source>
        <translation>普通纸</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="153"/>
        <source>Pre-printed set (overlay)</source>
        <translation>预印联单（套打）</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="158"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="165"/>
        <source>Preview (sample case)</source>
        <translation>预览（示例客诉）</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="219"/>
        <source> (inactive)</source>
        <translation>（停用）</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="235"/>
        <source>Activate</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="307"/>
        <source>New copy</source>
        <translation>新的一联</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="393"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="417"/>
        <source>%1 page(s)</source>
        <translation>共 %1 页</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="431"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="438"/>
        <location filename="../../ui/forms_tab.py" line="441"/>
        <source>Add a form</source>
        <translation>新增表单</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="438"/>
        <source>Code (letters, digits, _)</source>
        <translation>代码（字母、数字或下划线）</translation>
    </message>
    <message>
        <location filename="../../ui/forms_tab.py" line="441"/>
        <source>Title printed on the form</source>
        <translation>表单上打印的标题</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <location filename="../../ui/help.py" line="54"/>
        <source>BranchDesk — user guide</source>
        <extracomment>The sections F1 can open, one per screen (the anchors both editions carry).</extracomment>
        <translation>客诉台 — 用户手册</translation>
    </message>
</context>
<context>
    <name>HolidayNoticeDialog</name>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="49"/>
        <source>Import holiday notice</source>
        <translation>导入节假日安排通知</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="52"/>
        <source>Paste the full text of the State Council&apos;s notice on next year&apos;s public holidays, or open it from a text file. Preview shows how it differs from the working calendar; Apply writes its days and marks the year confirmed.</source>
        <translation>粘贴国务院办公厅关于部分节假日安排的通知全文，或从文本文件打开。“预览”显示通知与当前工作日历的差异；“写入”把通知的各天录入日历，并确认该年法定节假日已录入。</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="62"/>
        <source>Notice text</source>
        <translation>通知全文</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="65"/>
        <source>From the title</source>
        <translation>按通知标题</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="67"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="68"/>
        <source>Open text file…</source>
        <translation>打开文本文件…</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="70"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="72"/>
        <source>Apply</source>
        <translation>写入</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="75"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="82"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="83"/>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="84"/>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="85"/>
        <source>From</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="86"/>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="87"/>
        <source>Holiday</source>
        <translation>节日</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="116"/>
        <source>Open holiday notice</source>
        <translation>打开节假日安排通知</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="116"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="166"/>
        <source>Notice for %1: %2 days (%3 days off, %4 working days); %5 differ from the working calendar.</source>
        <translation>%1 年通知：共 %2 天（休 %3 天，班 %4 天），与当前工作日历不同 %5 天。</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="174"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="174"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="174"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="174"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="174"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="174"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="175"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="177"/>
        <source>Entered by the administrator</source>
        <translation>管理员设定</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="178"/>
        <source>Official calendar</source>
        <translation>官方日历</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="179"/>
        <source>Monday–Friday (unconfirmed)</source>
        <translation>按周一至周五推定（未确认）</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="196"/>
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="196"/>
        <source>Day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <location filename="../../ui/holiday_notice_dialog.py" line="213"/>
        <source>Written: %1 days. %2 is marked confirmed.</source>
        <translation>已写入 %1 天，%2 年已确认。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="44"/>
        <source>Import a ledger</source>
        <translation>导入台帐</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="95"/>
        <source>Checking the ledger</source>
        <translation>正在检查台帐</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="95"/>
        <source>Importing the ledger</source>
        <translation>正在导入台帐</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/intake_page.py" line="111"/>
        <location filename="../../ui/intake_page.py" line="264"/>
        <location filename="../../ui/intake_page.py" line="338"/>
        <location filename="../../ui/intake_page.py" line="635"/>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="115"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="117"/>
        <source>Type the number: earlier cases appear on the right</source>
        <translation>输入号码后，右侧显示该客户以往案件</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="118"/>
        <location filename="../../ui/intake_page.py" line="196"/>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="121"/>
        <source>Title</source>
        <translation>称呼</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="122"/>
        <source>Company / customer</source>
        <translation>单位/客户名称</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="123"/>
        <source>Customer type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="124"/>
        <source>Foreign customer</source>
        <translation>国内/国外</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="124"/>
        <source>Abroad</source>
        <translation>国外客户</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="125"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="126"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="129"/>
        <source>Number of complainants</source>
        <translation>投诉人数</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="132"/>
        <source>Received at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="133"/>
        <source>Channel</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="135"/>
        <source>Kind</source>
        <translation>性质</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="140"/>
        <source>Product or service</source>
        <translation>产品或服务</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="141"/>
        <source>Order no.</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="142"/>
        <source>Part / model</source>
        <translation>料号/型号</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="143"/>
        <source>Lot no.</source>
        <translation>批号</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="144"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="145"/>
        <source>Defective quantity</source>
        <translation>不良数量</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="148"/>
        <source>Delivery date</source>
        <translation>交运日期</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="148"/>
        <location filename="../../ui/intake_page.py" line="188"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="149"/>
        <source>Vehicle model</source>
        <translation>车型</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="150"/>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="151"/>
        <source>Occurred at</source>
        <translation>事件发生时间</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="151"/>
        <source>(unknown)</source>
        <translation>（不详）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="155"/>
        <source>Department complained about</source>
        <translation>被投诉部门</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="161"/>
        <source>Employee complained about</source>
        <translation>被投诉员工</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="164"/>
        <source>Person complained about (if not staff)</source>
        <translation>被投诉人（非本公司员工）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="167"/>
        <source>Complaint content</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="168"/>
        <source>Customer&apos;s request</source>
        <translation>客户要求</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="169"/>
        <source>Amount asked (yuan)</source>
        <translation>要求金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="171"/>
        <source>Request details</source>
        <translation>要求说明</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="173"/>
        <source>Personal injury</source>
        <translation>人身伤害</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="174"/>
        <source>Lawsuit threatened</source>
        <translation>扬言诉讼</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="175"/>
        <source>Media involved</source>
        <translation>媒体介入</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="176"/>
        <source>Complained to manufacturer, regulator or consumer body</source>
        <translation>已向厂家、监管部门或消费者协会投诉</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="179"/>
        <source>Repeat of case no.</source>
        <translation>重复投诉原案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="197"/>
        <source>Intake</source>
        <translation>受理信息</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="198"/>
        <source>Complaint and request</source>
        <translation>投诉与要求</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="199"/>
        <source>Subject</source>
        <translation>投诉对象</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="205"/>
        <source>Branch fields</source>
        <translation>网点自定义字段</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="214"/>
        <location filename="../../ui/intake_page.py" line="216"/>
        <source>Earlier cases of this customer</source>
        <translation>该客户以往案件</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="227"/>
        <location filename="../../ui/intake_page.py" line="478"/>
        <source>Fill in the customer&apos;s details</source>
        <translation>填入客户资料</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="254"/>
        <source>Save draft (Ctrl+S)</source>
        <translation>保存草稿 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="256"/>
        <source>Submit (Ctrl+Enter)</source>
        <translation>提交登记 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="259"/>
        <source>Print receipt</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="398"/>
        <source>Unfinished complaint</source>
        <translation>未完成的投诉</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="399"/>
        <source>An unfinished complaint (%1) was not saved last time. Restore it?</source>
        <translation>上次有一件未保存的投诉记录（%1），要恢复吗？</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="428"/>
        <source>Possible repeat complaint (same customer within 30 days): %1. If it is the same matter, double-click the case to mark it; a repeat complaint is a major complaint.</source>
        <translation>可能是重复投诉（同一客户 30 天内）：%1。如为同一事项，请双击该案件标记；重复投诉列为重大投诉。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="458"/>
        <source>Known customer (case %1): %2</source>
        <extracomment>The fields the offer fills, in form order.</extracomment>
        <translation>老客户（案件 %1）：%2</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="479"/>
        <source>Replace what you typed (%1) with the details of case %2?</source>
        <translation>用案件 %2 的资料替换您已填写的内容（%1）吗？</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="502"/>
        <source>%1 field(s) need attention</source>
        <translation>有 %1 处需要修改</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="531"/>
        <source>Draft saved as %1</source>
        <translation>草稿已保存，编号 %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="571"/>
        <source>Registered: %1 — reply due by %2</source>
        <translation>已登记：%1 — 请于 %2 前答复客户</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="573"/>
        <source> (holiday calendar of that year not confirmed yet)</source>
        <translation>（该年度法定节假日尚未确认）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="575"/>
        <source> · repeat complaint of %1, major</source>
        <translation> · 重复投诉（原案件 %1），列为重大投诉</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="576"/>
        <source>Complaint %1</source>
        <translation>投诉 %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="609"/>
        <source>An attachment is still being read: save again in a moment.</source>
        <translation>附件仍在读取中，请稍后再保存。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="636"/>
        <source>What was typed in this form is not saved. Discard it and start a new complaint?</source>
        <translation>表单中填写的内容尚未保存。放弃这些内容并新建投诉吗？</translation>
    </message>
    <message>
        <location filename="../../ui/intake_page.py" line="654"/>
        <source>Draft %1</source>
        <translation>草稿 %1</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../ui/lock.py" line="23"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="26"/>
        <source>BranchDesk is locked. %1, type your password to go on.</source>
        <translation>客诉台已锁定。%1，请输入密码继续。</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="30"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="34"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="30"/>
        <source>BranchDesk — log in</source>
        <translation>客诉台 — 登录</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="35"/>
        <location filename="../../ui/login_dialog.py" line="47"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="43"/>
        <location filename="../../ui/login_dialog.py" line="48"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="52"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="78"/>
        <location filename="../../ui/main_window.py" line="433"/>
        <source>BranchDesk — %1</source>
        <extracomment>The user logged out: ``ui.main`` shows the login again.</extracomment>
        <translation>客诉台 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88"/>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94"/>
        <source>My work</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="98"/>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="103"/>
        <source>Case queue</source>
        <translation>案件队列</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="111"/>
        <source>Retention and privacy</source>
        <translation>保存与个人信息</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>&amp;User</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Lock (Ctrl+L)</source>
        <translation>锁定（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189"/>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>Log out (switch user)</source>
        <translation>注销（切换用户）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>Quit (Ctrl+Q)</source>
        <translation>退出（Ctrl+Q）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>User guide (F1)</source>
        <translation>用户手册（F1）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206"/>
        <source>About BranchDesk</source>
        <translation>关于客诉台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source>Corrective actions</source>
        <translation>纠正预防措施</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="242"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="244"/>
        <source>Yearly archive…</source>
        <translation>年度归档…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302"/>
        <source>Your password is changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>The interface language is saved on this computer and applies the next time BranchDesk starts.</source>
        <translation>界面语言已保存在本机，下次启动客诉台时生效。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138"/>
        <source>Ctrl+N new complaint</source>
        <extracomment>Set by ``log_out``: the window closed for another login, not to quit.</extracomment>
        <translation>Ctrl+N 新建投诉</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>Ctrl+F find a case</source>
        <translation>Ctrl+F 查找案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>Ctrl+L lock</source>
        <translation>Ctrl+L 锁定</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
</context>
<context>
    <name>MonthDialog</name>
    <message>
        <location filename="../../ui/reports_ui.py" line="80"/>
        <source>Monthly summary</source>
        <translation>月度统计表</translation>
    </message>
    <message>
        <location filename="../../ui/reports_ui.py" line="82"/>
        <location filename="../../ui/reports_ui.py" line="88"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../ui/reports_ui.py" line="90"/>
        <location filename="../../ui/reports_ui.py" line="96"/>
        <source>Break down by</source>
        <translation>分组统计</translation>
    </message>
    <message>
        <location filename="../../ui/reports_ui.py" line="91"/>
        <source>As the administrator set</source>
        <translation>按系统设置</translation>
    </message>
    <message>
        <location filename="../../ui/reports_ui.py" line="92"/>
        <source>No breakdown</source>
        <translation>不分组</translation>
    </message>
</context>
<context>
    <name>NotificationBell</name>
    <message>
        <location filename="../../ui/notifications.py" line="91"/>
        <location filename="../../ui/notifications.py" line="171"/>
        <source>Notifications</source>
        <extracomment>How many notifications the list shows (the newest). The unread count changed (tests and the list follow it).</extracomment>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../ui/notifications.py" line="101"/>
        <location filename="../../ui/notifications.py" line="157"/>
        <source>BranchDesk</source>
        <translation>客诉台</translation>
    </message>
    <message>
        <location filename="../../ui/notifications.py" line="159"/>
        <source>%1 new notifications</source>
        <translation>%1 条新通知</translation>
    </message>
    <message>
        <location filename="../../ui/notifications.py" line="171"/>
        <source>Notifications (%1)</source>
        <translation>通知（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/notifications.py" line="174"/>
        <source>%1 unread notifications</source>
        <translation>%1 条未读通知</translation>
    </message>
    <message>
        <location filename="../../ui/notifications.py" line="176"/>
        <source>No unread notifications</source>
        <translation>没有未读通知</translation>
    </message>
</context>
<context>
    <name>NotificationList</name>
    <message>
        <location filename="../../ui/notifications.py" line="231"/>
        <location filename="../../ui/notifications.py" line="242"/>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../ui/notifications.py" line="233"/>
        <source>Notification</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../ui/notifications.py" line="233"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/notifications.py" line="233"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/notifications.py" line="245"/>
        <source>No notifications.</source>
        <translation>暂无通知。</translation>
    </message>
    <message>
        <location filename="../../ui/notifications.py" line="246"/>
        <source>Mark all read</source>
        <translation>全部已读</translation>
    </message>
    <message>
        <location filename="../../ui/notifications.py" line="252"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>OutputFieldsBox</name>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="140"/>
        <source>The branch&apos;s own fields on forms and reports</source>
        <extracomment>The forms that may print the branch&apos;s own fields, in the order of the grid&apos;s columns.</extracomment>
        <translation>自定义字段在表单和报表中的使用</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="145"/>
        <source>Receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="146"/>
        <source>Handling form</source>
        <translation>处理表</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="147"/>
        <source>Investigation report</source>
        <translation>调查报告</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="154"/>
        <location filename="../../ui/branch_profile_tab.py" line="160"/>
        <source>Monthly summary broken down by</source>
        <translation>月度统计表分组字段</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="155"/>
        <source>The branch has no custom intake fields.</source>
        <translation>本网点没有自定义受理字段。</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="156"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="201"/>
        <source>No breakdown</source>
        <translation>不分组</translation>
    </message>
    <message>
        <location filename="../../ui/branch_profile_tab.py" line="231"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>PersonalDataTab</name>
    <message>
        <location filename="../../ui/privacy_page.py" line="308"/>
        <source>Everything held on a customer, found by phone (any spelling) or name: export it for them, or propose its anonymisation at their request (a general manager approves; refused while a case is open or on legal hold).</source>
        <translation>按电话（任何写法）或姓名查找某位客户的全部信息：为其导出，或应其请求提出匿名化（由总经理批准；有案件未结案或处于法律保留时不能办理）。</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="315"/>
        <location filename="../../ui/privacy_page.py" line="316"/>
        <source>Phone or name</source>
        <translation>电话或姓名</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="318"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="320"/>
        <source>Export for the customer…</source>
        <translation>为客户导出…</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="327"/>
        <source>With attachment files (zip)</source>
        <translation>附件文件一并导出（zip）</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="332"/>
        <source>Case no.</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="333"/>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="334"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="335"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="336"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="337"/>
        <source>Blocks a request</source>
        <translation>阻止请求</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="340"/>
        <source>Cases held on the customer</source>
        <translation>该客户的案件</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="342"/>
        <source>Reason (required), e.g. the customer&apos;s written request</source>
        <translation>原因（必填），如：客户书面申请</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="343"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="344"/>
        <source>Propose anonymisation</source>
        <translation>提出匿名化</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="370"/>
        <source>%1 cases found</source>
        <translation>找到 %1 件</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="374"/>
        <source>open</source>
        <translation>未结案</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="376"/>
        <source>legal hold</source>
        <translation>法律保留</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="378"/>
        <source>anonymised</source>
        <translation>已匿名化</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="396"/>
        <location filename="../../ui/privacy_page.py" line="411"/>
        <source>Export personal data</source>
        <translation>导出个人信息</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="396"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="409"/>
        <source>%1 cases exported to %2</source>
        <translation>已导出 %1 件到 %2</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="426"/>
        <source>Batch %1 proposed: a general manager approves it</source>
        <translation>已提出批次 %1，待总经理批准</translation>
    </message>
</context>
<context>
    <name>PolicyTab</name>
    <message>
        <location filename="../../ui/policy_tab.py" line="45"/>
        <source>A policy file holds the branch&apos;s whole policy (lists, categories, departments, deadline rules, approval rules, templates, custom fields, form copies, settings) in one text file. Importing checks the file first and shows every change; nothing is changed until you apply. Cases keep the deadline and approval chain they were registered under.</source>
        <translation>策略文件把本网点的全部策略（选项列表、分类、部门、时限规则、核决规则、答复模板、自定义字段、表单联次、设置）写在一个文本文件里。导入时先校验文件并列出每一处改动；点“应用”之前不做任何改动。已登记的案件保留登记时的时限与签核链。</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="52"/>
        <source>Export policy…</source>
        <translation>导出策略…</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="54"/>
        <source>Import a policy file…</source>
        <translation>导入策略文件…</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="59"/>
        <source>Preview preset</source>
        <translation>预览预设策略</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="64"/>
        <source>Preset:</source>
        <translation>预设策略：</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="71"/>
        <source>Apply these changes</source>
        <translation>应用这些改动</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="83"/>
        <location filename="../../ui/policy_tab.py" line="94"/>
        <location filename="../../ui/policy_tab.py" line="98"/>
        <source>Export policy</source>
        <translation>导出策略</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="83"/>
        <location filename="../../ui/policy_tab.py" line="102"/>
        <source>Policy files (*.toml)</source>
        <translation>策略文件 (*.toml)</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="94"/>
        <source>Cannot write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="97"/>
        <source>Policy exported to %1</source>
        <translation>策略已导出到 %1</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="102"/>
        <source>Import a policy file</source>
        <translation>导入策略文件</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="127"/>
        <source>The file has %1 problem(s); nothing can be applied until they are fixed.</source>
        <translation>文件有 %1 处问题；改正之前不能应用。</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="134"/>
        <source>The file is the same as the branch&apos;s policy: nothing to change.</source>
        <translation>文件与本网点现行策略相同，无需改动。</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="137"/>
        <source>Applying the file makes %1 change(s):</source>
        <translation>应用此文件将做以下 %1 处改动：</translation>
    </message>
    <message>
        <location filename="../../ui/policy_tab.py" line="158"/>
        <source>Policy applied: %1 change(s).</source>
        <translation>策略已应用：%1 处改动。</translation>
    </message>
</context>
<context>
    <name>PreviewWindow</name>
    <message>
        <location filename="../../ui/print_dialog.py" line="307"/>
        <source>Preview: %1</source>
        <translation>预览：%1</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="312"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="314"/>
        <source>%1 page(s)</source>
        <translation>共 %1 页</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="315"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../ui/print_dialog.py" line="105"/>
        <location filename="../../ui/print_dialog.py" line="259"/>
        <location filename="../../ui/print_dialog.py" line="271"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="108"/>
        <location filename="../../ui/print_dialog.py" line="143"/>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="117"/>
        <location filename="../../ui/print_dialog.py" line="144"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="118"/>
        <source>Plain paper (whole form, one page per copy)</source>
        <translation>普通纸（完整表单，每联一页）</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="119"/>
        <source>Pre-printed carbonless set (data only)</source>
        <translation>预印无碳复写联单（只打数据）</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="123"/>
        <source>Offset X (mm)</source>
        <translation>X 偏移（毫米）</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="124"/>
        <source>Offset Y (mm)</source>
        <translation>Y 偏移（毫米）</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="128"/>
        <location filename="../../ui/print_dialog.py" line="132"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="136"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="138"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="140"/>
        <source>Calibration page…</source>
        <translation>校准页…</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="145"/>
        <source>Copies</source>
        <translation>联次</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="150"/>
        <source>Overlay offset</source>
        <translation>套打偏移</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="181"/>
        <source>Copy %1: %2</source>
        <translation>第%1联 %2</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="196"/>
        <source>Choose at least one copy</source>
        <translation>请至少选择一联</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="227"/>
        <source>%1 page(s)</source>
        <translation>共 %1 页</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="256"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="259"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="271"/>
        <source>The printer did not take the job: nothing was printed.</source>
        <translation>打印机未接受打印任务：没有打印任何内容，未记为已打印。</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="295"/>
        <source>Calibration page: print it on the carbonless paper and measure the crosses</source>
        <translation>校准页：打印在联单纸上，量取十字位置</translation>
    </message>
    <message>
        <location filename="../../ui/print_dialog.py" line="133"/>
        <source>The pages as they will print, in a large window</source>
        <translation>在大窗口中查看将要打印的页面</translation>
    </message>
</context>
<context>
    <name>PrintLogDialog</name>
    <message>
        <location filename="../../ui/print_log.py" line="35"/>
        <source>Print log of %1</source>
        <translation>%1 的打印记录</translation>
    </message>
    <message>
        <location filename="../../ui/print_log.py" line="39"/>
        <source>Printed at</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <location filename="../../ui/print_log.py" line="39"/>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <location filename="../../ui/print_log.py" line="39"/>
        <source>Copies</source>
        <translation>联次</translation>
    </message>
    <message>
        <location filename="../../ui/print_log.py" line="39"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/print_log.py" line="39"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/print_log.py" line="44"/>
        <source>Nothing of this case has been printed.</source>
        <translation>本案尚未打印过任何表单。</translation>
    </message>
    <message>
        <location filename="../../ui/print_log.py" line="56"/>
        <source>overlay</source>
        <translation>套打</translation>
    </message>
    <message>
        <location filename="../../ui/print_log.py" line="56"/>
        <source>plain paper</source>
        <translation>普通纸</translation>
    </message>
    <message>
        <location filename="../../ui/print_log.py" line="58"/>
        <source>Superseded by the intake correction of %1</source>
        <translation>已被 %1 的受理信息更正作废</translation>
    </message>
    <message>
        <location filename="../../ui/print_log.py" line="62"/>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../../ui/print_log.py" line="62"/>
        <source>Current</source>
        <translation>有效</translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <location filename="../../ui/privacy_page.py" line="438"/>
        <source>Retention queue</source>
        <translation>保存期限到期</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="439"/>
        <source>Personal-data requests</source>
        <translation>个人信息请求</translation>
    </message>
</context>
<context>
    <name>ProgressRun</name>
    <message>
        <location filename="../../ui/progress.py" line="54"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/progress.py" line="82"/>
        <source>Stopping after the current step…</source>
        <translation>当前这一批完成后停止…</translation>
    </message>
    <message>
        <location filename="../../ui/progress.py" line="96"/>
        <source>%1: %2 of %3</source>
        <translation>%1：%2 / %3</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="116"/>
        <source>That year&apos;s public holidays are not confirmed; the deadline counts Monday to Friday</source>
        <extracomment>(key for sorting, header); the header is translated by the view. (sort, descending, offset, limit, with total, after): ``after`` is the last page&apos;s ``next_key``</extracomment>
        <translation>该年度法定节假日尚未确认，期限按周一至周五估算</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="154"/>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="155"/>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../ui/queue_page.py" line="58"/>
        <source>No.</source>
        <extracomment>Who sees 分派 for the selected cases (the roles the workflow lets assign).</extracomment>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="59"/>
        <location filename="../../ui/queue_page.py" line="169"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="60"/>
        <source>Customer</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="61"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="62"/>
        <location filename="../../ui/queue_page.py" line="91"/>
        <source>Kind</source>
        <translation>性质</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="63"/>
        <location filename="../../ui/queue_page.py" line="93"/>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="64"/>
        <location filename="../../ui/queue_page.py" line="95"/>
        <source>Severity</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="65"/>
        <location filename="../../ui/queue_page.py" line="80"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="66"/>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="67"/>
        <source>Handler</source>
        <translation>处理责任人</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="68"/>
        <source>Deadline</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="69"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="70"/>
        <source>Escalation</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="71"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="76"/>
        <source>Search number, name, phone or words of the content</source>
        <translation>搜索编号、姓名、电话或投诉内容中的文字</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="77"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="79"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="83"/>
        <source>All I may see</source>
        <translation>全部（我可查看的）</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="84"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="85"/>
        <source>My department</source>
        <translation>本部门</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="89"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="90"/>
        <source>All kinds</source>
        <translation>全部性质</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="92"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="94"/>
        <source>All severities</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="96"/>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="97"/>
        <source>Channel</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="99"/>
        <location filename="../../ui/queue_page.py" line="100"/>
        <source>Custom field</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="104"/>
        <source>Custom field value</source>
        <translation>自定义字段值</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="105"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="107"/>
        <location filename="../../ui/queue_page.py" line="361"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="108"/>
        <location filename="../../ui/queue_page.py" line="360"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="109"/>
        <source>Major only</source>
        <translation>仅重大</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="112"/>
        <source>Closed too</source>
        <translation>含已结案</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="114"/>
        <source>Also list closed and void cases (a search always looks in them)</source>
        <translation>同时列出已结案和已作废的案件（搜索总会查找它们）</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="116"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="117"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="118"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="121"/>
        <source>Export ledger…</source>
        <translation>导出台帐…</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="122"/>
        <source>Every case of the current filter, in the ledger&apos;s columns</source>
        <translation>按当前筛选条件导出全部案件（台帐格式）</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="132"/>
        <source>Assign selected…</source>
        <translation>分派所选…</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="134"/>
        <source>Assign the selected cases to one handler (Ctrl+click to select several)</source>
        <translation>将所选案件分派给一位处理责任人（按住 Ctrl 点击可多选）</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="155"/>
        <source>Case queue</source>
        <translation>案件队列</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="269"/>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="358"/>
        <source>My cases</source>
        <translation>我的案件</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="359"/>
        <source>Approvals waiting for me</source>
        <translation>待我审批</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="362"/>
        <source>Follow-ups due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="363"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="364"/>
        <source>To triage</source>
        <translation>待分诊</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="365"/>
        <source>To reassign (handler deactivated)</source>
        <translation>待转派（负责人已停用）</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="366"/>
        <source>Steps due soon</source>
        <translation>环节即将到期</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="367"/>
        <source>Steps overdue</source>
        <translation>环节逾期</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="368"/>
        <source>Late steps alerted to my role</source>
        <translation>提醒我的逾期环节</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="369"/>
        <source>Ready for the reply</source>
        <translation>待答复</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="370"/>
        <source>Opinions my department owes</source>
        <translation>本部门待回复的会签</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="371"/>
        <source>Chart: received in a week</source>
        <translation>图表：某周受理</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="372"/>
        <source>Chart: closed in a month</source>
        <translation>图表：某月结案</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="373"/>
        <source>Chart: open cases of a department</source>
        <translation>图表：某部门未结案件</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="374"/>
        <source>Chart: a top category</source>
        <translation>图表：某主要类别</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="381"/>
        <source>From the work page: %1 (Clear filters shows all)</source>
        <translation>来自工作台：%1（点“清除筛选”显示全部）</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="395"/>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="395"/>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="398"/>
        <source>No department yet</source>
        <translation>尚未分派部门</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="440"/>
        <source>More than %1 cases</source>
        <translation>超过 %1 件</translation>
    </message>
    <message>
        <location filename="../../ui/queue_page.py" line="442"/>
        <source>%1 cases</source>
        <translation>共 %1 件</translation>
    </message>
</context>
<context>
    <name>ReportDutiesTab</name>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="41"/>
        <source>The reports the policy asks for. Each shows on the work page of the people with its role (of its department, if one is named) from the end of its period until a summary of that period is exported, in red once its due date has passed. Due dates are calendar dates.</source>
        <translation>制度要求的报表。自期间结束起，显示在负责角色（如指定部门，则为该部门）人员的工作台上，直到导出该期间的统计表为止；过了应交日期显示为红色。应交日期按自然日计。</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="49"/>
        <location filename="../../ui/report_duties_tab.py" line="61"/>
        <location filename="../../ui/report_duties_tab.py" line="88"/>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="49"/>
        <location filename="../../ui/report_duties_tab.py" line="63"/>
        <location filename="../../ui/report_duties_tab.py" line="93"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="49"/>
        <location filename="../../ui/report_duties_tab.py" line="73"/>
        <location filename="../../ui/report_duties_tab.py" line="94"/>
        <source>Due</source>
        <translation>应交时间</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="49"/>
        <location filename="../../ui/report_duties_tab.py" line="81"/>
        <location filename="../../ui/report_duties_tab.py" line="95"/>
        <source>Made by</source>
        <translation>负责角色</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="49"/>
        <location filename="../../ui/report_duties_tab.py" line="86"/>
        <location filename="../../ui/report_duties_tab.py" line="96"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="51"/>
        <source>Reports due</source>
        <translation>待交报表</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="65"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="66"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="67"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="68"/>
        <source>Half year</source>
        <translation>半年</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="69"/>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="74"/>
        <source>Day N after the period ends</source>
        <translation>期间结束后第 N 天</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="75"/>
        <source>Day N of the period&apos;s last month</source>
        <translation>期间最后一个月的第 N 日</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="77"/>
        <source>Day N</source>
        <translation>第 N 天</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="91"/>
        <source>N =</source>
        <translation>N =</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="97"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="99"/>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="101"/>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location filename="../../ui/report_duties_tab.py" line="123"/>
        <location filename="../../ui/report_duties_tab.py" line="135"/>
        <source>Any department</source>
        <translation>任何部门</translation>
    </message>
</context>
<context>
    <name>ReportsDuePanel</name>
    <message>
        <location filename="../../ui/reports_due.py" line="25"/>
        <source>Reports due</source>
        <translation>待交报表</translation>
    </message>
    <message>
        <location filename="../../ui/reports_due.py" line="47"/>
        <source>Click to make this report now</source>
        <translation>点击立即制作此报表</translation>
    </message>
    <message>
        <location filename="../../ui/reports_due.py" line="52"/>
        <source>… and %1 more</source>
        <translation>……另有 %1 项</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../ui/password_dialog.py" line="139"/>
        <location filename="../../ui/password_dialog.py" line="159"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="143"/>
        <source>Give %1 a temporary password and tell it to them in person. They must choose their own at the next login. A lock after wrong passwords is lifted as well.</source>
        <translation>为 %1 设置一个临时密码，并当面告诉本人。本人下次登录时必须改成自己的密码。因输错密码造成的登录暂停也一并解除。</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.py" line="149"/>
        <source>Temporary password</source>
        <translation>临时密码</translation>
    </message>
</context>
<context>
    <name>RetentionQueueTab</name>
    <message>
        <location filename="../../ui/privacy_page.py" line="86"/>
        <source>Closed cases whose retention period has passed. Tick the ones to anonymise and give a reason; a general manager who did not propose the batch approves it, then it runs. Case number, dates, category, amounts and outcomes stay; names, phones, addresses and free text go.</source>
        <translation>保存期限已满的已结案案件。勾选要匿名化的案件并填写原因；由非提出人的总经理批准该批次后执行。案件编号、日期、类别、金额与处理结果保留；姓名、电话、地址及自由文字将被替换。</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="95"/>
        <source>Propose</source>
        <translation>提出</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="96"/>
        <source>Case no.</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="97"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="98"/>
        <source>Closed</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="99"/>
        <source>Years kept</source>
        <translation>保存年限</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="100"/>
        <source>Due since</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="101"/>
        <source>Legal hold / batch</source>
        <translation>法律保留／批次</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="104"/>
        <source>Cases due for anonymisation</source>
        <translation>待匿名化的案件</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="106"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="107"/>
        <location filename="../../ui/privacy_page.py" line="129"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="109"/>
        <source>Propose the ticked cases</source>
        <translation>提出勾选的案件</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="111"/>
        <source>Legal hold on / off</source>
        <translation>设置／解除法律保留</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="113"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="123"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="124"/>
        <source>Purpose</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="125"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="126"/>
        <source>Done / cases</source>
        <translation>已完成／件数</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="127"/>
        <source>Proposed by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="128"/>
        <source>Decided by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="132"/>
        <source>Anonymisation batches</source>
        <translation>匿名化批次</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="133"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="135"/>
        <source>Refuse</source>
        <translation>不批准</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="137"/>
        <source>Run the batch</source>
        <translation>执行批次</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="153"/>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="164"/>
        <source>%1 cases due (default retention: %2 years)</source>
        <translation>到期案件 %1 件（默认保存 %2 年）</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="178"/>
        <source>On hold: %1</source>
        <translation>法律保留：%1</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="180"/>
        <source>In batch %1</source>
        <translation>已在批次 %1</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="227"/>
        <source>Select a case first</source>
        <translation>请先选择案件</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="246"/>
        <source>Select a batch first</source>
        <translation>请先选择批次</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="276"/>
        <source>Anonymising batch %1</source>
        <translation>正在匿名化批次 %1</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="282"/>
        <source>%1 cases anonymised</source>
        <translation>已匿名化 %1 件</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="284"/>
        <source>; left (reopened or on hold): %1</source>
        <translation>；未处理（已重开或法律保留）：%1</translation>
    </message>
</context>
<context>
    <name>RetentionRulesTab</name>
    <message>
        <location filename="../../ui/privacy_page.py" line="451"/>
        <source>How many years after closure a case keeps its personal data. A rule on a category covers its sub-categories (the nearest rule wins); a rule for a kind wins over one for any kind. Without a rule: the setting retention_years.</source>
        <translation>结案后案件的个人信息保存几年。类别的规则也适用于其下级类别（以最近的为准）；指定性质的规则优先于不限性质的。没有规则时按设置 retention_years。</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="457"/>
        <location filename="../../ui/privacy_page.py" line="460"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="457"/>
        <location filename="../../ui/privacy_page.py" line="462"/>
        <source>Kind</source>
        <translation>性质</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="457"/>
        <location filename="../../ui/privacy_page.py" line="469"/>
        <source>Years kept</source>
        <translation>保存年限</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="458"/>
        <source>Retention rules</source>
        <translation>保存期限规则</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="463"/>
        <location filename="../../ui/privacy_page.py" line="496"/>
        <source>Any kind</source>
        <translation>不限性质</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="470"/>
        <source>Save rule</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="472"/>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location filename="../../ui/privacy_page.py" line="489"/>
        <location filename="../../ui/privacy_page.py" line="497"/>
        <source>Any category</source>
        <translation>不限类别</translation>
    </message>
</context>
<context>
    <name>RewardsDialog</name>
    <message>
        <location filename="../../ui/rewards_case.py" line="68"/>
        <source>Rewards and penalties %1</source>
        <translation>奖罚 %1</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="71"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="72"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="73"/>
        <source>Subject</source>
        <translation>奖罚对象</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="74"/>
        <source>Department</source>
        <translation>所属部门</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="75"/>
        <source>Scale line</source>
        <translation>奖罚标准</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="76"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="77"/>
        <source>Points</source>
        <translation>绩效分</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="78"/>
        <source>Measure</source>
        <translation>处分</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="79"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="87"/>
        <source>Approve / reject…</source>
        <translation>审批…</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="89"/>
        <source>Print notice…</source>
        <translation>打印奖罚通知单…</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="91"/>
        <source>History of the subject…</source>
        <translation>该对象的奖罚记录…</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="93"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="145"/>
        <source>No reward or penalty on this case yet.</source>
        <translation>本案尚无奖罚记录。</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="149"/>
        <source>Proposed by %1 at %2</source>
        <translation>%1 于 %2 提出</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="154"/>
        <source>Reason: %1</source>
        <translation>事由：%1</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="155"/>
        <source>(shown to managers only)</source>
        <translation>（仅经理可见）</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="162"/>
        <source>Signed: %1 (%2) %3 %4</source>
        <translation>签署：%1（%2）%3 %4</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="170"/>
        <source>Waiting for: %1</source>
        <translation>待 %1 审批</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="188"/>
        <source>Approve reward/penalty %1</source>
        <translation>审批奖罚记录 %1</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="192"/>
        <source>Decision</source>
        <translation>核决意见</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="197"/>
        <source>Reason (required to reject)</source>
        <translation>理由（驳回时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="198"/>
        <source>Your password to sign</source>
        <translation>签署密码</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="204"/>
        <source>Sign</source>
        <translation>签署</translation>
    </message>
</context>
<context>
    <name>RewardsHistoryDialog</name>
    <message>
        <location filename="../../ui/rewards_case.py" line="259"/>
        <source>Rewards and penalties of %1</source>
        <translation>%1 的奖罚记录</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="267"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="268"/>
        <source>Case</source>
        <translation>客诉编号</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="269"/>
        <source>Proposed</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="270"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="271"/>
        <source>Subject</source>
        <translation>奖罚对象</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="272"/>
        <source>Scale line</source>
        <translation>奖罚标准</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="273"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="274"/>
        <source>Points</source>
        <translation>绩效分</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="275"/>
        <source>Measure</source>
        <translation>处分</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="276"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="299"/>
        <source>Approved: %1 records, %2 in all, %3 points</source>
        <translation>已核准 %1 条，合计 %2，绩效分 %3</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_case.py" line="304"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RewardsScaleTab</name>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="65"/>
        <source>Each line: what it is for, a fixed amount or a range the proposer picks within, performance points, the disciplinary measure, who may propose it and who approves it, in order.</source>
        <extracomment>Roles that may propose (a line names some of them); the administrator never does. Steps the dialog offers (the service takes up to ``approvals.MAX_STEPS``; real scales use one to three).</extracomment>
        <translation>每一项：适用情形、固定金额或由提出人在范围内选定的金额、绩效分、处分、可提出的角色及依次审批的角色。</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="71"/>
        <location filename="../../ui/rewards_scale_tab.py" line="134"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="72"/>
        <location filename="../../ui/rewards_scale_tab.py" line="135"/>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="73"/>
        <location filename="../../ui/rewards_scale_tab.py" line="138"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="74"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="75"/>
        <source>Points</source>
        <translation>绩效分</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="76"/>
        <source>Measure</source>
        <translation>处分</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="77"/>
        <source>Who proposes</source>
        <translation>可提出的角色</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="78"/>
        <source>Approval chain</source>
        <translation>审批层级</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="79"/>
        <location filename="../../ui/rewards_scale_tab.py" line="186"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="88"/>
        <source>New line…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="90"/>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="107"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="107"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="146"/>
        <source>Amount from (yuan)</source>
        <translation>最低金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="151"/>
        <source>Amount to (yuan; same: fixed)</source>
        <translation>最高金额（元；与最低相同即固定金额）</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="154"/>
        <source>Points (minus: deducted)</source>
        <translation>绩效分（负数为扣分）</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="155"/>
        <source>Disciplinary measure</source>
        <translation>处分（如通报、申诫、记大过）</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="161"/>
        <source>May propose: %1</source>
        <translation>可提出：%1</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="172"/>
        <source>Approval step %1</source>
        <translation>第 %1 级审批</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="181"/>
        <source>Step %1 of the subject&apos;s department</source>
        <translation>第 %1 级限奖罚对象所属部门</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="189"/>
        <source>Scale line %1</source>
        <translation>奖罚标准 %1</translation>
    </message>
    <message>
        <location filename="../../ui/rewards_scale_tab.py" line="189"/>
        <source>(new)</source>
        <translation>（新增）</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../ui/search_page.py" line="41"/>
        <source>Case number</source>
        <extracomment>The highlight of a match: bold on a light yellow ground (readable on the list&apos;s selection colour too).</extracomment>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="42"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="43"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="44"/>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="45"/>
        <source>Customer and product</source>
        <translation>客户与产品</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="46"/>
        <source>Investigation</source>
        <translation>调查</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="47"/>
        <source>Resolution</source>
        <translation>处理方案</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="48"/>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="49"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="82"/>
        <source>Find a case: number, name, phone or any words (Ctrl+F)</source>
        <extracomment>Results are ready: the main window shows this page.</extracomment>
        <translation>查找案件：编号、姓名、电话或任意字词（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="83"/>
        <source>Search all cases</source>
        <translation>搜索全部案件</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="86"/>
        <source>Finds case numbers, names, phones in any format and words of the complaint, investigation, reply and notes, drafts included. Enter searches, Down goes to the results.</source>
        <translation>可查找案件编号、姓名、任意写法的电话，以及投诉内容、调查、答复和备注中的字词，草稿也在内。按 Enter 搜索，按 ↓ 进入结果列表。</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="100"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="135"/>
        <source>No case found for “%1”.</source>
        <translation>没有找到与“%1”相关的案件。</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="138"/>
        <source>The first %1 cases for “%2” — add a word to narrow the search.</source>
        <translation>“%2”的前 %1 个案件——再加一个词可缩小范围。</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="144"/>
        <source>%1 cases for “%2”. Enter or double-click opens a case.</source>
        <translation>“%2”共 %1 个案件。按 Enter 或双击打开案件。</translation>
    </message>
    <message>
        <location filename="../../ui/search_page.py" line="155"/>
        <source>%1: </source>
        <translation>%1：</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../../ui/settings_tab.py" line="66"/>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location filename="../../ui/settings_tab.py" line="68"/>
        <source>Show the saved values</source>
        <translation>显示已保存的值</translation>
    </message>
    <message>
        <location filename="../../ui/settings_tab.py" line="134"/>
        <source>Nothing changed.</source>
        <translation>没有修改。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_tab.py" line="148"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_tab.py" line="151"/>
        <source>Another PC changed settings meanwhile; what you typed is kept.</source>
        <translation>其间另一台电脑改过设置；您输入的内容已保留。</translation>
    </message>
</context>
<context>
    <name>StepPolicyTab</name>
    <message>
        <location filename="../../ui/step_policy_tab.py" line="28"/>
        <source>Each step of a case warns this many minutes before its due time (the work page&apos;s “Steps due soon”) and, when it passes undone: is marked overdue, escalates the case to the role&apos;s level, or notifies the role (the case timeline).</source>
        <translation>案件的每个环节在到期前若干分钟提醒（工作台“环节即将到期”）；逾期未完成时：标记逾期、将案件升级到该角色的级别，或通知该角色（记入案件时间线）。</translation>
    </message>
    <message>
        <location filename="../../ui/step_policy_tab.py" line="36"/>
        <location filename="../../ui/step_policy_tab.py" line="44"/>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../ui/step_policy_tab.py" line="37"/>
        <location filename="../../ui/step_policy_tab.py" line="46"/>
        <source>Warn before (minutes)</source>
        <translation>提前提醒（分钟）</translation>
    </message>
    <message>
        <location filename="../../ui/step_policy_tab.py" line="38"/>
        <location filename="../../ui/step_policy_tab.py" line="49"/>
        <source>When late</source>
        <translation>逾期后</translation>
    </message>
    <message>
        <location filename="../../ui/step_policy_tab.py" line="39"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/step_policy_tab.py" line="40"/>
        <location filename="../../ui/step_policy_tab.py" line="55"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/step_policy_tab.py" line="54"/>
        <source>Role to escalate to / notify</source>
        <translation>升级/通知角色</translation>
    </message>
    <message>
        <location filename="../../ui/step_policy_tab.py" line="71"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/step_policy_tab.py" line="71"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <location filename="../../ui/summary_dialog.py" line="63"/>
        <source>Summary for a period</source>
        <translation>期间统计表</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="68"/>
        <location filename="../../ui/summary_dialog.py" line="90"/>
        <source>Kind of period</source>
        <translation>期间类型</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="70"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="71"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="72"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="73"/>
        <source>Half year</source>
        <translation>半年</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="74"/>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="75"/>
        <source>Dates from … to …</source>
        <translation>自定日期</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="79"/>
        <location filename="../../ui/summary_dialog.py" line="91"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="92"/>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="93"/>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="96"/>
        <location filename="../../ui/summary_dialog.py" line="102"/>
        <source>Break down by</source>
        <translation>分组统计</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="97"/>
        <source>As the administrator set</source>
        <translation>按管理员设置</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="98"/>
        <source>No breakdown</source>
        <translation>不分组</translation>
    </message>
</context>
<context>
    <name>VocabularyTab</name>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="54"/>
        <source>Lists</source>
        <translation>选项列表</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="61"/>
        <source>Names: %1</source>
        <translation>名称：%1</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="76"/>
        <location filename="../../ui/vocabulary_tab.py" line="167"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="78"/>
        <source>optional: made from the name</source>
        <translation>可不填，自动生成</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="79"/>
        <source>Code (new item)</source>
        <translation>代码（新增时）</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="80"/>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="81"/>
        <source>Rename</source>
        <translation>改名</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="82"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="83"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="84"/>
        <location filename="../../ui/vocabulary_tab.py" line="232"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="85"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="112"/>
        <source>Chinese name (empty: as shipped)</source>
        <translation>中文名称（留空：默认名称）</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="113"/>
        <source>English name (optional)</source>
        <translation>英文名称（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="114"/>
        <source>Save name</source>
        <translation>保存名称</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="167"/>
        <location filename="../../ui/vocabulary_tab.py" line="170"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="167"/>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="167"/>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="171"/>
        <source>Shipped name</source>
        <translation>默认名称</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="172"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="173"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="185"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="185"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="230"/>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <location filename="../../ui/vocabulary_tab.py" line="249"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>WorkPage</name>
    <message>
        <location filename="../../ui/work_page.py" line="62"/>
        <source>My work</source>
        <extracomment>Each count opens the queue with the filter it counts (one definition, in the read side).</extracomment>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="71"/>
        <source>My cases</source>
        <translation>我的案件</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="72"/>
        <source>Approvals waiting for me</source>
        <translation>待我审批</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="73"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="74"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="75"/>
        <source>Follow-ups due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="76"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="77"/>
        <source>To triage</source>
        <translation>待分诊</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="78"/>
        <source>To reassign (handler deactivated)</source>
        <translation>待转派（负责人已停用）</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="80"/>
        <source>Steps due soon</source>
        <translation>环节即将到期</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="81"/>
        <source>Steps overdue</source>
        <translation>环节逾期</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="82"/>
        <source>Late steps alerted to my role</source>
        <translation>提醒我的逾期环节</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="83"/>
        <source>Ready for the reply</source>
        <translation>待答复</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="84"/>
        <source>Opinions my department owes</source>
        <translation>本部门待回复的会签</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="99"/>
        <source>Monthly summary…</source>
        <translation>月度统计表…</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="129"/>
        <source>Import a ledger…</source>
        <translation>导入台帐…</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="185"/>
        <location filename="../../ui/work_page.py" line="233"/>
        <location filename="../../ui/work_page.py" line="239"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="188"/>
        <source>Choose the folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="203"/>
        <source>No second folder (USB disk, share) receives copies of the backups: choose one.</source>
        <translation>尚未设置接收备份副本的第二个文件夹（U 盘、共享文件夹）：请选择一个。</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="208"/>
        <source>The last backup copy in %1 is older than %2 days: back up now.</source>
        <translation>%1 中最近的备份副本已超过 %2 天：请立即备份。</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="212"/>
        <source>There is no backup copy in %1 yet: back up now.</source>
        <translation>%1 中还没有备份副本：请立即备份。</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="256"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/work_page.py" line="260"/>
        <source>Major complaints open: %1</source>
        <translation>未结重大投诉：%1</translation>
    </message>
</context>
<context>
    <name>_CheckPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="227"/>
        <source>Trial run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="228"/>
        <source>What would happen to each row. Click Next to import (all rows in one go).</source>
        <translation>以下是每一行将如何处理。点“下一步”正式导入（一次完成）。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="233"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="233"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="233"/>
        <source>Case no.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="233"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="246"/>
        <source>The ledger cannot be read with this mapping.</source>
        <translation>按当前的列对应无法读取该台帐。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="258"/>
        <source>%1 rows to import, %2 already imported, %3 with problems (rows with problems are left out; fix them in Excel and import again).</source>
        <translation>可导入 %1 行，已导入过 %2 行，有问题 %3 行（有问题的行不导入；请在 Excel 中修正后再导入）。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="242"/>
        <source>Checking the ledger…</source>
        <translation>正在检查台帐…</translation>
    </message>
</context>
<context>
    <name>_DonePage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="271"/>
        <source>Imported</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="281"/>
        <source>Nothing was imported.</source>
        <translation>没有导入任何案件。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="285"/>
        <source>%1 cases imported, %2 were already there.</source>
        <translation>已导入 %1 件，%2 件此前已导入。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="277"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>_FilePage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="124"/>
        <source>Which file?</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="127"/>
        <source>The Excel ledger the branch kept so far (.xlsx). Nothing is written until the last step.</source>
        <translation>网点以往的 Excel 投诉台帐（.xlsx）。最后一步之前不会写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="131"/>
        <location filename="../../ui/import_wizard.py" line="141"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="133"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="136"/>
        <location filename="../../ui/import_wizard.py" line="142"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="146"/>
        <source>Choose the ledger</source>
        <translation>选择台帐文件</translation>
    </message>
</context>
<context>
    <name>_MappingPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="167"/>
        <source>Which column is which?</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="168"/>
        <source>Found by the headings; correct any that is wrong.</source>
        <translation>已按标题自动对应；如有不对请修改。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="175"/>
        <source> (required)</source>
        <translation>（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="192"/>
        <source>Headings found on row %1.</source>
        <translation>标题在第 %1 行。</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="195"/>
        <source>(not in this ledger)</source>
        <translation>（台帐中没有）</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../ui/crash.py" line="30"/>
        <source>An unexpected error occurred and was written to the log: %1. Your data has been saved.</source>
        <translation>程序出现意外错误，已记录到日志：%1。您的数据已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="44"/>
        <source>BranchDesk</source>
        <translation>客诉台</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../ui/main.py" line="175"/>
        <source>Building the demo branch (about 300 cases)…</source>
        <translation>正在建立演示网点（约 300 件案件）…</translation>
    </message>
    <message>
        <location filename="../../ui/day_start.py" line="103"/>
        <location filename="../../ui/main.py" line="119"/>
        <location filename="../../ui/main.py" line="129"/>
        <location filename="../../ui/main.py" line="177"/>
        <location filename="../../ui/main.py" line="211"/>
        <location filename="../../ui/main.py" line="224"/>
        <source>BranchDesk</source>
        <extracomment>The backup&apos;s verification failed: the live database has damaged pages (``backup_sqlite``).</extracomment>
        <translation>客诉台</translation>
    </message>
    <message>
        <location filename="../../ui/day_start.py" line="106"/>
        <source>The database file is damaged. Close BranchDesk and start it again: it offers to restore the newest good backup.</source>
        <translation>数据库文件已损坏。请关闭客诉台后重新启动：启动时将提供恢复最新的完好备份。</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="112"/>
        <source>The backup of %1 is restored (%2 cases).</source>
        <translation>已恢复 %1 的备份（案件 %2 件）。</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="114"/>
        <source>The backup of %1 is restored (%2 cases). The damaged database was kept as %3.</source>
        <translation>已恢复 %1 的备份（案件 %2 件）。损坏的数据库已保存为 %3。</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="131"/>
        <source>The newest good backup is from %1 (%2 cases). Restore it? Changes made after it are lost; the damaged database is kept in the backups folder.</source>
        <translation>最新的完好备份是 %1 的（案件 %2 件）。要恢复它吗？此后所做的修改会丢失；损坏的数据库会保存在备份文件夹中。</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="140"/>
        <source>Restore the backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="142"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="212"/>
        <source>BranchDesk is already running with this database (%1). Switch to its window on the taskbar.</source>
        <translation>客诉台已经在运行并打开了这个数据库（%1）。请在任务栏切换到它的窗口。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="58"/>
        <source> (demo)</source>
        <extracomment>issue 16 part P: the pause between two units of the sweep (the window and other PCs&apos; saves go first)</extracomment>
        <translation>（演示）</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <location filename="../../ui/operations.py" line="120"/>
        <source>Please check</source>
        <translation>请检查</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="127"/>
        <source>Not possible</source>
        <translation>无法执行</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <location filename="../../ui/reports_ui.py" line="130"/>
        <source>Save the monthly summary</source>
        <translation>保存月度统计表</translation>
    </message>
    <message>
        <location filename="../../ui/reports_ui.py" line="132"/>
        <source>Monthly summary</source>
        <translation>月度统计表</translation>
    </message>
    <message>
        <location filename="../../ui/reports_ui.py" line="134"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../ui/reports_ui.py" line="141"/>
        <source>Export the ledger</source>
        <translation>导出台帐</translation>
    </message>
    <message>
        <location filename="../../ui/reports_ui.py" line="143"/>
        <source>Exporting the ledger</source>
        <translation>正在导出台帐</translation>
    </message>
    <message>
        <location filename="../../ui/reports_ui.py" line="145"/>
        <source>%1 cases written to %2</source>
        <translation>已导出 %1 件到 %2</translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <location filename="../../ui/summary_dialog.py" line="164"/>
        <source>Save the summary</source>
        <translation>保存统计表</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="166"/>
        <source>Summary for a period</source>
        <translation>期间统计表</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="168"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="176"/>
        <source>Summary for a period…</source>
        <translation>期间统计表…</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <location filename="../../ui/backup_tab.py" line="94"/>
        <source>Backed up to %1 (%2 cases).</source>
        <translation>已备份到 %1（案件 %2 件）。</translation>
    </message>
    <message>
        <location filename="../../ui/backup_tab.py" line="99"/>
        <source>Copied to %1.</source>
        <translation>已复制到 %1。</translation>
    </message>
</context>
</TS>
