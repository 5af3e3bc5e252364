#!/usr/bin/python3
"""Generate Flask session-cookie test vectors for crumbs' `flask` codec.

Every cookie here is minted by Flask itself: `SecureCookieSessionInterface().get_signing_serializer`
inside an app context (so Flask's JSON provider sorts keys and escapes to ASCII, exactly as when it
saves a session), with only the clock pinned through itsdangerous' `TimestampSigner.get_timestamp`.

Run with the Python that has Flask (Debian: `apt-get install -y python3-flask`):

    /usr/bin/python3 packages/server/scripts/flask-vectors.py

It rewrites packages/server/test/fixtures/flask-vectors.json (or the path given as its argument). Expected data is written in a small
JSON notation the TypeScript test reads back: {"$bytes": base64}, {"$date": unix seconds},
{"$tuple": [...]} and {"$int": "digits"} (an int beyond 2**53).
"""

import base64
import datetime
import hashlib
import json
import sys
import uuid
import zlib
from importlib.metadata import version
from pathlib import Path

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import TimestampSigner
from markupsafe import Markup

OUTPUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "flask-vectors.json"

SECRET = "crumbs-test-secret-0123456789abcdef0123456789abcdef"
FALLBACK = "crumbs-old-secret-fedcba9876543210fedcba9876543210"
UNICODE_SECRET = "clé-secrète-🔑-0123456789abcdef0123456789"
TIMESTAMP = 1_700_000_000


def make_cookie(data, secret_key, timestamp, salt=None):
    """Flask's own signing serializer with the clock pinned to `timestamp`."""

    class PinnedSigner(TimestampSigner):
        def get_timestamp(self):
            return timestamp

    interface = SecureCookieSessionInterface()
    if salt is not None:
        interface.salt = salt
    app = Flask("crumbs-vectors")
    if isinstance(secret_key, list) and "SECRET_KEY_FALLBACKS" in app.config:
        # Flask >= 3.1 builds exactly this list itself: [*SECRET_KEY_FALLBACKS, SECRET_KEY].
        app.secret_key = secret_key[-1]
        app.config["SECRET_KEY_FALLBACKS"] = secret_key[:-1]
    else:
        # Older Flask hands secret_key to itsdangerous, which takes the same list directly.
        app.secret_key = secret_key
    with app.app_context():
        serializer = interface.get_signing_serializer(app)
        serializer.signer = PinnedSigner
        cookie = serializer.dumps(dict(data))
        # Prove Flask reads its own cookie back to the same data.
        assert serializer.loads(cookie) == data, data
    return cookie


def to_fixture(value):
    """The expected decoded value in the notation the TypeScript test understands."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, float)):
        return value
    if isinstance(value, int):
        return value if abs(value) <= 2**53 else {"$int": str(value)}
    if isinstance(value, tuple):
        return {"$tuple": [to_fixture(item) for item in value]}
    if isinstance(value, list):
        return [to_fixture(item) for item in value]
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime.datetime):
        return {"$date": int(value.timestamp())}
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {key: to_fixture(item) for key, item in value.items()}
    raise TypeError(f"no fixture notation for {type(value)!r}")


def noise(label, length):
    """Deterministic incompressible text: base64url of chained SHA-256 digests."""
    out = b""
    block = label.encode()
    while len(out) < length:
        block = hashlib.sha256(block).digest()
        out += block
    return base64.urlsafe_b64encode(out).decode("ascii")[:length]


UTC = datetime.timezone.utc

# name, data, options. `exact: False` marks sessions whose TypeScript re-encoding cannot be the
# same bytes for a reason unrelated to zlib (JavaScript has no such type); `note` says why.
VECTORS = [
    ("empty", {}, {}),
    ("username", {"username": "john"}, {}),
    ("unicode", {"name": "José", "emoji": "😀", "cjk": "日本語", "mixed": "naïve ☕"}, {}),
    (
        "escapes",
        {"quote": 'say "hi"', "backslash": "a\\b", "controls": "\n\t\r\b\f\x01\x1f\x7f", "slash": "a/b"},
        {},
    ),
    (
        "nested",
        {"user": {"id": 42, "roles": ["admin", "dev"], "prefs": {"theme": "dark", "tags": [[], {}]}}},
        {},
    ),
    (
        "numbers",
        {
            "zero": 0,
            "negative": -17,
            "max_safe": 2**53 - 1,
            "two_53": 2**53,
            "minus_two_53": -(2**53),
            "pi": 3.14159,
            "tiny": 1.5e-7,
            "small": 0.0001,
            "huge": 1e300,
            "big_float": 1.2345678901234567e17,
            "negative_float": -2.5,
        },
        {},
    ),
    ("big-int", {"id": 2**64 + 1, "negative": -(2**70)}, {}),
    ("booleans-null", {"yes": True, "no": False, "nothing": None}, {}),
    ("permanent", {"_permanent": True, "username": "john"}, {}),
    (
        "flashes",
        {"_flashes": [("message", "Welcome back!"), ("error", "Invalid password")], "username": "john"},
        {},
    ),
    ("bytes", {"raw": b"\x00\xffhello\x80", "empty": b""}, {}),
    (
        "datetime",
        {"seen": datetime.datetime(2024, 2, 29, 23, 59, 58, tzinfo=UTC), "epoch": datetime.datetime(1970, 1, 1, tzinfo=UTC)},
        {},
    ),
    ("tuple-nested", {"pair": (1, b"x", ("deep", None)), "list_of_tuples": [(1, 2)]}, {}),
    (
        "tag-like-keys",
        {"t": {" t": [1, 2]}, "d": {" d": "not a date"}, "two": {" t": 1, " b": 2}, "di": {" di": {" u": "x"}}},
        {},
    ),
    ("tag-like-top-level", {" b": "just a string"}, {}),
    (
        "sorted-keys",
        {"b": 1, "a": 2, "B": 3, "_": 4, "aa": 5, "\ue000": 6, "😀": 7, "é": 8, "": 9, "a b": 10},
        {},
    ),
    ("compressed", {"items": [f"item-{i}" for i in range(120)], "username": "john"}, {"compressed": True}),
    ("compressed-small", {"message": "ab" * 40}, {"compressed": True}),
    ("not-compressed", {"token": noise("token", 64), "csrf": noise("csrf", 43)}, {"compressed": False}),
    ("timestamp-zero", {"username": "john"}, {"timestamp": 0}),
    ("timestamp-five-bytes", {"username": "john"}, {"timestamp": 2**32 + 5}),
    ("custom-salt", {"username": "john"}, {"salt": "crumbs-custom-salt"}),
    ("unicode-secret", {"username": "john"}, {"secret_key": UNICODE_SECRET, "secrets": [UNICODE_SECRET]}),
    # Signed by the fallback alone: crumbs must verify it with [newest, fallback], keyIndex 1.
    (
        "signed-by-fallback",
        {"username": "john"},
        {
            "secret_key": FALLBACK,
            "secrets": [SECRET, FALLBACK],
            "keyIndex": 1,
            "exact": False,
            "note": "crumbs re-signs with the newest secret, so the signature differs.",
        },
    ),
    # Flask 3.1's SECRET_KEY_FALLBACKS is itsdangerous' key list [*fallbacks, SECRET_KEY]: the
    # last one signs, so this is the cookie crumbs must produce with [newest, fallback].
    ("newest-signs", {"username": "john"}, {"secret_key": [FALLBACK, SECRET], "secrets": [SECRET, FALLBACK]}),
    (
        "markup",
        {"html": Markup("<b>bold</b>")},
        {"exact": False, "note": "Markup decodes to a plain string; re-encoding writes a string, not ' m'."},
    ),
    (
        "uuid",
        {"id": uuid.UUID("12345678-1234-5678-1234-567812345678")},
        {"exact": False, "note": "UUID decodes to its hyphenated string; re-encoding writes a string, not ' u'."},
    ),
    (
        "integral-float",
        {"ratio": 1.0, "big": 1e16},
        {"exact": False, "note": "A JavaScript number cannot say 1.0 from 1; crumbs writes integral numbers as ints."},
    ),
]


def build():
    vectors = []
    for name, data, options in VECTORS:
        secret_key = options.get("secret_key", SECRET)
        timestamp = options.get("timestamp", TIMESTAMP)
        salt = options.get("salt")
        cookie = make_cookie(data, secret_key, timestamp, salt)
        compressed = cookie.startswith(".")
        if "compressed" in options and options["compressed"] != compressed:
            sys.exit(f"vector {name!r}: expected compressed={options['compressed']}, got {compressed}")
        vector = {
            "name": name,
            "secrets": options.get("secrets", [SECRET]),
            "flaskSecretKey": secret_key,
            "timestamp": timestamp,
            "cookie": cookie,
            "compressed": compressed,
            "keyIndex": options.get("keyIndex", 0),
            "exact": options.get("exact", True),
            "data": to_fixture(data),
        }
        if salt is not None:
            vector["salt"] = salt
        if "note" in options:
            vector["note"] = options["note"]
        vectors.append(vector)
    return {
        "generator": "packages/server/scripts/flask-vectors.py",
        "flask": version("flask"),
        "itsdangerous": version("itsdangerous"),
        "zlib": zlib.ZLIB_RUNTIME_VERSION,
        "python": sys.version.split()[0],
        "vectors": vectors,
    }


def main():
    # An optional path writes elsewhere, e.g. to compare another Flask version's output.
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    document = build()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(document['vectors'])} vectors to {output}")


if __name__ == "__main__":
    main()
