<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="23"/>
        <source>Set up BranchDesk</source>
        <translation>初始化客诉台</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="26"/>
        <source>This database is new. Name your branch and create the first administrator. There is no default password.</source>
        <translation>这是一个新的数据库。请填写网点名称并创建第一位系统管理员。系统没有默认密码。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="31"/>
        <source>Branch name</source>
        <translation>网点名称</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="32"/>
        <source>Branch code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="34"/>
        <source>Administrator user name</source>
        <translation>管理员用户名</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="35"/>
        <source>Administrator full name</source>
        <translation>管理员姓名</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="36"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="37"/>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.py" line="71"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="26"/>
        <source>BranchDesk — log in</source>
        <translation>客诉台 — 登录</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="31"/>
        <location filename="../../ui/login_dialog.py" line="40"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="36"/>
        <location filename="../../ui/login_dialog.py" line="41"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="45"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="19"/>
        <source>BranchDesk — %1</source>
        <translation>客诉台 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="23"/>
        <source>My work</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="34"/>
        <source>My cases</source>
        <translation>我的案件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="35"/>
        <source>Approvals waiting for me</source>
        <translation>待我审批</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="36"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="37"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="38"/>
        <source>Follow-ups due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="39"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="40"/>
        <source>To triage</source>
        <translation>待分诊</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="53"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="65"/>
        <source>Major complaints open: %1</source>
        <translation>未结重大投诉：%1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../ui/main.py" line="38"/>
        <source>BranchDesk</source>
        <translation>客诉台</translation>
    </message>
</context>
</TS>
