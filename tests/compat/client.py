"""A test client that talks to the server the way the original Djinn CI Go
API client (djinn-ci/djinn, `integration/djinn/`) does, on the wire and in
what it makes of the answers. Written from that client's behaviour, not from
its code; the compat tests drive whole flows through it.

On the wire, exactly as the Go client:
- every field of a request struct is sent, unset ones with their zero value
  (`""`, `false`, `0`, and `null` for a nil slice), in the struct's field
  order, encoded like Go's `json.Encoder` (compact, `<>&` escaped as
  `\\u003c`..., a trailing newline);
- manifests are the YAML of the whole `Manifest` struct as `yaml.v2` writes
  it: `namespace: ""`, `driver: {}`, `env: []`, `objects: []`,
  `sources: []`, `stages: []`, `allow_failures: []`, `jobs: []`, each job
  with `stage`, `name: ""`, `commands` and `artifacts: []`;
- enums sent as their zero value when unset: a namespace's `visibility`
  is `private`, a cron's `schedule` is `daily`;
- headers: `Authorization: Bearer <token>` (also when the token is empty),
  `Content-Type: application/json; charset=utf-8` on JSON bodies (with the
  typo `charset=utf=8` on webhook updates), `Accept:` only on GETs,
  `User-Agent: Go-http-client/1.1`, `Accept-Encoding: gzip`, and
  `Content-Length: 0` on a POST or PATCH without a body;
- raw uploads put their parameters in the query string, sorted, even empty
  (`POST /images?name=x&namespace=`).

In what it accepts, as the Go client decodes:
- the exact status of each call (201 creates, 200 reads/updates, 204
  deletes) or an error: a 400 body must decode as `map[string][]string`
  (anything else is a decoding failure, not a `DjinnError`), any other
  status becomes `DjinnError(status, <status text>)` whatever the body;
- entities decode into the Go structs: missing fields are zero values,
  unknown fields are ignored, a wrong JSON type is an error, timestamps must
  be RFC 3339 (fractional seconds allowed, a `null` timestamp is an error),
  enums must be known values;
- nested entities (`user`, `namespace`, `parent`, `build`, ...) are pointers
  the Go client dereferences without a nil check: when the server left one
  out, touching it raises `GoPanic`, where the Go client would crash.

The client runs against anything with httpx's Client interface: the
Connexion test client the API tests use, or `httpx.Client(base_url=...)`
for a real server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import http
import json
import re
import urllib.parse
from typing import Any, ClassVar

import yaml

JSON = "application/json; charset=utf-8"
JSON_TYPO = "application/json; charset=utf=8"  # what the original sends on webhook updates
QEMU_DISK = "application/x-qemu-disk"
OCTET_STREAM = "application/octet-stream"
API_PREFIX = "/api"


# ------------------------------------------------------------------ errors


class GoPanic(AssertionError):
    """The Go client would have panicked here (a nil pointer dereference)."""


class DecodeError(AssertionError):
    """The Go client's json/yaml decoding would have returned an error."""


class DjinnError(Exception):
    """What the Go client's `cli.err` makes of a non-2xx/3xx answer."""

    def __init__(self, status: int, message: str, params: dict[str, list[str]] | None = None):
        super().__init__(f"{status} {message}" + (f" {params}" if params else ""))
        self.status = status
        self.message = message
        self.params = params or {}


class Unexpected(AssertionError):
    """A 2xx/3xx answer other than the one the call expects: the Go client
    returns `cli.err(resp)`, which is nil for these, so the call "succeeds"
    with nothing; here it is raised, so a test notices."""

    def __init__(self, status: int, expected: int):
        super().__init__(f"expected status {expected}, got {status}")
        self.status = status


# ------------------------------------------------------------------ encoding


def go_json(value: Any) -> bytes:
    """`json.NewEncoder(w).Encode(value)`: compact, HTML-safe, newline-terminated."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return (text + "\n").encode("utf-8")


class _GoYAMLDumper(yaml.SafeDumper):
    """Scalars as yaml.v2 writes them: `""` for the empty string and for
    strings that would read back as something else (`"true"`, `"1"`)."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
    if value == "" or dumper.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_GoYAMLDumper.add_representer(str, _represent_str)


def go_yaml(document: dict) -> str:
    return yaml.dump(
        document,
        Dumper=_GoYAMLDumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=1 << 30,
    )


@dataclasses.dataclass
class Job:
    stage: str = ""
    name: str = ""
    commands: list[str] | None = None
    artifacts: dict[str, str] | None = None  # source -> name


@dataclasses.dataclass
class Manifest:
    """The Go client's Manifest struct; `yaml()` is what it sends."""

    namespace: str = ""
    driver: dict[str, str] | None = None
    env: list[str] | None = None
    objects: dict[str, str] | None = None  # source -> name
    sources: list[str] | None = None
    stages: list[str] | None = None
    allow_failures: list[str] | None = None
    jobs: list[Job] | None = None

    def yaml(self) -> str:
        return go_yaml(
            {
                "namespace": self.namespace,
                "driver": dict(sorted((self.driver or {}).items())),  # yaml.v2 sorts map keys
                "env": list(self.env or []),
                "objects": _passthrough(self.objects),
                "sources": list(self.sources or []),
                "stages": list(self.stages or []),
                "allow_failures": list(self.allow_failures or []),
                "jobs": [
                    {
                        "stage": job.stage,
                        "name": job.name,
                        "commands": list(job.commands or []),
                        "artifacts": _passthrough(job.artifacts),
                    }
                    for job in self.jobs or []
                ],
            }
        )


def _passthrough(mapping: dict[str, str] | None) -> list[str]:
    return [f"{source} => {name}" for source, name in (mapping or {}).items()]


# ------------------------------------------------------------------ decoding


class Nil:
    """A nil pointer: any use of it is the Go client's panic."""

    def __init__(self, what: str):
        self._what = what

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        raise GoPanic(f"nil pointer dereference: {self._what}.{name}")

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return f"<nil {self._what}>"


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def parse_time(value: Any, where: str) -> dt.datetime:
    """The Go client's `Time`: `time.Parse(time.RFC3339, s)`; `null` reaches
    it as "" and fails."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DecodeError(f"{where}: cannot unmarshal {type(value).__name__} into string")
    if not RFC3339.match(value):
        raise DecodeError(f"{where}: parsing time {value!r} as RFC 3339")
    fraction = re.search(r"\.(\d+)", value)
    text = re.sub(r"\.\d+", "", value).replace("Z", "+00:00")
    parsed = dt.datetime.fromisoformat(text)
    if fraction:
        parsed = parsed.replace(microsecond=int(fraction.group(1)[:6].ljust(6, "0")))
    return parsed


@dataclasses.dataclass
class URL:
    """The Go client's `URL` wrapping a `*url.URL`: absent from the JSON it
    stays nil, and its `.path` is then a panic."""

    raw: str | None

    @property
    def path(self) -> str:
        if self.raw is None:
            raise GoPanic("nil pointer dereference: URL.Path of a url the server did not send")
        return urllib.parse.urlsplit(self.raw).path

    @property
    def query(self) -> str:
        if self.raw is None:
            raise GoPanic("nil pointer dereference: URL.RawQuery of a url the server did not send")
        return urllib.parse.urlsplit(self.raw).query


def _enum(*values: str):
    def decode(value: Any, where: str) -> str:
        text = "" if value is None else value
        if not isinstance(text, str):
            raise DecodeError(f"{where}: cannot unmarshal {type(value).__name__} into string")
        if text not in values:
            raise DecodeError(f"{where}: unknown value {text!r}")
        return text

    return decode


def _int(value: Any, where: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise DecodeError(f"{where}: cannot unmarshal {value!r} into int64")
    return value


def _null_int(value: Any, where: str) -> int | None:
    return None if value is None else _int(value, where)


def _str(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DecodeError(f"{where}: cannot unmarshal {value!r} into string")
    return value


def _null_str(value: Any, where: str) -> str | None:
    return None if value is None else _str(value, where)


def _bool(value: Any, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise DecodeError(f"{where}: cannot unmarshal {value!r} into bool")
    return value


def _null_time(value: Any, where: str) -> dt.datetime | None:
    return None if value is None else parse_time(value, where)


def _strings(value: Any, where: str) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise DecodeError(f"{where}: cannot unmarshal {type(value).__name__} into []string")
    return [_str(item, f"{where}[{i}]") for i, item in enumerate(value)]


def _string_map(value: Any, where: str) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise DecodeError(f"{where}: cannot unmarshal {type(value).__name__} into map[string]string")
    return {k: _str(v, f"{where}.{k}") for k, v in value.items()}


def _url(value: Any, where: str) -> URL:
    return URL(_str(value, where))


def _manifest(value: Any, where: str) -> dict:
    """`Manifest.UnmarshalJSON`: a JSON string of YAML, decoded into the struct."""
    text = _str(value, where)
    try:
        document = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise DecodeError(f"{where}: {e}") from None
    if not isinstance(document, dict):
        raise DecodeError(f"{where}: cannot unmarshal {type(document).__name__} into Manifest")
    return document


class Entity:
    """A decoded Go struct. Fields the JSON left out keep their zero value;
    nested pointers left out (or null) are `Nil`."""

    FIELDS: ClassVar[dict[str, Any]] = {}
    NESTED: ClassVar[dict[str, str]] = {}  # field -> Entity subclass name (a pointer)

    raw: dict

    @classmethod
    def decode(cls, data: Any, where: str | None = None):
        where = where or cls.__name__
        if data is None:
            return Nil(where)
        if not isinstance(data, dict):
            raise DecodeError(f"{where}: cannot unmarshal {type(data).__name__} into {cls.__name__}")
        entity = cls()
        entity.raw = data
        for name, decode in cls.FIELDS.items():
            value = decode(data[name], f"{where}.{name}") if name in data else _zero(decode)
            setattr(entity, name, value)
        for name, kind in cls.NESTED.items():
            setattr(entity, name, globals()[kind].decode(data.get(name), f"{where}.{name}"))
        return entity

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.raw!r})"


_STATUS = _enum("queued", "running", "passed", "passed_with_failures", "failed", "killed", "timed_out")
_VISIBILITY = _enum("private", "internal", "public")
_SCHEDULE = _enum("daily", "weekly", "monthly")
_DRIVER = _enum("ssh", "qemu", "docker")


def _zero(decode):
    """A field's value when the JSON leaves it out: Go's zero value. (Present
    but null is another matter: Unmarshalers such as Time are called with
    it, and fail.)"""
    if decode is parse_time:
        return dt.datetime(1, 1, 1, tzinfo=dt.UTC)
    if decode is _url:
        return URL(None)
    if decode is _manifest:
        return {}
    if decode in (_STATUS, _VISIBILITY, _SCHEDULE, _DRIVER):
        return ""
    return decode(None, "")


class User(Entity):
    FIELDS: ClassVar[dict] = {"id": _int, "email": _str, "username": _str, "created_at": parse_time}


class BuildTrigger(Entity):
    FIELDS: ClassVar[dict] = {"type": _str, "comment": _str, "data": _string_map}


class Build(Entity):
    FIELDS: ClassVar[dict] = {
        "id": _int,
        "user_id": _int,
        "namespace_id": _null_int,
        "number": _int,
        "manifest": _str,
        "status": _STATUS,
        "output": _null_str,
        "tags": _strings,
        "created_at": parse_time,
        "started_at": _null_time,
        "finished_at": _null_time,
        "url": _url,
        "objects_url": _url,
        "variables_url": _url,
        "jobs_url": _url,
        "artifacts_url": _url,
        "tags_url": _url,
    }
    NESTED: ClassVar[dict] = {"user": "User", "trigger": "BuildTrigger", "namespace": "Namespace"}


class BuildTag(Entity):
    FIELDS: ClassVar[dict] = {
        "id": _int,
        "user_id": _int,
        "build_id": _int,
        "name": _str,
        "created_at": parse_time,
        "url": _url,
    }


class Namespace(Entity):
    FIELDS: ClassVar[dict] = {
        "id": _int,
        "user_id": _int,
        "root_id": _int,
        "parent_id": _null_int,
        "name": _str,
        "path": _str,
        "description": _str,
        "visibility": _VISIBILITY,
        "created_at": parse_time,
        "url": _url,
        "builds_url": _url,
        "namespaces_url": _url,
        "images_url": _url,
        "objects_url": _url,
        "variables_url": _url,
        "keys_url": _url,
        "invites_url": _url,
        "collaborators_url": _url,
        "webhooks_url": _url,
    }
    NESTED: ClassVar[dict] = {"user": "User", "parent": "Namespace", "build": "Build"}


class WebhookResponse(Entity):
    FIELDS: ClassVar[dict] = {"error": _null_str, "code": _int, "duration": _int, "created_at": parse_time}


class Webhook(Entity):
    FIELDS: ClassVar[dict] = {
        "id": _int,
        "author_id": _int,
        "user_id": _int,
        "namespace_id": _null_int,
        "payload_url": _url,
        "ssl": _bool,
        "active": _bool,
        "url": _url,
        "events": _strings,
    }
    NESTED: ClassVar[dict] = {"last_response": "WebhookResponse"}


class Invite(Entity):
    FIELDS: ClassVar[dict] = {
        "id": _int,
        "namespace_id": _int,
        "invitee_id": _int,
        "inviter_id": _int,
        "url": _url,
    }
    NESTED: ClassVar[dict] = {"invitee": "User", "inviter": "User", "namespace": "Namespace"}


class Cron(Entity):
    FIELDS: ClassVar[dict] = {
        "id": _int,
        "author_id": _int,
        "user_id": _int,
        "namespace_id": _null_int,
        "name": _str,
        "schedule": _SCHEDULE,
        "manifest": _manifest,
        "next_run": parse_time,
        "created_at": parse_time,
        "url": _url,
    }


class Variable(Entity):
    FIELDS: ClassVar[dict] = {
        "id": _int,
        "author_id": _int,
        "user_id": _int,
        "namespace_id": _null_int,
        "key": _str,
        "value": _str,
        "created_at": parse_time,
        "url": _url,
    }


class Key(Entity):
    FIELDS: ClassVar[dict] = {
        "id": _int,
        "author_id": _int,
        "user_id": _int,
        "namespace_id": _int,
        "name": _str,
        "config": _str,
        "created_at": parse_time,
        "updated_at": parse_time,
        "url": _url,
    }


class ImageDownload(Entity):
    FIELDS: ClassVar[dict] = {
        "source": _url,
        "error": _null_str,
        "created_at": parse_time,
        "started_at": _null_time,
        "finished_at": _null_time,
    }


class Image(Entity):
    FIELDS: ClassVar[dict] = {
        "id": _int,
        "author_id": _int,
        "user_id": _int,
        "namespace_id": _null_int,
        "driver": _DRIVER,
        "name": _str,
        "created_at": parse_time,
        "url": _url,
    }
    NESTED: ClassVar[dict] = {"download": "ImageDownload"}


class Object(Entity):
    FIELDS: ClassVar[dict] = {
        "id": _int,
        "author_id": _int,
        "user_id": _int,
        "namespace_id": _null_int,
        "name": _str,
        "type": _str,
        "size": _int,
        "md5": _str,
        "sha256": _str,
        "created_at": parse_time,
        "url": _url,
    }


# ------------------------------------------------------------------ transport


@dataclasses.dataclass
class Response:
    status: int
    headers: Any
    body: bytes

    def decode(self, where: str) -> Any:
        """`json.NewDecoder(resp.Body).Decode(&v)`: the first JSON value."""
        try:
            value, _end = json.JSONDecoder().raw_decode(self.body.decode("utf-8").lstrip())
        except (ValueError, UnicodeDecodeError) as e:
            raise DecodeError(f"{where}: {e}: {self.body[:200]!r}") from None
        return value


class Client:
    """`djinn.NewClient(token, endpoint)` over an httpx-style client.

    `http` is the Connexion test client (endpoint "") or an
    `httpx.Client` (endpoint: the server's URL, maybe with a path prefix).
    `sent` keeps every request as it went out, for tests of the wire format.
    """

    def __init__(self, http_client, token: str, endpoint: str = ""):
        self.http = http_client
        self.token = token
        self.endpoint = endpoint.rstrip("/") if endpoint.endswith("/") and endpoint != "/" else endpoint
        self.sent: list = []

    # The Go client's Do/Get/Post/Patch/Delete.
    def do(
        self, method: str, path: str, *, content_type: str = "", accept: str = "", body: bytes | None = None
    ) -> Response:
        url = self.endpoint + path
        parsed = urllib.parse.urlsplit(url)
        if parsed.path.startswith(API_PREFIX + API_PREFIX):
            url = urllib.parse.urlunsplit(parsed._replace(path=parsed.path[len(API_PREFIX) :]))
        headers = {
            "User-Agent": "Go-http-client/1.1",
            "Authorization": "Bearer " + self.token,
            "Accept-Encoding": "gzip",
        }
        if accept:
            headers["Accept"] = accept
        if content_type:
            headers["Content-Type"] = content_type
        if body is not None or method in ("POST", "PUT", "PATCH"):
            headers["Content-Length"] = str(len(body or b""))
        request = self.http.build_request(method, url, content=body, headers=headers)
        # httpx adds its own defaults (Accept: */*, Connection); the Go client sends none of them.
        for name in ("accept", "connection"):
            if name not in {k.lower() for k in headers}:
                request.headers.pop(name, None)
        self.sent.append(request)
        response = self.http.send(request)
        return Response(status=response.status_code, headers=response.headers, body=response.read())

    def get(self, path: str, accept: str = JSON) -> Response:
        return self.do("GET", path, accept=accept)

    def post(self, path: str, content_type: str, body: bytes | None) -> Response:
        return self.do("POST", path, content_type=content_type, body=body)

    def patch(self, path: str, content_type: str, body: bytes | None) -> Response:
        return self.do("PATCH", path, content_type=content_type, body=body)

    def delete(self, path: str) -> Response:
        return self.do("DELETE", path)

    def err(self, response: Response) -> DjinnError:
        """`cli.err(resp)`: 400 decodes as the field map, anything else is the status text."""
        if response.status == 400:
            params = response.decode("400 body")
            if not isinstance(params, dict) or not all(
                isinstance(v, list) and all(isinstance(m, str) for m in v) for v in params.values()
            ):
                raise DecodeError(f"a 400 body must be map[string][]string, got {params!r}")
            return DjinnError(400, "Request contains missing or invalid parameters", params)
        return DjinnError(response.status, http.HTTPStatus(response.status).phrase)

    def expect(self, response: Response, status: int) -> Response:
        if response.status == status:
            return response
        if 200 <= response.status < 400:
            raise Unexpected(response.status, status)
        raise self.err(response)

    def _entity(self, kind, response: Response, status: int):
        self.expect(response, status)
        return kind.decode(response.decode(kind.__name__))

    def _entities(self, kind, response: Response, status: int = 200):
        self.expect(response, status)
        items = response.decode(f"[]{kind.__name__}")
        if items is None:
            return []
        if not isinstance(items, list):
            raise DecodeError(f"cannot unmarshal {type(items).__name__} into []{kind.__name__}")
        return [kind.decode(item, f"{kind.__name__}[{i}]") for i, item in enumerate(items)]

    def _no_content(self, response: Response) -> None:
        self.expect(response, 204)

    # ---------------------------------------------------------------- builds

    def submit_build(self, manifest: Manifest, comment: str = "", tags: list[str] | None = None) -> Build:
        body = go_json({"manifest": manifest.yaml(), "comment": comment, "tags": tags})
        return self._entity(Build, self.post("/builds", JSON, body), 201)

    def get_build(self, owner: str, number: int) -> Build:
        return self._entity(Build, self.get(f"/b/{owner}/{number}"), 200)

    def refresh_build(self, build: Build) -> Build:
        return self._entity(Build, self.get(build.url.path), 200)

    def tag_build(self, build: Build, *tags: str) -> list[BuildTag]:
        # The Go client returns (nil, nil) on any status but 201: raised here instead.
        return self._entities(BuildTag, self.post(build.tags_url.path, JSON, go_json(list(tags))), 201)

    def kill_build(self, build: Build) -> None:
        """`Build.Kill`: sends nothing unless the build it holds is running."""
        if build.status != "running":
            return
        self._no_content(self.delete(build.url.path))

    def delete_build_tag(self, tag: BuildTag) -> None:
        self._no_content(self.delete(tag.url.path))

    # Not in the Go client; sent the way it sends its other bodiless PATCHes.
    def pin_build(self, build: Build, pinned: bool = True) -> Build:
        path = build.url.path + ("/pin" if pinned else "/unpin")
        return self._entity(Build, self.patch(path, JSON, None), 200)

    # ---------------------------------------------------------------- namespaces

    def create_namespace(
        self, name: str, parent: str = "", description: str = "", visibility: str = "private"
    ) -> Namespace:
        body = go_json({"parent": parent, "name": name, "description": description, "visibility": visibility})
        return self._entity(Namespace, self.post("/namespaces", JSON, body), 201)

    def get_namespace(self, owner: str, path: str) -> Namespace:
        return self._entity(Namespace, self.get(f"/n/{owner}/{path}"), 200)

    def refresh_namespace(self, namespace: Namespace) -> Namespace:
        """`Namespace.Get`: by its owner's username, which it dereferences."""
        return self.get_namespace(namespace.user.username, namespace.path)

    def update_namespace(
        self, namespace: Namespace, description: str = "", visibility: str = "private"
    ) -> Namespace:
        """`Namespace.Update`: parent and name are blanked, visibility always sent."""
        body = go_json({"parent": "", "name": "", "description": description, "visibility": visibility})
        return self._entity(Namespace, self.patch(namespace.url.path, JSON, body), 200)

    def delete_namespace(self, namespace: Namespace) -> None:
        self._no_content(self.delete(namespace.url.path))

    def invite(self, namespace: Namespace, handle: str) -> Invite:
        body = go_json({"handle": handle})
        return self._entity(Invite, self.post(namespace.invites_url.path, JSON, body), 201)

    def accept_invite(self, invite: Invite) -> None:
        self.expect(self.patch(invite.url.path, JSON, None), 200)

    def reject_invite(self, invite: Invite) -> None:
        self._no_content(self.delete(invite.url.path))

    def delete_collaborator(self, namespace: Namespace, username: str) -> None:
        self._no_content(self.delete(namespace.collaborators_url.path + "/" + username))

    # Not in the Go client: the list it would read, sent like its other GETs.
    def list_collaborators(self, namespace: Namespace) -> list[User]:
        return self._entities(User, self.get(namespace.collaborators_url.path))

    def create_webhook(
        self,
        namespace: Namespace,
        payload_url: str,
        secret: str = "",
        ssl: bool = False,
        active: bool = False,
        events: list[str] | None = None,
    ) -> Webhook:
        body = go_json(
            {"payload_url": payload_url, "secret": secret, "ssl": ssl, "active": active, "events": events}
        )
        return self._entity(Webhook, self.post(namespace.webhooks_url.path, JSON, body), 201)

    def update_webhook(
        self,
        webhook: Webhook,
        payload_url: str = "",
        secret: str = "",
        remove_secret: bool = False,
        ssl: bool = False,
        active: bool = False,
        events: list[str] | None = None,
    ) -> Webhook:
        """The whole WebhookParams, with the original's `charset=utf=8` typo."""
        body = go_json(
            {
                "payload_url": payload_url,
                "secret": secret,
                "remove_secret": remove_secret,
                "ssl": ssl,
                "active": active,
                "events": events,
            }
        )
        return self._entity(Webhook, self.patch(webhook.url.path, JSON_TYPO, body), 200)

    def delete_webhook(self, webhook: Webhook) -> None:
        self._no_content(self.delete(webhook.url.path))

    # ---------------------------------------------------------------- invites

    def list_invites(self) -> list[Invite]:
        return self._entities(Invite, self.get("/invites"))

    # ---------------------------------------------------------------- cron

    def create_cron(self, name: str, manifest: Manifest, schedule: str = "daily") -> Cron:
        body = go_json({"name": name, "schedule": schedule, "manifest": manifest.yaml()})
        return self._entity(Cron, self.post("/cron", JSON, body), 201)

    def get_cron(self, cron: Cron) -> Cron:
        return self._entity(Cron, self.get(cron.url.path), 200)

    def update_cron(
        self, cron: Cron, name: str = "", manifest: Manifest | None = None, schedule: str = "daily"
    ) -> Cron:
        """`Cron.Update` with a CronParams: unset fields are "", "daily" and the empty Manifest."""
        body = go_json({"name": name, "schedule": schedule, "manifest": (manifest or Manifest()).yaml()})
        return self._entity(Cron, self.patch(cron.url.path, JSON, body), 200)

    def delete_cron(self, cron: Cron) -> None:
        self._no_content(self.delete(cron.url.path))

    # ---------------------------------------------------------------- variables, keys

    def create_variable(self, key: str, value: str, namespace: str = "") -> Variable:
        body = go_json({"namespace": namespace, "key": key, "value": value})
        return self._entity(Variable, self.post("/variables", JSON, body), 201)

    def get_variable(self, variable: Variable) -> Variable:
        return self._entity(Variable, self.get(variable.url.path), 200)

    def delete_variable(self, variable: Variable) -> None:
        self._no_content(self.delete(variable.url.path))

    def create_key(self, name: str, key: str, namespace: str = "", config: str = "") -> Key:
        body = go_json({"namespace": namespace, "name": name, "key": key, "config": config})
        return self._entity(Key, self.post("/keys", JSON, body), 201)

    def get_key(self, key_id: int) -> Key:
        return self._entity(Key, self.get(f"/keys/{key_id}"), 200)

    def update_key(self, key: Key, config: str = "") -> Key:
        """`Key.Update`: namespace, name and key are blanked; only config is meant."""
        body = go_json({"namespace": "", "name": "", "key": "", "config": config})
        return self._entity(Key, self.patch(key.url.path, JSON, body), 200)

    def delete_key(self, key: Key) -> None:
        self._no_content(self.delete(key.url.path))

    # ---------------------------------------------------------------- images, objects

    def create_image(
        self, name: str, namespace: str = "", image: bytes | None = None, download_url: str = ""
    ) -> Image:
        """Raw upload (parameters in the query, even empty) when there are
        bytes, else the JSON ImageParams."""
        if image is not None:
            query = urllib.parse.urlencode(sorted({"namespace": namespace, "name": name}.items()))
            response = self.post("/images?" + query, QEMU_DISK, image)
        else:
            body = go_json({"namespace": namespace, "name": name, "download_url": download_url})
            response = self.post("/images", JSON, body)
        return self._entity(Image, response, 201)

    def get_image(self, image_id: int) -> Image:
        return self._entity(Image, self.get(f"/images/{image_id}"), 200)

    def image_data(self, image: Image) -> bytes:
        return self.expect(self.get(image.url.path, QEMU_DISK), 200).body

    def delete_image(self, image: Image) -> None:
        self._no_content(self.delete(image.url.path))

    def create_object(self, name: str, data: bytes, namespace: str = "") -> Object:
        query = urllib.parse.urlencode(sorted({"namespace": namespace, "name": name}.items()))
        return self._entity(Object, self.post("/objects?" + query, OCTET_STREAM, data), 201)

    def object_data(self, obj: Object) -> bytes:
        return self.expect(self.get(obj.url.path, obj.type), 200).body

    def delete_object(self, obj: Object) -> None:
        self._no_content(self.delete(obj.url.path))
