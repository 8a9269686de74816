import pytest

from reactions.lib.env import (
    EnvError,
    describe_database_error,
    env_bool,
    env_int,
    env_list,
    env_str,
    redact_url,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("Yes", True), ("on", True), ("0", False), ("false", False), ("", False)],
)
def test_it_reads_booleans_in_the_usual_spellings(raw, expected):
    assert env_bool("X", default=not expected, environ={"X": raw}) is expected


def test_it_refuses_a_boolean_it_cannot_read():
    with pytest.raises(EnvError, match="DEBUG='maybe' is not a boolean"):
        env_bool("DEBUG", False, environ={"DEBUG": "maybe"})


def test_a_required_variable_that_is_missing_is_named():
    with pytest.raises(EnvError, match="SECRET_KEY must be set"):
        env_str("SECRET_KEY", environ={})


def test_defaults_apply_only_when_the_variable_is_absent():
    assert env_str("A", "dflt", environ={}) == "dflt"
    assert env_int("N", 3, environ={}) == 3
    assert env_int("N", 3, environ={"N": "7"}) == 7
    assert env_list("HOSTS", ["a"], environ={"HOSTS": "x.org, y.org ,"}) == ["x.org", "y.org"]


def test_it_refuses_an_integer_it_cannot_read():
    with pytest.raises(EnvError, match="not an integer"):
        env_int("N", 1, environ={"N": "many"})


def test_messages_never_show_a_database_password(monkeypatch):
    assert redact_url("postgres://u:secret@h:5432/db") == "postgres://u:***@h:5432/db"
    monkeypatch.setenv("DATABASE_URL", "postgres://u:secret@h:1/db")
    message = describe_database_error(RuntimeError("connection refused\nmore detail"))
    assert "secret" not in message
    assert message == "cannot use DATABASE_URL=postgres://u:***@h:1/db: connection refused"
