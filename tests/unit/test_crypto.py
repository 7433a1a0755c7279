import pytest

from djinn.infra.crypto import DecryptionError, SecretBox


def test_round_trip_and_ciphertext_hides_the_plaintext():
    box = SecretBox("k" * 40)
    blob = box.encrypt("hunter2-secret", context="webhook.secret")
    assert b"hunter2" not in blob
    assert box.decrypt(blob, context="webhook.secret") == "hunter2-secret"
    assert box.encrypt("same", context="c") != box.encrypt("same", context="c")  # fresh nonce


def test_wrong_key_or_purpose_is_refused():
    blob = SecretBox("a" * 40).encrypt("value", context="variable.value")
    with pytest.raises(DecryptionError):
        SecretBox("b" * 40).decrypt(blob, context="variable.value")
    with pytest.raises(DecryptionError):
        SecretBox("a" * 40).decrypt(blob, context="key.private")
    with pytest.raises(DecryptionError):
        SecretBox("a" * 40).decrypt(b"garbage", context="variable.value")
