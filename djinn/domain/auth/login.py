"""Password sign-in for the OAuth login page, rate-limited.

Failed sign-ins are counted per account and per client address over a
sliding window; at `MAX_FAILURES` within `WINDOW` either one is refused,
without checking the password, until enough failures have aged out.

The counters live in the database (`login_failures`), not in the process:
a deployment may run several API processes (and restart them), and a limit
kept in one process's memory would give an attacker a fresh allowance per
process and per restart. A sign-in is rare enough that the extra queries do
not matter. Refused attempts are not counted, so a user locked out by
someone else's guessing gets in again once the window has passed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from djinn.domain.auth.passwords import hash_password, verify_password
from djinn.infra.db.models import LoginFailure, User

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)


@dataclasses.dataclass
class LoginThrottled(Exception):
    """Too many recent failures for this account or address."""

    retry_after: int  # seconds


@functools.cache
def _dummy_hash() -> str:
    # Verified against when the account does not exist, so that a wrong
    # username costs as long as a wrong password and does not reveal itself.
    return hash_password("not a password anyone has")


def find_user(session: Session, identifier: str) -> User | None:
    """The user whose username (any case) or email address is `identifier`."""
    if not identifier or "\x00" in identifier:
        return None
    lowered = identifier.strip().lower()
    return (
        session.execute(select(User).where(or_(func.lower(User.username) == lowered, User.email == lowered)))
        .scalars()
        .first()
    )


def _account(user: User | None, identifier: str) -> str:
    # Keyed by user id when the account exists, so that typing the username
    # or the email address draws on the same allowance.
    if user is not None:
        return f"user:{user.id}"
    return "name:" + identifier.strip().lower().replace("\x00", "\ufffd")[:300]


def _retry_after(session: Session, column: InstrumentedAttribute[str], value: str, now: dt.datetime) -> int:
    """Seconds until `value` has fewer than MAX_FAILURES in the window; 0 if it already has."""
    recent = (
        session.execute(
            select(LoginFailure.created_at)
            .where(column == value, LoginFailure.created_at > now - WINDOW)
            .order_by(LoginFailure.created_at.desc())
            .limit(MAX_FAILURES)
        )
        .scalars()
        .all()
    )
    if len(recent) < MAX_FAILURES:
        return 0
    return max(1, int((recent[-1] + WINDOW - now).total_seconds()) + 1)


def sign_in(
    session: Session, identifier: str, password: str, *, address: str, now: dt.datetime | None = None
) -> User | None:
    """The user these credentials belong to, or None (and one more failure
    counted). Raises LoginThrottled when the account or the address has too
    many recent failures; the password is then not checked."""
    now = now or dt.datetime.now(dt.UTC)
    address = (address or "unknown")[:64]
    user = find_user(session, identifier)
    account = _account(user, identifier)
    wait = max(
        _retry_after(session, LoginFailure.account, account, now),
        _retry_after(session, LoginFailure.address, address, now),
    )
    if wait:
        raise LoginThrottled(retry_after=wait)
    if user is not None and verify_password(user.password_hash, password):
        session.execute(delete(LoginFailure).where(LoginFailure.account == account))
        return user
    if user is None:
        verify_password(_dummy_hash(), password)
    session.execute(delete(LoginFailure).where(LoginFailure.created_at <= now - WINDOW))
    session.add(LoginFailure(account=account, address=address, created_at=now))
    session.flush()
    return None
