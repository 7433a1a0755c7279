"""Webhook events (BEHAVIOUR.md §6): what happened, emitted inside the
transaction that made it happen, delivered in the background after commit.

The domain calls `emit` (or `build_event`) with the session of the change;
djinn.webhooks finds the namespace's hooks that want the event and queues
one delivery task per hook when the transaction commits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from djinn.runtime import Runtime

BUILD_SUBMITTED = "build.submitted"
BUILD_STARTED = "build.started"
BUILD_FINISHED = "build.finished"
BUILD_TAGGED = "build.tagged"
BUILD_PINNED = "build.pinned"
BUILD_UNPINNED = "build.unpinned"
INVITE_SENT = "invite.sent"
INVITE_ACCEPTED = "invite.accepted"
INVITE_REJECTED = "invite.rejected"
NAMESPACES = "namespaces"
CRON = "cron"
IMAGES = "images"
OBJECTS = "objects"
VARIABLES = "variables"
SSH_KEYS = "ssh_keys"


def build_event(session: Session, runtime: Runtime | None, event: str, build_id: int) -> None:
    """Emit a build.* event whose payload is the Build entity."""
    # Filled in by the webhook deliveries work (issue 6).
    return None
