import pytest

from djinn.domain.auth.scopes import ALL_SCOPES, ScopeError, format_scope, parse_scope


def test_parses_resources_with_several_permissions():
    assert parse_scope("build:read,write namespace:read") == {"build:read", "build:write", "namespace:read"}


def test_empty_and_whitespace_scope_grants_nothing():
    assert parse_scope("") == frozenset()
    assert parse_scope("   \t ") == frozenset()
    assert parse_scope(None) == frozenset()


def test_canonical_form_orders_resources_and_permissions():
    assert format_scope(parse_scope("namespace:read build:delete,read")) == "build:read,delete namespace:read"
    assert parse_scope(format_scope(ALL_SCOPES)) == ALL_SCOPES


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("build", "malformed scope item"),
        ("build:", "malformed scope item"),
        (":read", "malformed scope item"),
        ("builds:read", "unknown resource 'builds'"),
        ("build:admin", "unknown permission 'admin' for build"),
        ("build:read,,write", "unknown permission ''"),
        ("build:read:write", "unknown permission 'read:write'"),
        ("x" * 2000, "longer than"),
    ],
)
def test_malformed_scopes_are_rejected_with_a_clear_message(text, fragment):
    with pytest.raises(ScopeError, match=fragment.replace("(", r"\(")):
        parse_scope(text)


def test_non_string_scope_is_a_scope_error_not_a_crash():
    with pytest.raises(ScopeError):
        parse_scope(42)  # type: ignore[arg-type]


from hypothesis import given
from hypothesis import strategies as st


@given(st.text(max_size=300))
def test_any_text_either_parses_or_raises_scope_error(text):
    try:
        scopes = parse_scope(text)
    except ScopeError:
        return
    assert scopes <= ALL_SCOPES
