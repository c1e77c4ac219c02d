"""Opinions from several departments on one case (issue 14 part A, 会签/协办): the rules, no I/O.

While a case is being handled (处理中) its handler, the responsible department's manager or the CR
manager asks one or several *other* departments for their opinion; each ask is pending until the asked
department gives it (text, a responsibility share 0–100 %, signed) or a manager proceeds without waiting
(the pending asks become waived, with the reason). Proposing a resolution waits for every pending ask
(``workflow.refusal`` on ``Action.PROPOSE`` with ``CaseFacts.opinions_pending``).

Who gives the opinion: a department manager *or* a handler of the asked department. The manager speaks
for the department; a handler of that department is often the one who knows the matter (the 协办 of the
policies: the warehouse clerk who packed the goods) and the policies let the department decide who signs —
the signature records who did, with their role frozen at signing. Never the employee complained about
(回避), whatever their department.

The opinion's share is shown *beside* the investigation's shares, never folded into them: the
investigation's shares add up to 100 and the monthly statistics count them; an opinion's share is that
department's own view of its part, kept with its opinion.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from branchdesk.domain.vocab import Role
from branchdesk.i18n import Text

R = Role


class OpinionState(StrEnum):
    PENDING = "pending"
    GIVEN = "given"
    WAIVED = "waived"


#: Who asks (besides the case's handler, who asks on their own case): the responsible department's manager
#: and the CR manager.
ASKERS = frozenset({R.HANDLER, R.DEPT_MANAGER, R.CR_MANAGER})
#: Who gives a department's opinion: its manager or one of its handlers (see the module's docstring).
GIVERS = frozenset({R.DEPT_MANAGER, R.HANDLER})
#: Who may proceed without waiting: the responsible department's manager, the CR manager, deputy GM, GM.
PROCEEDERS = frozenset({R.DEPT_MANAGER, R.CR_MANAGER, R.DEPUTY_GM, R.GM})
#: The most departments one ask names (a branch has a handful of departments; this bounds the input).
MAX_DEPARTMENTS = 20
SHARE_RANGE = (0, 100)


def ask_refusal(
    *,
    actor_id: int,
    roles: Collection[Role],
    actor_department_id: int | None,
    handler_id: int | None,
    responsible_department_id: int | None,
) -> Text | None:
    """Whether this person may ask for opinions on the case (the state and recusal are the workflow's)."""
    held = set(roles)
    if R.CR_MANAGER in held:
        return None
    if R.HANDLER in held and handler_id == actor_id:
        return None
    if (
        R.DEPT_MANAGER in held
        and responsible_department_id is not None
        and actor_department_id == responsible_department_id
    ):
        return None
    return Text("opinion.ask_not_yours")


def departments_refusal(
    asked: Collection[int], responsible_department_id: int | None, pending: Collection[int]
) -> Text | None:
    """The departments of one ask: at least one, not the responsible department, none already pending."""
    if not asked:
        return Text("opinion.no_department")
    if len(set(asked)) != len(list(asked)):
        return Text("opinion.duplicate_department")
    if responsible_department_id is not None and responsible_department_id in set(asked):
        return Text("opinion.own_department")
    if set(asked) & set(pending):
        return Text("opinion.already_pending")
    return None


def give_refusal(
    *,
    state: OpinionState,
    asked_department_id: int,
    actor_id: int,
    roles: Collection[Role],
    actor_department_id: int | None,
    complained_user_id: int | None,
) -> Text | None:
    """Whether this person may give (sign) the asked department's opinion now."""
    if complained_user_id is not None and complained_user_id == actor_id:
        return Text("refusal.recused")
    if state is not OpinionState.PENDING:
        return Text("opinion.not_pending", {"state": state})
    if actor_department_id != asked_department_id or not set(roles) & GIVERS:
        return Text("opinion.not_your_department")
    return None


def proceed_refusal(
    *,
    roles: Collection[Role],
    actor_department_id: int | None,
    responsible_department_id: int | None,
    pending: int,
) -> Text | None:
    """Whether this manager may proceed without waiting for the pending opinions."""
    held = set(roles)
    if not pending:
        return Text("opinion.none_pending")
    if held & {R.CR_MANAGER, R.DEPUTY_GM, R.GM}:
        return None
    if (
        R.DEPT_MANAGER in held
        and responsible_department_id is not None
        and actor_department_id == responsible_department_id
    ):
        return None
    return Text("opinion.proceed_not_yours")


def signer_role(roles: Collection[Role]) -> Role:
    """The role printed under a signed opinion: the manager's when they hold it, else the handler's."""
    return R.DEPT_MANAGER if R.DEPT_MANAGER in set(roles) else R.HANDLER


def share_refusal(share: int | None) -> Text | None:
    if share is None:
        return None
    low, high = SHARE_RANGE
    if not low <= share <= high:
        return Text("opinion.share_range")
    return None
