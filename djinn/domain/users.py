"""Users: created by the CLI (the original creates them in its web UI)."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from djinn.domain.auth.passwords import hash_password
from djinn.infra.db.models import User
from djinn.infra.errors import Errors

USERNAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def generate_password() -> str:
    return secrets.token_urlsafe(18)


def create_user(
    session: Session, *, username: str, email: str, password: str, password_hash: str | None = None
) -> User:
    """Create a user. `password_hash`, when given, is the argon2 hash of
    `password` computed beforehand (the test suite hashes its one password once)."""
    errors = Errors()
    if not USERNAME.match(username or ""):
        errors.add("username", "Username must be 1-64 letters, digits, '.', '-' or '_'")
    if not EMAIL.match(email or "") or len(email) > 254:
        errors.add("email", "Email is not a valid address")
    if len(password or "") < 8:
        errors.add("password", "Password must be at least 8 characters")
    if not errors:
        taken = session.execute(
            select(User.username, User.email).where(
                or_(func.lower(User.username) == username.lower(), func.lower(User.email) == email.lower())
            )
        ).all()
        for taken_username, taken_email in taken:
            if taken_username.lower() == username.lower():
                errors.add("username", "Username is already taken")
            if taken_email.lower() == email.lower():
                errors.add("email", "Email is already taken")
    errors.raise_if_any()
    user = User(
        username=username, email=email.lower(), password_hash=password_hash or hash_password(password)
    )
    session.add(user)
    session.flush()
    return user


def get_user_by_username(session: Session, username: str) -> User | None:
    return session.execute(select(User).where(User.username == username)).scalar_one_or_none()
