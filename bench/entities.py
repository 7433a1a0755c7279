"""Micro-benchmark: rendering builds to JSON-ready dicts, before and after
issue 15 item 3 (serialization without per-request validation).

What is measured (in one run, one process, no server, no database)
    25 builds as `GET /builds` renders them, each with its user, its
    namespace (and the namespace's owner), 2 tags and a trigger, made as
    transient ORM rows (attribute reads cost what they cost on loaded rows;
    no query is timed). Each way renders the page to the list of dicts the
    handler returns (`entities.dump_all(entities.build(row) ...)`):
      * validated: one validated generated model per entity and nested
        entity, then `model_dump(mode="json", exclude_unset=True)` (the
        serializer before; its code is kept below);
      * construct: the same models made with `model_construct` (no
        validation; `Timestamp` roots and `AnyUrl`s still made), then the
        same dump;
      * plain dicts: djinn.domain.entities as it is now.
    The run checks that all three give the same JSON text, byte for byte
    (json.dumps as the API writes it), and stops if not. Each way is timed
    with timeit, best of `--repeat` runs of `--number` pages; printed: µs
    per build (page / 25) and per page, and the ratio to validated.
    `--json` also times json.dumps of the page (the API's encoder, compact
    separators), which all three ways share, and orjson.dumps when orjson
    is importable (it is no dependency of djinn: its bytes differ from
    json.dumps' where the text is not ASCII, which json.dumps escapes).

How to read the figures
    A ratio below 1 is faster than before. Figures move with the machine's
    load (note `uptime`); the ratios move less.

    .venv/bin/python bench/entities.py [--number 20] [--repeat 30] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import timeit
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pydantic import AnyUrl

from djinn.domain import entities
from djinn.infra.db import models as db
from generated import models

BASE_URL = "http://127.0.0.1:8080"
PAGE = 25
MANIFEST = "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: ['true']}]\n"


def rows(count: int = PAGE) -> list[db.Build]:
    """`count` builds as a page of `GET /builds` has them."""
    epoch = datetime(2026, 11, 27, 12, 0, 0, 123456, tzinfo=UTC)
    alice = db.User(id=1, username="alice", email="alice@example.com", created_at=epoch)
    team = db.Namespace(
        id=1,
        user_id=1,
        user=alice,
        root_id=1,
        parent_id=None,
        name="djinn",
        path="djinn",
        description="The CI server",
        visibility="private",
        created_at=epoch,
    )
    builds = []
    for n in range(count, 0, -1):
        created = epoch + timedelta(minutes=n)
        builds.append(
            db.Build(
                id=n,
                user_id=1,
                user=alice,
                namespace_id=1,
                namespace=team,
                number=n,
                manifest=MANIFEST,
                status="passed",
                output=None,
                tags=[db.BuildTag(name="release"), db.BuildTag(name=f"v{n}")],
                pinned=False,
                created_at=created,
                started_at=created + timedelta(seconds=1),
                finished_at=created + timedelta(seconds=3),
                trigger_type="manual",
                trigger_comment="",
                trigger_data={"ref": "main"},
            )
        )
    return builds


# ------------------------------------------------------------- validated (before)


def _v_user(row: db.User) -> models.User:
    return models.User(id=row.id, email=row.email, username=row.username, created_at=row.created_at)


def _v_namespace(row: db.Namespace) -> models.Namespace:
    at = f"{BASE_URL}/n/{row.user.username}/{row.path}"
    return models.Namespace(
        id=row.id,
        user_id=row.user_id,
        root_id=row.root_id,
        parent_id=row.parent_id,
        name=row.name,
        path=row.path,
        description=row.description,
        visibility=row.visibility,
        created_at=row.created_at,
        url=at,
        builds_url=at + "/-/builds",
        namespaces_url=at + "/-/namespaces",
        images_url=at + "/-/images",
        objects_url=at + "/-/objects",
        variables_url=at + "/-/variables",
        keys_url=at + "/-/keys",
        collaborators_url=at + "/-/collaborators",
        webhooks_url=at + "/-/webhooks",
        invites_url=at + "/-/invites",
        user=_v_user(row.user),
    )


def _v_build(row: db.Build) -> models.Build:
    at = f"{BASE_URL}/b/{row.user.username}/{row.number}"
    fields: dict[str, Any] = {
        "id": row.id,
        "user_id": row.user_id,
        "namespace_id": row.namespace_id,
        "number": row.number,
        "manifest": row.manifest,
        "status": row.status,
        "output": row.output,
        "tags": [tag.name for tag in row.tags],
        "pinned": row.pinned,
        "created_at": row.created_at,
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "url": at,
        "objects_url": at + "/objects",
        "variables_url": at + "/variables",
        "jobs_url": at + "/jobs",
        "artifacts_url": at + "/artifacts",
        "tags_url": at + "/tags",
        "trigger": models.Trigger(
            type=row.trigger_type, comment=row.trigger_comment, data=row.trigger_data or {}
        ),
        "user": _v_user(row.user),
    }
    if row.namespace is not None:
        fields["namespace"] = _v_namespace(row.namespace)
    return models.Build(**fields)


def validated(page: list[db.Build]) -> list[dict[str, Any]]:
    return [b.model_dump(mode="json", exclude_unset=True) for b in map(_v_build, page)]


# ------------------------------------------------------------- model_construct


def _c_user(row: db.User) -> models.User:
    return models.User.model_construct(
        id=row.id,
        email=row.email,
        username=row.username,
        created_at=models.Timestamp.model_construct(row.created_at),
    )


def _c_namespace(row: db.Namespace) -> models.Namespace:
    at = f"{BASE_URL}/n/{row.user.username}/{row.path}"
    return models.Namespace.model_construct(
        id=row.id,
        user_id=row.user_id,
        root_id=row.root_id,
        parent_id=row.parent_id,
        name=row.name,
        path=row.path,
        description=row.description,
        visibility=models.NamespaceVisibility.model_construct(row.visibility),
        created_at=models.Timestamp.model_construct(row.created_at),
        url=AnyUrl(at),
        builds_url=AnyUrl(at + "/-/builds"),
        namespaces_url=AnyUrl(at + "/-/namespaces"),
        images_url=AnyUrl(at + "/-/images"),
        objects_url=AnyUrl(at + "/-/objects"),
        variables_url=AnyUrl(at + "/-/variables"),
        keys_url=AnyUrl(at + "/-/keys"),
        collaborators_url=AnyUrl(at + "/-/collaborators"),
        webhooks_url=AnyUrl(at + "/-/webhooks"),
        invites_url=AnyUrl(at + "/-/invites"),
        user=_c_user(row.user),
    )


def _c_build(row: db.Build) -> models.Build:
    at = f"{BASE_URL}/b/{row.user.username}/{row.number}"
    fields: dict[str, Any] = {
        "id": row.id,
        "user_id": row.user_id,
        "namespace_id": row.namespace_id,
        "number": row.number,
        "manifest": row.manifest,
        "status": models.Status.model_construct(row.status),
        "output": row.output,
        "tags": [tag.name for tag in row.tags],
        "pinned": row.pinned,
        "created_at": models.Timestamp.model_construct(row.created_at),
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "url": AnyUrl(at),
        "objects_url": AnyUrl(at + "/objects"),
        "variables_url": AnyUrl(at + "/variables"),
        "jobs_url": AnyUrl(at + "/jobs"),
        "artifacts_url": AnyUrl(at + "/artifacts"),
        "tags_url": AnyUrl(at + "/tags"),
        "trigger": models.Trigger.model_construct(
            type=row.trigger_type, comment=row.trigger_comment, data=dict(row.trigger_data or {})
        ),
        "user": _c_user(row.user),
    }
    if row.namespace is not None:
        fields["namespace"] = _c_namespace(row.namespace)
    return models.Build.model_construct(**fields)


def constructed(page: list[db.Build]) -> list[dict[str, Any]]:
    return [b.model_dump(mode="json", exclude_unset=True) for b in map(_c_build, page)]


# ------------------------------------------------------------- plain dicts (now)


def plain(page: list[db.Build]) -> list[dict[str, Any]]:
    return entities.dump_all(entities.build(row) for row in page)


WAYS = {"validated": validated, "construct": constructed, "plain dicts": plain}


def encode(page: list[dict[str, Any]]) -> str:
    return json.dumps(page, separators=(",", ":"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--number", type=int, default=20, help="pages per round")
    parser.add_argument("--repeat", type=int, default=30, help="rounds; the best of each way is kept")
    parser.add_argument("--json", action="store_true", help="also time json.dumps of the page")
    args = parser.parse_args()

    page = rows()
    with entities.rendering(BASE_URL, mock.Mock()):
        texts = {name: encode(way(page)) for name, way in WAYS.items()}
        if len(set(texts.values())) != 1:
            for name, text in texts.items():
                print(f"{name}: {text[:400]}", file=sys.stderr)
            sys.exit("the ways render different JSON: nothing measured")
        print(f"same JSON from all {len(WAYS)} ways: {len(texts['plain dicts'])} bytes a page of {PAGE}")
        # The ways take turns, round after round, so that a busy moment of
        # the machine slows each alike; the best round of each is kept.
        best = dict.fromkeys(WAYS, float("inf"))
        for _ in range(args.repeat):
            for name, way in WAYS.items():
                seconds = timeit.timeit(lambda way=way: way(page), number=args.number)
                best[name] = min(best[name], seconds / args.number * 1e6)
        encoders: dict[str, float] = {}
        if args.json:
            dicts = plain(page)
            times = timeit.repeat(lambda: encode(dicts), number=args.number, repeat=args.repeat)
            encoders["json.dumps"] = min(times) / args.number * 1e6
            try:
                import orjson
            except ImportError:
                pass
            else:
                if orjson.dumps(dicts) != encode(dicts).encode():
                    sys.exit("orjson writes other bytes for this page")
                times = timeit.repeat(lambda: orjson.dumps(dicts), number=args.number, repeat=args.repeat)
                encoders["orjson.dumps"] = min(times) / args.number * 1e6

    print(f"load: {os.getloadavg()[0]:.2f} (1 min)")
    print(f"{'way':<12} {'µs/build':>9} {'µs/page':>9} {'ratio':>6}")
    for name, us in best.items():
        print(f"{name:<12} {us / PAGE:>9.1f} {us:>9.0f} {us / best['validated']:>6.2f}")
    for name, us in encoders.items():
        print(f"{name:<12} {us / PAGE:>9.1f} {us:>9.0f}   (encoding the page's dicts, every way)")


if __name__ == "__main__":
    main()
