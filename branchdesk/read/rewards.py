"""What screens, the 奖罚通知单 and the monthly sheet read about rewards and penalties (issue 14 part C).

``RewardRecordView`` carries codes and the branch's data; a viewer who may not read the details
(``domain/rewards.may_see_details``) gets ``masked=True`` and no amount, points, measure or reason —
the case window then says only that a record exists.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from branchdesk.domain.approvals import ApprovalLevel, ApprovalStep, frozen_chain, next_level
from branchdesk.domain.rewards import RewardKind, RewardStatus, ScaleItem, may_see_details
from branchdesk.domain.vocab import Decision, Role
from branchdesk.storage.models import Case, Department, RewardPenalty, RewardScaleRow, RewardSignature, User


@dataclass(frozen=True)
class RewardSignatureView:
    order: int
    level_role: Role
    name: str
    signed_role: Role
    decision: Decision
    reason: str
    at: datetime


@dataclass(frozen=True)
class RewardRecordView:
    id: int
    version: int
    case_id: int
    case_no: str
    scale_code: str
    scale_name: str  # the scale line's label as frozen on the record (the branch's data)
    kind: RewardKind
    subject_user_id: int | None
    subject_name: str  # the employee's name, or the department's
    department_id: int
    department_name: str
    status: RewardStatus
    proposer_id: int
    proposer_name: str
    proposed_at: datetime
    decided_at: datetime | None
    chain: tuple[ApprovalStep, ...]
    signatures: tuple[RewardSignatureView, ...]
    masked: bool = False
    amount_fen: int | None = None  # None when masked
    points: int | None = None
    measure: str = ""
    reason: str = ""

    @property
    def next_level(self) -> ApprovalLevel | None:
        if self.status is not RewardStatus.PENDING:
            return None
        return next_level(self.chain, len(self.signatures))


def scale_item(row: RewardScaleRow) -> ScaleItem:
    return ScaleItem(
        code=row.code,
        label=row.label,
        kind=RewardKind(row.kind),
        min_amount_fen=int(row.min_amount_fen),
        max_amount_fen=int(row.max_amount_fen),
        points=int(row.points),
        measure=row.measure or "",
        proposer_roles=tuple(Role(r) for r in row.proposer_roles or () if r in Role.__members__.values()),
        chain=frozen_chain(row.chain),
        active=bool(row.active),
        version=int(row.version),
    )


def scale_items(session: Session) -> list[ScaleItem]:
    """The scale in its order, active lines and inactive ones."""
    rows = session.scalars(select(RewardScaleRow).order_by(RewardScaleRow.sort_order, RewardScaleRow.id))
    return [scale_item(row) for row in rows]


def record_views(
    session: Session,
    records: Sequence[RewardPenalty],
    *,
    viewer_id: int,
    roles: Collection[Role],
    viewer_department_id: int | None,
) -> list[RewardRecordView]:
    """The views of ``records`` (three queries for any number), masked where the viewer may not read."""
    if not records:
        return []
    ids = [r.id for r in records]
    signatures: dict[int, list[RewardSignatureView]] = {}
    signer_ids: dict[int, list[int]] = {}
    for sig in session.scalars(
        select(RewardSignature).where(RewardSignature.record_id.in_(ids)).order_by(RewardSignature.id)
    ):
        signatures.setdefault(sig.record_id, []).append(
            RewardSignatureView(
                sig.level_order,
                Role(sig.level_role),
                sig.printed_name,
                Role(sig.signed_role),
                Decision(sig.decision),
                sig.reason,
                sig.signed_at,
            )
        )
        signer_ids.setdefault(sig.record_id, []).append(sig.signer_id)
    user_ids = {r.proposer_id for r in records} | {r.subject_user_id for r in records if r.subject_user_id}
    names = {
        row[0]: row[1]
        for row in session.execute(select(User.id, User.full_name).where(User.id.in_(user_ids)))
    }
    departments = {
        row[0]: row[1]
        for row in session.execute(
            select(Department.id, Department.name).where(
                Department.id.in_({r.department_id for r in records})
            )
        )
    }
    case_nos = {
        row[0]: row[1]
        for row in session.execute(
            select(Case.id, Case.case_no).where(Case.id.in_({r.case_id for r in records}))
        )
    }
    views = []
    for r in records:
        view = RewardRecordView(
            id=r.id,
            version=r.version,
            case_id=r.case_id,
            case_no=case_nos.get(r.case_id, ""),
            scale_code=r.scale_code,
            scale_name=r.scale_label,
            kind=RewardKind(r.kind),
            subject_user_id=r.subject_user_id,
            subject_name=names.get(r.subject_user_id, "")
            if r.subject_user_id
            else departments.get(r.department_id, ""),
            department_id=r.department_id,
            department_name=departments.get(r.department_id, ""),
            status=RewardStatus(r.status),
            proposer_id=r.proposer_id,
            proposer_name=names.get(r.proposer_id, ""),
            proposed_at=r.proposed_at,
            decided_at=r.decided_at,
            chain=frozen_chain(r.chain),
            signatures=tuple(signatures.get(r.id, [])),
            amount_fen=r.amount_fen,
            points=r.points,
            measure=r.measure,
            reason=r.reason,
        )
        if not may_see_details(
            viewer_id,
            roles,
            viewer_department_id,
            department_id=r.department_id,
            proposer_id=r.proposer_id,
            signer_ids=signer_ids.get(r.id, []),
        ):
            view = replace(view, masked=True, amount_fen=None, points=None, measure="", reason="")
        views.append(view)
    return views


@dataclass(frozen=True)
class MonthRewardRow:
    """One approved record of the month, for the monthly sheet (no masking: the report roles read it)."""

    id: int
    decided_at: datetime
    case_no: str
    subject_name: str
    department_name: str
    kind: RewardKind
    amount_fen: int
    points: int
    measure: str


def approved_in(session: Session, start: datetime, end: datetime) -> list[MonthRewardRow]:
    """Records approved in [start, end), in the order they were approved."""
    subject = User.__table__.alias("subject")
    rows = session.execute(
        select(
            RewardPenalty.id,
            RewardPenalty.decided_at,
            Case.case_no,
            subject.c.full_name,
            Department.name,
            RewardPenalty.kind,
            RewardPenalty.amount_fen,
            RewardPenalty.points,
            RewardPenalty.measure,
        )
        .join(Case, Case.id == RewardPenalty.case_id)
        .join(Department, Department.id == RewardPenalty.department_id)
        .outerjoin(subject, subject.c.id == RewardPenalty.subject_user_id)
        .where(
            RewardPenalty.status == RewardStatus.APPROVED.value,
            RewardPenalty.decided_at >= start,
            RewardPenalty.decided_at < end,
        )
        .order_by(RewardPenalty.decided_at, RewardPenalty.id)
    ).all()
    return [
        MonthRewardRow(
            id=row[0],
            decided_at=row[1],
            case_no=row[2],
            subject_name=row[3] or row[4],
            department_name=row[4],
            kind=RewardKind(row[5]),
            amount_fen=int(row[6]),
            points=int(row[7]),
            measure=row[8] or "",
        )
        for row in rows
    ]
