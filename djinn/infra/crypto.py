"""Encryption of secrets at rest (masked variables, SSH keys, webhook secrets).

AES-256-GCM from `cryptography`, with a key derived by HKDF-SHA256 from
DJINN_SECRET_KEY. Every ciphertext is bound to its purpose through the
associated data (`context`), so a webhook secret's ciphertext cannot be
replayed as a variable's value. Layout: version byte, 12-byte nonce,
ciphertext with tag.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION = b"\x01"


class DecryptionError(Exception):
    pass


class SecretBox:
    def __init__(self, secret_key: str):
        if not secret_key:
            raise ValueError("a secret key is required to encrypt secrets at rest")
        key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=b"djinn", info=b"djinn secrets at rest v1"
        ).derive(secret_key.encode())
        self._aead = AESGCM(key)

    def encrypt(self, plaintext: str, *, context: str) -> bytes:
        nonce = os.urandom(12)
        return VERSION + nonce + self._aead.encrypt(nonce, plaintext.encode(), context.encode())

    def decrypt(self, blob: bytes, *, context: str) -> str:
        if not blob or blob[:1] != VERSION:
            raise DecryptionError("unknown ciphertext format")
        try:
            return self._aead.decrypt(blob[1:13], blob[13:], context.encode()).decode()
        except InvalidTag:
            raise DecryptionError("ciphertext does not match the secret key or its purpose") from None
