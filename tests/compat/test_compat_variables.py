"""Variables as the original Go client creates them, masking included
(issue 12, point 9): its VariableParams has a `mask` field the compat
client's `create_variable` leaves out, so the masked calls are sent here with
the whole struct, as the Go client encodes it."""

from __future__ import annotations

import pytest

from tests.compat.client import JSON, DjinnError, Job, Manifest, Variable, go_json
from tests.compat.running import wait_finished, worker  # noqa: F401 (a fixture)

SECRET = "secret_api_token"


def create_variable(cli, key: str, value: str, namespace: str = "", mask: bool = False) -> Variable:
    """`djinn.CreateVariable(cli, VariableParams{Namespace, Key, Value, Mask})`."""
    body = go_json({"namespace": namespace, "key": key, "value": value, "mask": mask})
    return cli._entity(Variable, cli.post("/variables", JSON, body), 201)


def test_variable_create_get_and_delete(djinn):
    """The original's Test_VariableCreate and Test_VariableDelete."""
    cli = djinn("gordon")
    variable = create_variable(cli, "Test_VariableCreate", "foo")
    assert (
        cli.sent[-1].content == b'{"namespace":"","key":"Test_VariableCreate","value":"foo","mask":false}\n'
    )
    assert (variable.key, variable.value, variable.namespace_id) == ("Test_VariableCreate", "foo", None)
    assert cli.get_variable(variable).value == "foo"
    cli.delete_variable(variable)
    with pytest.raises(DjinnError) as gone:
        cli.get_variable(variable)
    assert gone.value.status == 404


def test_a_masked_value_shorter_than_six_characters_gets_the_original_message(djinn):
    """The original's Test_VariableCreateMasked: clients compare the message."""
    cli = djinn("gordon")
    with pytest.raises(DjinnError) as short:
        create_variable(cli, "Test_VariableCreateMasked", "foo", mask=True)
    assert short.value.status == 400
    assert short.value.params == {"value": ["Value cannot be shorter than 6 characters in length"]}
    variable = create_variable(cli, "Test_VariableCreateMasked", "foobar", mask=True)
    assert variable.value == "xxxxxx"
    assert cli.get_variable(variable).value == "xxxxxx"


def test_a_masked_variable_never_shows_in_build_output(djinn, worker):  # noqa: F811
    """The original's Test_VariableMasking: a masked variable in a namespace,
    a build there printing its environment in three stages."""
    cli = djinn("gordon")
    create_variable(cli, "Test_VariableMasking", SECRET, namespace="maskedvariables", mask=True)
    build = cli.submit_build(
        Manifest(
            namespace="maskedvariables",
            driver={"type": "os"},
            stages=["env1", "env2", "env3"],
            jobs=[Job(stage=stage, commands=["printenv"]) for stage in ("env1", "env2", "env3")],
        ),
        comment="Test_VariableMasking",
        tags=["os"],
    )
    build = wait_finished(cli, build)
    assert build.status == "passed"
    assert SECRET not in (build.output or "")
    jobs = cli.expect(cli.get(build.jobs_url.path), 200).decode("[]Job")
    assert {job["name"] for job in jobs} >= {"env1.1", "env2.1", "env3.1"}
    for job in jobs:
        assert SECRET not in (job["output"] or ""), job["name"]
    assert all(
        "Test_VariableMasking=xxxxxx" in job["output"] for job in jobs if job["name"].startswith("env")
    )
