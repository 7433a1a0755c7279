"""Images and objects as the original Go client uploads them (issue 12,
points 7 and 8): raw bodies with their parameters in the query string even
when empty, JSON image requests with every field, and every validation error
the original's own integration tests expect, under the same keys."""

from __future__ import annotations

import hashlib
import struct
import zlib

import pytest
from sqlalchemy import func, select

from djinn.api.app import runtime_of
from djinn.infra.db.models import Image, Object
from tests.compat.client import OCTET_STREAM, DjinnError

QCOW2_MAGIC = b"QFI\xfb"


def png() -> bytes:
    """A 2x2 PNG (the original's tests upload a PNG of a blue square)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x7f\xd5\xea" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def refused(call) -> dict[str, list[str]]:
    """The field errors of a call the Go client sees fail with a 400."""
    with pytest.raises(DjinnError) as raised:
        call()
    assert raised.value.status == 400, raised.value
    return raised.value.params


@pytest.fixture
def limit(settings) -> int:
    """A small upload limit. Asked for before `djinn`, so that a live server
    (DJINN_COMPAT_LIVE=1), made from the app's settings, has it too."""
    settings(max_upload_bytes=1 << 20)
    return 1 << 20


def count(db, model) -> int:
    with db.session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def stored(app, kind: str) -> list[str]:
    directory = runtime_of(app).store.root / kind
    return (
        sorted(p.name for p in directory.iterdir() if not p.name.startswith("."))
        if directory.exists()
        else []
    )


# The cases of the original's Test_ImageValidation, and the keys it expects.
IMAGE_VALIDATION = [
    ({}, {"file", "name"}),
    ({"name": "!!!!!"}, {"file", "name"}),
    ({"name": "Test_ImageValidation", "download_url": "ssh://root:secret@example.com"}, {"download_url"}),
    ({"name": "Test_ImageValidation", "image": b"\x00" * 5}, {"file"}),
    # Beyond the original's cases: each problem of a raw upload, all at once.
    ({"name": "", "image": b""}, {"file", "name"}),
    ({"name": "!!!!!", "image": b"\x00" * 5}, {"file", "name"}),
    ({"name": "ok", "image": b""}, {"file"}),
    ({"name": "ok", "download_url": ""}, {"file"}),
]


@pytest.mark.parametrize(
    ("params", "fields"),
    IMAGE_VALIDATION,
    ids=[
        "nothing",
        "bad-name",
        "ssh-url",
        "not-qcow2",
        "empty-upload",
        "bad-name-and-not-qcow2",
        "ok-name-empty-upload",
        "empty-download-url",
    ],
)
def test_image_validation(djinn, db, app, params, fields):
    cli = djinn("gordon")
    errors = refused(lambda: cli.create_image(**{"name": "", **params}))
    assert set(errors) == fields, errors
    assert all(messages and all(isinstance(m, str) for m in messages) for messages in errors.values())
    assert count(db, Image) == 0 and stored(app, "images") == []


def test_an_image_upload_over_the_limit_is_a_file_error_and_keeps_nothing(limit, djinn, db, app):
    cli = djinn("gordon")
    errors = refused(lambda: cli.create_image("big", image=QCOW2_MAGIC + b"\x00" * limit))
    assert errors == {"file": [f"File cannot be larger than {limit} bytes"]}
    assert count(db, Image) == 0 and stored(app, "images") == []


def test_image_create_download_and_delete(djinn, app):
    """The original's Test_ImageCreate and Test_ImageDelete: the four bytes
    of the QCOW2 magic are an image, and come back as they went."""
    cli = djinn("gordon")
    image = cli.create_image("Test_ImageCreate", image=QCOW2_MAGIC)
    assert (image.name, image.driver, image.namespace_id) == ("Test_ImageCreate", "qemu", None)
    assert cli.image_data(image) == QCOW2_MAGIC
    assert cli.get_image(image.id).name == "Test_ImageCreate"
    cli.delete_image(image)
    assert stored(app, "images") == []
    with pytest.raises(DjinnError) as gone:
        cli.get_image(image.id)
    assert gone.value.status == 404


def test_an_image_in_a_namespace_and_a_duplicate_name(djinn):
    cli = djinn("gordon")
    first = cli.create_image("disk", namespace="blackmesa", image=QCOW2_MAGIC)
    assert first.namespace_id is not None
    errors = refused(lambda: cli.create_image("disk", namespace="blackmesa", image=b"\x00"))
    assert set(errors) == {"name", "file"}
    assert cli.create_image("disk", image=QCOW2_MAGIC).namespace_id is None  # another namespace (none)


# The cases of the original's Test_ObjectValidation.
def test_object_validation(limit, djinn, db, app):
    cli = djinn("gordon")
    # ObjectParams{}: no name, no body (the Go client sends Content-Length: 0).
    errors = refused(lambda: cli.create_object("", None))
    assert set(errors) == {"name", "file"}, errors
    assert cli.sent[-1].headers["content-length"] == "0"
    assert cli.sent[-1].url.query == b"name=&namespace="

    errors = refused(lambda: cli.create_object("Test_ObjectValidation", bytes(5 * limit)))
    assert errors == {"file": [f"File cannot be larger than {limit} bytes"]}

    errors = refused(lambda: cli.create_object("a name/with a path", b"x"))
    assert set(errors) == {"name"}
    assert count(db, Object) == 0 and stored(app, "objects") == []


def test_object_create_and_delete(djinn, app):
    """The original's Test_ObjectCreate and Test_ObjectDelete: a PNG whose
    bytes come back when asked for with its own type."""
    cli = djinn("gordon")
    data = png()
    obj = cli.create_object("Test_ObjectCreate", data)
    assert cli.sent[-1].headers["content-type"] == OCTET_STREAM
    assert (obj.type, obj.size, obj.md5) == ("image/png", len(data), hashlib.md5(data).hexdigest())
    assert hashlib.md5(cli.object_data(obj)).hexdigest() == hashlib.md5(data).hexdigest()
    cli.delete_object(obj)
    assert stored(app, "objects") == []
