"""The artifact curator: keeps each user's stored artifacts within a quota
(`DJINN_ARTIFACT_QUOTA`, 1 GiB by default; BEHAVIOUR.md §5).

For every user whose collected, not yet removed artifacts add up to more than
the quota, the oldest ones are removed until the total is within it; the
artifacts of pinned builds are never removed (but count toward the total).
A removed artifact keeps its row, with what was collected (size, digests),
and gets `deleted_at`: the API still lists it, and its download answers 404.
The row is marked first and the file deleted after the commit, so no
download ever finds a row that claims a file that is gone. Several curators
may run at once: an artifact is marked by one of them only.
"""

from __future__ import annotations

import logging

from sqlalchemy import exists, func, select, update

from djinn.domain.builds import ARTIFACT_KIND
from djinn.infra.db.models import Artifact, Build, utcnow
from djinn.infra.runtime import Runtime

log = logging.getLogger(__name__)

_STORED = (Artifact.sha256.is_not(None), Artifact.deleted_at.is_(None))
_UNPINNED = ~exists().where(Build.id == Artifact.build_id, Build.pinned.is_(True))
CHUNK = 500


def curate(runtime: Runtime, quota: int | None = None) -> list[int]:
    """Remove the oldest artifacts of every user over `quota` bytes (the
    configured quota when None); returns the ids of the artifacts removed."""
    quota = runtime.config.artifact_quota if quota is None else quota
    removed: list[int] = []
    for user_id, total in _over_quota(runtime, quota):
        ids = _remove(runtime, _oldest(runtime, user_id, total - quota))
        if ids:
            log.info(
                "user %s stored %s bytes of artifacts, over the quota of %s: removed %s of them",
                user_id,
                total,
                quota,
                len(ids),
            )
        removed += ids
    return removed


def _over_quota(runtime: Runtime, quota: int) -> list[tuple[int, int]]:
    total = func.sum(Artifact.size)
    with runtime.db.session() as session:
        rows = session.execute(
            select(Artifact.user_id, total).where(*_STORED).group_by(Artifact.user_id).having(total > quota)
        ).all()
    # (The sum is never NULL: HAVING keeps only sums above the quota.)
    return [(user_id, size) for user_id, size in rows if size is not None]


def _oldest(runtime: Runtime, user_id: int, excess: int) -> list[int]:
    """The user's oldest removable artifacts that free at least `excess` bytes
    (all of them, when even that is not enough)."""
    chosen, freed = [], 0
    with runtime.db.session() as session:
        rows = session.execute(
            select(Artifact.id, Artifact.size)
            .where(Artifact.user_id == user_id, *_STORED, _UNPINNED)
            .order_by(Artifact.created_at, Artifact.id)
            .execution_options(yield_per=CHUNK)
        )
        for artifact_id, size in rows:
            if freed >= excess:
                break
            chosen.append(artifact_id)
            freed += size or 0
    return chosen


def _remove(runtime: Runtime, ids: list[int]) -> list[int]:
    """Mark the artifacts removed, unless another curator did or their build
    got pinned meanwhile, then delete their files; the ids marked here."""
    store = runtime.store
    if store is None:  # Runtime.build always makes one; none, and no artifact is marked
        raise RuntimeError("this process's runtime has no file store")
    removed: list[int] = []
    for start in range(0, len(ids), CHUNK):
        with runtime.db.transaction() as session:
            removed += session.execute(
                update(Artifact)
                .where(Artifact.id.in_(ids[start : start + CHUNK]), *_STORED, _UNPINNED)
                .values(deleted_at=utcnow())
                .returning(Artifact.id)
                .execution_options(synchronize_session=False)
            ).scalars()
    for artifact_id in removed:
        store.delete(ARTIFACT_KIND, artifact_id)
    return removed
