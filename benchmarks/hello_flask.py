"""A bare Flask app with one route: the baseline that /w/<code> is compared against.

Separate from the application on purpose: none of its extensions, hooks or headers run here,
so its per-request work is Flask's own and nothing more.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    """Hello, world."""
    return "hello"
