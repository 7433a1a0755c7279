"""SSH private keys for tests, made with `cryptography` (no ssh-keygen needed)."""

from __future__ import annotations

import base64
import os
import struct

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

FORMATS = {
    "openssh": serialization.PrivateFormat.OpenSSH,
    "pkcs8": serialization.PrivateFormat.PKCS8,
    "traditional": serialization.PrivateFormat.TraditionalOpenSSL,
}


def private_key(kind: str = "ed25519", fmt: str = "openssh", password: bytes | None = None) -> str:
    """A fresh private key as text: `kind` ed25519 or rsa, `fmt` openssh, pkcs8
    (PEM `BEGIN PRIVATE KEY`) or traditional (PEM `BEGIN RSA PRIVATE KEY`)."""
    key = ed25519.Ed25519PrivateKey.generate() if kind == "ed25519" else rsa.generate_private_key(65537, 2048)
    encryption = serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    return key.private_bytes(serialization.Encoding.PEM, FORMATS[fmt], encryption).decode()


def encrypted_openssh_key() -> str:
    """An OpenSSH key file that says it is encrypted (aes256-ctr, bcrypt).
    cryptography writes such files only with the optional `bcrypt` package,
    so this one is assembled by hand: a real header and public key, random
    bytes for the encrypted part, which no parser reaches without a password."""

    def string(data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + data

    public = (
        ed25519.Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    )
    blob = (
        b"openssh-key-v1\0"
        + string(b"aes256-ctr")
        + string(b"bcrypt")
        + string(string(os.urandom(16)) + struct.pack(">I", 16))
        + struct.pack(">I", 1)
        + string(base64.b64decode(public.split()[1]))
        + string(os.urandom(160))
    )
    text = base64.b64encode(blob).decode()
    lines = [text[i : i + 70] for i in range(0, len(text), 70)]
    return "\n".join(["-----BEGIN OPENSSH PRIVATE KEY-----", *lines, "-----END OPENSSH PRIVATE KEY-----", ""])
