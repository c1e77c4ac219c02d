"""BranchDesk (客诉台): the Qt-free core of a branch office's complaint desk.

Layers, inner to outer:
- ``branchdesk.domain``: rules as pure functions over plain values (no I/O).
- ``branchdesk.storage``: SQLAlchemy models, engine set-up, migrations, backup.
- ``branchdesk.services``: one method per use case; permission checks,
  one transaction per call, timeline events; returns plain data.
- ``branchdesk.cli``: the command line. The desktop UI lives in ``ui/``.
"""

__version__ = "0.1.0"
