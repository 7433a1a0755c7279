"""Manifest parsing and validation (BEHAVIOUR.md §1): each rule, with the
exact 400 body a user gets. Every problem is reported at once under
`manifest`."""

from __future__ import annotations

import pytest

from djinn.domain.manifest import Placement, Source, parse_manifest, slug
from djinn.infra.errors import ValidationFailed

ENABLED = ("os", "docker", "qemu", "ssh")

GOOD = """\
namespace: acme/web
driver:
  type: docker
  image: golang
  workspace: /go
env:
- GOOS=linux
- EMPTY=
objects:
- data.json
- key.pem => secrets/key.pem
sources:
- https://example.com/acme/web.git
- https://example.com/acme/lib.git v1.2 => vendor/lib
stages:
- Build Stuff
- test
allow_failures:
- test
jobs:
- stage: Build Stuff
  commands:
  - make
  artifacts:
  - bin/web
  - coverage/index.html => coverage.html
- stage: test
  name: Unit Tests!
  commands: [go test ./...]
- stage: test
  commands: [go vet ./...]
- stage: deploy
  commands: [./deploy]
"""


def problems(text, enabled=ENABLED) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        parse_manifest(text, enabled)
    assert list(caught.value.body()) == ["manifest"]
    return caught.value.body()["manifest"]


def test_a_good_manifest_parses_into_its_parts():
    m = parse_manifest(GOOD, ENABLED)
    assert m.text == GOOD
    assert m.namespace == "acme/web"
    assert m.driver == {"type": "docker", "image": "golang", "workspace": "/go"}
    assert m.env == (("GOOS", "linux"), ("EMPTY", ""))
    assert m.objects == (Placement("data.json", "data.json"), Placement("key.pem", "secrets/key.pem"))
    assert m.sources == (
        Source("https://example.com/acme/web.git", None, "web"),
        Source("https://example.com/acme/lib.git", "v1.2", "vendor/lib"),
    )
    assert m.stages == ("Build Stuff", "test")
    assert m.allow_failures == {"test"}
    # Unnamed jobs are <stage>.<n>, slugged; the job of an unlisted stage is ignored.
    assert [(j.stage, j.name, j.commands) for j in m.jobs] == [
        ("Build Stuff", "build-stuff.1", ("make",)),
        ("test", "unit-tests", ("go test ./...",)),
        ("test", "test.2", ("go vet ./...",)),
    ]
    assert m.jobs[0].artifacts == (
        Placement("bin/web", "web"),
        Placement("coverage/index.html", "coverage.html"),
    )


def test_slug():
    assert slug("Unit Tests!") == "unit-tests"
    assert slug("Build  &  Deploy.1") == "build-deploy.1"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ["Build manifest is required"]),
        ("   \n", ["Build manifest is required"]),
        ("- just\n- a list\n", ["Build manifest must be a YAML mapping (driver, stages, jobs, ...)"]),
        ("plain text", ["Build manifest must be a YAML mapping (driver, stages, jobs, ...)"]),
    ],
)
def test_empty_or_not_a_mapping(text, expected):
    assert problems(text) == expected


def test_yaml_errors_say_where():
    [message] = problems("driver:\n  type: os\nstages: [a\n")
    assert message.startswith("Build manifest is not valid YAML: ")
    assert "line" in message and "column" in message


@pytest.mark.parametrize(
    "driver, expected",
    [
        (None, ["driver is required"]),
        ("os", ["driver must be a mapping with at least a `type`"]),
        ({"image": "x"}, ["driver: type is required"]),
        ({}, ["driver: type is required"]),
        ({"type": ""}, ["driver: type is required"]),
        ({"type": "kvm"}, ["unknown driver kvm"]),
        ({"type": "docker"}, ["driver docker: image is required", "driver docker: workspace is required"]),
        ({"type": "docker", "image": "golang", "workspace": "/go"}, []),
        (
            {"type": "docker", "image": "golang", "workspace": "go"},
            ["driver docker: workspace must be an absolute path, not go"],
        ),
        ({"type": "qemu"}, ["driver qemu: image is required"]),
        ({"type": "ssh"}, ["driver ssh: address is required"]),
        ({"type": "ssh", "address": "h:22", "opts": {"a": 1}}, ["driver: opts must be a string"]),
    ],
)
def test_driver_rules(driver, expected):
    import yaml

    text = yaml.safe_dump({"driver": driver} if driver is not None else {"stages": []})
    if expected:
        assert problems(text) == expected
    else:
        assert parse_manifest(text, ENABLED).driver == driver


def test_a_known_driver_the_server_has_not_enabled():
    assert problems("driver: {type: docker, image: a, workspace: /w}\n", enabled=("os",)) == [
        "driver docker is not enabled"
    ]
    assert problems("driver: {type: nope}\n", enabled=("os",)) == ["unknown driver nope"]


def test_qemu_arch_defaults_to_x86_64():
    assert parse_manifest("driver: {type: qemu, image: debian}\n", ENABLED).driver["arch"] == "x86_64"


def test_every_problem_is_reported_at_once():
    text = """\
namespace: "bad name!"
driver: {type: kvm}
env: [NOVALUE, 1BAD=x, {a: b}]
objects: {not: a list}
sources: ["", "a b c", "https://x/y.git =>"]
stages: [test, test]
allow_failures: test
jobs:
- stage: test
- commands: [true]
- just a string
- stage: test
  name: create-driver
  commands: [x]
- stage: test
  name: same
  commands: [x]
  artifacts: [a => out, b => out]
- stage: test
  name: Same
  commands: [x]
"""
    assert problems(text) == [
        "namespace: Name must be 1-32 letters, digits, '-' or '_' (in 'bad name!')",
        "unknown driver kvm",
        "env[0]: expected KEY=value, got 'NOVALUE'",
        "env[1]: '1BAD' is not a valid variable name",
        "env[2] must be a string",
        "objects must be a list of strings",
        "sources[0]: expected `URL [REF] [=> DIR]`, got ''",
        "sources[1]: expected `URL [REF] [=> DIR]`, got 'a b c'",
        "sources[2]: the directory after `=>` is empty",
        "stages: 'test' is listed more than once",
        "allow_failures must be a list of strings",
        "jobs[0]: commands is required",
        "jobs[1]: stage is required",
        "jobs[2] must be a mapping with `stage` and `commands`",
        "jobs[3]: the name 'create-driver' is reserved for the setup stage",
        "jobs[4]: artifact name 'out' is used twice in the build",
        "jobs[5]: the name 'same' is already used by jobs[4]",
    ]


@pytest.mark.parametrize(
    "namespace, expected",
    [
        ("a/b@", ["namespace: Namespace owner after '@' is empty"]),
        ("/", ["namespace: Namespace path is empty"]),
        (["x"], ["namespace must be a string such as `path`, `path/child` or `path@owner`"]),
    ],
)
def test_namespace_form(namespace, expected):
    import yaml

    assert problems(yaml.safe_dump({"namespace": namespace, "driver": {"type": "os"}})) == expected


def test_objects_and_artifacts_arrows():
    assert problems("driver: {type: os}\nobjects: ['=> x', 'a =>']\n") == [
        "objects[0]: the name before `=>` is empty",
        "objects[1]: the destination after `=>` is empty",
    ]


def test_commands_must_be_strings():
    assert problems("driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: [[a]]}]\n") == [
        "jobs[0].commands[0] must be a string"
    ]


def test_a_minimal_manifest_with_only_a_driver_is_valid():
    m = parse_manifest("driver:\n  type: os\n", ("os",))
    assert (m.stages, m.jobs, m.sources, m.namespace) == ((), (), (), None)


def test_every_key_present_with_its_zero_value_means_not_given():
    """The Go client marshals its Manifest struct: every key is there, empty
    ones as `""`, `[]` or `{}`. An empty job name is no name: `<stage>.<n>`."""
    text = (
        'namespace: ""\ndriver:\n  type: os\nenv: []\nobjects: []\nsources: []\nstages:\n- test\n'
        'allow_failures: []\njobs:\n- stage: test\n  name: ""\n  commands:\n  - "true"\n  artifacts: []\n'
        "- stage: test\n  name: lint\n  commands: []\n  artifacts: []\n"
        '- stage: test\n  name: ""\n  commands: []\n  artifacts: []\n'
    )
    m = parse_manifest(text, ("os",))
    assert (m.namespace, m.env, m.objects, m.sources, m.allow_failures) == (None, (), (), (), frozenset())
    assert [job.name for job in m.jobs] == ["test.1", "lint", "test.3"]
    assert [job.artifacts for job in m.jobs] == [(), (), ()]
