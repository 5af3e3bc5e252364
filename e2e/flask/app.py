#!/usr/bin/python3
"""A Flask app sharing the login with apps/example in SESSION_MODE=cookie SESSION_FORMAT=flask.

Same SECRET_KEY, same cookie (`__Host-session`, Secure, Path=/, HttpOnly, SameSite=Lax: the
example runs with NODE_ENV=production, where its session cookie is always Secure and prefixed),
so a browser logged in on one is logged in on the other (cookies are shared across the ports of
one host, and browsers keep Secure cookies from http://127.0.0.1).
Serves on 127.0.0.1 at an ephemeral port and prints `PORT <n>` once it listens.

Routes:
  /whoami            `Flask sees: <username>` from the session, or `Flask sees nobody`.
  /login-as/<name>   puts <name> in the session, as the example's login would, and says so.
"""

import os

from flask import Flask, session
from markupsafe import escape
from werkzeug.serving import make_server

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_NAME="__Host-session",
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_PATH="/",
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@app.get("/whoami")
def whoami():
    username = session.get("username")
    if username is None:
        return "<h1 id=message>Flask sees nobody</h1>"
    return f"<h1 id=message>Flask sees: {escape(username)}</h1>"


@app.get("/login-as/<name>")
def login_as(name):
    session["username"] = name
    return f"<h1 id=message>Flask logged in {escape(name)}</h1>"


if __name__ == "__main__":
    server = make_server("127.0.0.1", 0, app)
    print(f"PORT {server.port}", flush=True)
    server.serve_forever()
