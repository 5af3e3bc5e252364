#!/usr/bin/python3
"""A tiny Flask app for crumbs' live interop test (test/flask-live.test.ts).

Serves on 127.0.0.1 at an ephemeral port and prints `PORT <n>` on stdout once it listens.
Configuration comes from the environment: FLASK_SECRET_KEY (required) and
FLASK_SESSION_LIFETIME (seconds, default 3600).

Routes:
  /set?username=...[&items=N]  sets session['username'] (and N list items), makes the session
                               permanent and flashes a greeting; Flask mints the cookie.
  /get                         the session dict as JSON; tuples, bytes and datetimes are written
                               as {"$tuple": [...]}, {"$bytes": base64}, {"$date": unix seconds}
                               so the test can see the exact Python types Flask read.
  /flashes                     get_flashed_messages(with_categories=True), as Flask apps read them.
"""

import base64
import datetime
import os

from flask import Flask, flash, get_flashed_messages, jsonify, request, session
from werkzeug.serving import make_server

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config["PERMANENT_SESSION_LIFETIME"] = int(os.environ.get("FLASK_SESSION_LIFETIME", "3600"))


def describe(value):
    if isinstance(value, tuple):
        return {"$tuple": [describe(item) for item in value]}
    if isinstance(value, list):
        return [describe(item) for item in value]
    if isinstance(value, dict):
        return {key: describe(item) for key, item in value.items()}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime.datetime):
        return {"$date": int(value.timestamp())}
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return {"$int": str(value)}
    return value


@app.get("/set")
def set_session():
    session["username"] = request.args["username"]
    items = request.args.get("items", default=0, type=int)
    if items:
        session["items"] = [f"item-{i}" for i in range(items)]
    session.permanent = True
    flash(f"Hello, {session['username']}!")
    return jsonify(ok=True)


@app.get("/get")
def get_session():
    return jsonify(describe(dict(session)))


@app.get("/flashes")
def flashes():
    return jsonify(get_flashed_messages(with_categories=True))


if __name__ == "__main__":
    server = make_server("127.0.0.1", 0, app)
    print(f"PORT {server.port}", flush=True)
    server.serve_forever()
