"""The front door: ``/w/<code>`` through deploy/'s nginx against a 10 KB static file served
by the same nginx, in the same run.

Starts the deployment test's stack (tests/deploy/stack.py: nginx with TLS and micro-caching
over two gunicorn nodes, each supervised) on an existing database, adds one location that
serves a 10 KB file from disk, then runs wrk over HTTPS for DURATION seconds (default 20) at
CONNECTIONS connections (default 50) on: the static file; one workshop's page; the pages of
CODES random workshops (default 500), after WARMUP seconds (default 30) over those pages.
Prints wrk's figures and each gunicorn worker's memory.

    DATABASE_URL=postgresql+psycopg://... REDIS_URL=redis://127.0.0.1:6379/10 \\
      .venv/bin/python benchmarks/front_door.py

Needs nginx, wrk and openssl (Debian packages), and a migrated database with workshops
(``flask seed-demo --size 20000``).
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.deploy.stack import Stack  # noqa: E402 (the repository on the path first)

STATIC_NAME = "static-10k.html"


def public_codes(database_url, count):
    """``count`` random public codes of the database's workshops."""
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        codes = connection.scalars(sa.text("SELECT public_code FROM workshops")).all()
    engine.dispose()
    return random.Random(7).sample(codes, min(count, len(codes)))  # noqa: S311 (repeatable)


def serve_static_file(stack):
    """A 10 KB page from disk, served by the same nginx server block as the site."""
    folder = stack.folder / "plain"
    folder.mkdir()
    (folder / STATIC_NAME).write_text("<!doctype html><p>" + "x" * 10_220 + "</p>\n")
    site = stack.folder / "site.conf"
    location = f"    location = /{STATIC_NAME} {{\n        root {folder};\n    }}\n\n"
    text = site.read_text()
    at = text.rindex("    location / {\n")  # the HTTPS server's, after the port-80 one
    site.write_text(text[:at] + location + text[at:])
    subprocess.run([*stack.nginx_command, "-t"], check=True, capture_output=True)  # noqa: S603


def wrk(url, duration, connections, script=None, env=None):
    """wrk's report for ``url``."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    done = subprocess.run(command + [url], capture_output=True, text=True, env=env, check=True)  # noqa: S603
    return done.stdout


def worker_memory(stack):
    """Resident memory of each node's gunicorn workers, in MB."""
    sizes = []
    for node in stack.nodes:
        children = Path(f"/proc/{node.process.pid}/task/{node.process.pid}/children")
        for pid in children.read_text().split():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
    return sizes


def main():
    """Run the three measurements and print them."""
    database_url = os.environ["DATABASE_URL"]
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/10")
    duration = int(os.environ.get("DURATION", "20"))
    connections = int(os.environ.get("CONNECTIONS", "50"))
    codes = public_codes(database_url, int(os.environ.get("CODES", "500")))
    folder = Path(tempfile.mkdtemp(prefix="front-door-"))
    codes_file = folder / "codes.txt"
    codes_file.write_text("\n".join(codes) + "\n")
    stack = Stack(folder, database_url, redis_url, SEARCH_SYNC_INTERVAL="0", LOG_FORMAT="json")
    serve_static_file(stack)
    stack.start()
    try:
        env = {**os.environ, "CODES_FILE": str(codes_file)}
        script = ROOT / "benchmarks" / "random_codes.lua"
        warmup = int(os.environ.get("WARMUP", "30"))
        print(f"== warm-up {warmup} s over {len(codes)} workshops", flush=True)
        wrk(stack.base, warmup, connections, script, env)
        for title, url, lua in (
            (f"static 10 KB file: GET /{STATIC_NAME}", f"{stack.base}/{STATIC_NAME}", None),
            (f"one workshop: GET /w/{codes[0]}", f"{stack.base}/w/{codes[0]}", None),
            (f"random workshops of {len(codes)}: GET /w/<code>", stack.base, script),
        ):
            print(f"== {title}\n{wrk(url, duration, connections, lua, env)}", flush=True)
            time.sleep(1)
        sizes = ", ".join(f"{mb:.0f}" for mb in worker_memory(stack))
        print(f"gunicorn workers' resident memory (MB): {sizes}")
    finally:
        stack.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
