"""SSH keys: /keys, key material that never comes back, names, namespaces
and who may see what, and the keys a build gets (`keys.for_build`)."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import select

from djinn.api.app import runtime_of
from djinn.domain import keys
from djinn.infra.db.models import Key, Namespace
from tests.conftest import bearer
from tests.sshkeys import encrypted_openssh_key, private_key

NOT_FOUND = {"message": "Not Found"}
CONFIG = "Host github.com\n  User git\n"


@pytest.fixture
def people(client, make_user, make_token):
    """alice owns `shared`, bob collaborates in it, carol is a stranger."""
    users = {name: make_user(name) for name in ("alice", "bob", "carol")}
    headers = {name: bearer(make_token(user)) for name, user in users.items()}
    assert client.post("/namespaces", json={"name": "shared"}, headers=headers["alice"]).status_code == 201
    invite = client.post("/n/alice/shared/-/invites", json={"handle": "bob"}, headers=headers["alice"]).json()
    assert client.patch(f"/invites/{invite['id']}", headers=headers["bob"]).status_code == 200
    return users, headers


@pytest.fixture(scope="module")
def material():
    """One key of each kind and format, made once (RSA generation is slow)."""
    return {
        (kind, fmt): private_key(kind, fmt)
        for kind, fmt in [
            ("ed25519", "openssh"),
            ("ed25519", "pkcs8"),
            ("rsa", "openssh"),
            ("rsa", "pkcs8"),
            ("rsa", "traditional"),
        ]
    }


def create(client, headers, material=None, **body):
    body.setdefault("key", (material or {}).get(("ed25519", "openssh")) or private_key())
    return client.post("/keys", json=body, headers=headers)


def names_of(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [k["name"] for k in response.json()]


def _body_pieces(text: str) -> list[str]:
    """Lines of the base64 body of a key file: none may appear anywhere."""
    return [line for line in text.splitlines() if line and not line.startswith("-----") and len(line) > 20]


@pytest.mark.parametrize(
    "kind, fmt",
    [
        ("ed25519", "openssh"),
        ("ed25519", "pkcs8"),
        ("rsa", "openssh"),
        ("rsa", "pkcs8"),
        ("rsa", "traditional"),
    ],
)
def test_every_kind_and_format_is_accepted_stored_encrypted_and_never_returned(
    client, db, app, people, material, kind, fmt
):
    users, h = people
    secret = material[(kind, fmt)]
    created = create(client, h["alice"], name="my deploy key", key=secret, config=CONFIG)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["name"] == "my_deploy_key" and body["config"] == CONFIG and "key" not in body
    assert body["author_id"] == body["user_id"] == users["alice"].id and body["namespace_id"] is None
    assert body["url"] == f"http://djinn.test/keys/{body['id']}" and body["updated_at"] == body["created_at"]
    responses = [
        created,
        client.get(f"/keys/{body['id']}", headers=h["alice"]),
        client.get("/keys", headers=h["alice"]),
        client.patch(f"/keys/{body['id']}", json={"namespace": "shared"}, headers=h["alice"]),
        client.get("/n/alice/shared/-/keys", headers=h["alice"]),
        client.get("/n/alice/shared/-/keys", headers=h["bob"]),
    ]
    for response in responses:
        assert response.status_code == 200 or response is created, response.text
        assert "PRIVATE KEY" not in response.text
        assert not any(piece in response.text for piece in _body_pieces(secret))
    with db.session() as session:
        stored = bytes(session.execute(select(Key.key_encrypted)).scalar_one())
    assert b"PRIVATE KEY" not in stored and base64.b64encode(stored[:40]) not in secret.encode()
    assert not any(piece.encode() in stored for piece in _body_pieces(secret))
    box = runtime_of(app).box
    assert box.decrypt(stored, context="key.private") == secret.strip() + "\n"


@pytest.mark.parametrize(
    "key, message",
    [
        ("", "not an SSH private key"),
        ("not a key at all", "not an SSH private key"),
        (
            "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
            "not an SSH private key",
        ),
        ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== alice@example", "not an SSH private key"),
        ("ENCRYPTED_OPENSSH", "encrypted with a passphrase"),
        ("ENCRYPTED_PKCS8", "encrypted with a passphrase"),
        ("ENCRYPTED_TRADITIONAL", "encrypted with a passphrase"),
    ],
)
def test_a_key_that_is_not_an_unencrypted_private_key_is_400_on_key(client, db, people, key, message):
    _users, h = people
    key = {
        "ENCRYPTED_OPENSSH": encrypted_openssh_key,
        "ENCRYPTED_PKCS8": lambda: private_key("ed25519", "pkcs8", password=b"hunter22"),
        "ENCRYPTED_TRADITIONAL": lambda: private_key("rsa", "traditional", password=b"hunter22"),
    }.get(key, lambda: key)()
    response = create(client, h["alice"], name="k", key=key, namespace="would-be-new")
    assert response.status_code == 400
    assert list(response.json()) == ["key"] and message in response.json()["key"][0]
    assert not any(piece in response.text for piece in _body_pieces(key))
    with db.session() as session:  # nothing kept, not even the namespace
        assert session.execute(select(Key)).first() is None
        assert session.execute(select(Namespace.path)).scalars().all() == ["shared"]


def test_a_public_key_in_pem_is_refused(client, people):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    public = (
        ed25519.Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    _users, h = people
    response = create(client, h["alice"], name="pub", key=public.decode())
    assert response.status_code == 400 and list(response.json()) == ["key"]


@pytest.mark.parametrize(
    "given, stored",
    [
        ("my deploy key", "my_deploy_key"),
        ("a/b\\c", "a_b_c"),
        ("id_rsa.github-2", "id_rsa.github-2"),
        ("  spaced  out  ", "_spaced_out_"),
        ("ключ", "_"),
        ("../../etc/passwd", ".._.._etc_passwd"),
    ],
)
def test_names_are_normalised(client, people, material, given, stored):
    _users, h = people
    response = create(client, h["alice"], material, name=given)
    assert response.status_code == 201 and response.json()["name"] == stored


@pytest.mark.parametrize("name", ["", ".", "..", "config"])
def test_names_that_cannot_be_a_key_file_are_400_on_name(client, people, material, name):
    _users, h = people
    response = create(client, h["alice"], material, name=name)
    assert response.status_code == 400 and list(response.json()) == ["name"], response.text


def test_names_are_unique_per_owner_and_namespace_after_normalising(client, people, material):
    _users, h = people
    assert create(client, h["alice"], material, name="deploy key").status_code == 201
    taken = create(client, h["alice"], material, name="deploy/key")
    assert taken.status_code == 400 and taken.json() == {"name": ["Key deploy_key already exists"]}
    assert create(client, h["alice"], material, name="deploy key", namespace="shared").status_code == 201
    in_shared = create(client, h["bob"], material, name="deploy_key", namespace="shared@alice")
    assert in_shared.status_code == 400 and list(in_shared.json()) == ["name"]
    assert create(client, h["bob"], material, name="deploy key").status_code == 201
    assert names_of(client.get("/keys", headers=h["alice"])) == ["deploy_key", "deploy_key"]


def test_go_client_zero_values(client, db, people, material):
    _users, h = people
    body = create(client, h["alice"], material, name="zero", config="", namespace="").json()
    assert (body["config"], body["namespace_id"]) == ("", None)
    body = create(client, h["alice"], material, name="nulls", config=None, namespace=None).json()
    assert (body["config"], body["namespace_id"]) == ("", None)
    updated = client.patch(
        f"/keys/{body['id']}", json={"name": "", "config": "", "namespace": ""}, headers=h["alice"]
    )
    assert updated.status_code == 200 and updated.json() == body
    assert client.patch(f"/keys/{body['id']}", json={}, headers=h["alice"]).json() == body
    with db.session() as session:
        assert session.execute(select(Namespace.path)).scalars().all() == ["shared"]


def test_update_changes_name_config_and_namespace(client, db, people, material):
    users, h = people
    body = create(client, h["alice"], material, name="deploy", config=CONFIG).json()
    other = create(client, h["alice"], material, name="other", namespace="shared").json()
    renamed = client.patch(
        f"/keys/{body['id']}", json={"name": "deploy key", "config": "Host *\n"}, headers=h["alice"]
    )
    assert renamed.status_code == 200
    assert (renamed.json()["name"], renamed.json()["config"]) == ("deploy_key", "Host *\n")
    assert renamed.json()["updated_at"] >= body["updated_at"]
    moved = client.patch(f"/keys/{body['id']}", json={"namespace": "proj/sub"}, headers=h["alice"])
    assert moved.status_code == 200 and moved.json()["namespace"]["path"] == "proj/sub"
    assert moved.json()["namespace"]["visibility"] == "private"
    # Renaming onto a name taken in the same namespace is refused and changes nothing.
    to_shared = client.patch(
        f"/keys/{body['id']}", json={"namespace": "shared", "name": "other"}, headers=h["alice"]
    )
    assert to_shared.status_code == 400 and list(to_shared.json()) == ["name"]
    assert client.get(f"/keys/{body['id']}", headers=h["alice"]).json()["namespace"]["path"] == "proj/sub"
    # The collaborator moves a key of the shared namespace into a namespace of their own: now bob's.
    moved = client.patch(f"/keys/{other['id']}", json={"namespace": "bobs"}, headers=h["bob"])
    assert moved.status_code == 200
    assert (moved.json()["user_id"], moved.json()["author_id"]) == (users["bob"].id, users["alice"].id)
    assert client.get(f"/keys/{other['id']}", headers=h["alice"]).status_code == 404
    for bad in ({"name": "config"}, {"name": ".."}):
        refused = client.patch(f"/keys/{body['id']}", json=bad, headers=h["alice"])
        assert refused.status_code == 400 and list(refused.json()) == ["name"]


def test_moving_into_a_namespace_one_may_not_work_in_is_422(client, db, people, material):
    _users, h = people
    body = create(client, h["carol"], material, name="carols").json()
    for reference in ("shared@alice", "missing@alice"):
        refused = client.patch(f"/keys/{body['id']}", json={"namespace": reference}, headers=h["carol"])
        assert refused.status_code == 422 and list(refused.json()) == ["message"]
        refused = create(client, h["carol"], material, name="new", namespace=reference)
        assert refused.status_code == 422
    assert client.get(f"/keys/{body['id']}", headers=h["carol"]).json()["namespace_id"] is None
    with db.session() as session:
        assert session.execute(select(Key.name)).scalars().all() == ["carols"]


def test_collaborator_creates_in_the_namespace_for_its_owner(client, people, material):
    users, h = people
    made = create(client, h["bob"], material, name="from bob", namespace="shared@alice")
    assert made.status_code == 201
    body = made.json()
    assert (body["author_id"], body["user_id"]) == (users["bob"].id, users["alice"].id)
    assert body["namespace"]["path"] == "shared" and body["user"]["username"] == "alice"


def test_who_may_read_change_and_delete(client, people, material):
    _users, h = people
    own = create(client, h["alice"], material, name="alice_only").json()["id"]
    shared = create(client, h["alice"], material, name="in_shared", namespace="shared").json()["id"]
    expected = {
        ("alice", own): 200,
        ("alice", shared): 200,
        ("bob", own): 404,
        ("bob", shared): 200,
        ("carol", own): 404,
        ("carol", shared): 404,
    }
    for (who, key_id), status in expected.items():
        response = client.get(f"/keys/{key_id}", headers=h[who])
        assert response.status_code == status, (who, key_id)
        if status == 404:
            assert response.json() == NOT_FOUND
            assert client.patch(f"/keys/{key_id}", json={"config": "x"}, headers=h[who]).status_code == 404
            assert client.delete(f"/keys/{key_id}", headers=h[who]).status_code == 404
    assert client.get(f"/keys/{own}").status_code == 404
    assert client.patch(f"/keys/{shared}", json={"config": "Host x\n"}, headers=h["bob"]).status_code == 200
    assert client.delete(f"/keys/{shared}", headers=h["bob"]).status_code == 204
    assert client.get(f"/keys/{shared}", headers=h["alice"]).status_code == 404
    assert client.delete(f"/keys/{own}", headers=h["alice"]).status_code == 204
    assert names_of(client.get("/keys", headers=h["alice"])) == []


def test_list_is_own_and_workable_namespaces_searched_and_paged(
    client, people, material, make_user, make_token
):
    _users, h = people
    create(client, h["alice"], material, name="b_alice")
    create(client, h["alice"], material, name="a_shared", namespace="shared")
    create(client, h["bob"], material, name="c_bob")
    create(client, h["carol"], material, name="d_carol")
    assert names_of(client.get("/keys", headers=h["alice"])) == ["a_shared", "b_alice"]
    assert names_of(client.get("/keys", headers=h["bob"])) == ["a_shared", "c_bob"]
    assert names_of(client.get("/keys", headers=h["carol"])) == ["d_carol"]
    assert names_of(client.get("/keys?search=SHAR", headers=h["bob"])) == ["a_shared"]
    assert names_of(client.get("/keys?search=d%25", headers=h["carol"])) == []  # `%` is literal
    narrow = bearer(make_token(make_user("dave"), scope="key:write"))
    assert client.get("/keys", headers=narrow).status_code == 404
    for n in range(26):
        create(client, h["carol"], material, name=f"k{n:02}")
    first = client.get("/keys?search=k", headers=h["carol"])
    assert names_of(first) == [f"k{n:02}" for n in range(25)]
    assert first.headers["Link"] == '<http://djinn.test/keys?search=k&page=2>; rel="next"'
    assert names_of(client.get("/keys?search=k&page=2", headers=h["carol"])) == ["k25"]


def test_for_build_gives_decrypted_keys_namespace_ones_winning(client, db, app, people, material):
    users, h = people
    bobs, shared_key = material[("ed25519", "openssh")], material[("rsa", "pkcs8")]
    create(client, h["bob"], name="deploy", key=bobs, config="Host bob\n")
    create(client, h["bob"], material, name="bob_only")
    create(client, h["alice"], name="deploy", key=shared_key, config=CONFIG, namespace="shared")
    create(client, h["alice"], material, name="alice_own")
    box = runtime_of(app).box
    with db.session() as session:
        shared = session.execute(select(Namespace).where(Namespace.path == "shared")).scalar_one()
        in_shared = keys.for_build(session, box, users["bob"].id, shared)
        alone = keys.for_build(session, box, users["bob"].id, None)
        shared_id = session.execute(select(Key.id).where(Key.namespace_id == shared.id)).scalar_one()
    assert [name for name, *_ in in_shared] == ["bob_only", "deploy"]
    assert in_shared[1] == ("deploy", shared_key.strip() + "\n", CONFIG, shared_id)
    assert [(name, private, config) for name, private, config, _id in alone][1] == (
        "deploy",
        bobs.strip() + "\n",
        "Host bob\n",
    )
