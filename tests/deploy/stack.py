"""The production stack of ``deploy/`` on this machine: nginx with TLS in front of gunicorn
nodes, each supervised as systemd would (restarted when its master dies)."""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def free_port() -> int:
    """A port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost, made for this test."""
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class Node:
    """One gunicorn node, restarted by a supervising thread whenever its master exits."""

    def __init__(self, name, port, env, log):
        self.name, self.port, self.env, self.log = name, port, env, log
        self.process, self.stopping, self.restarts = None, False, 0
        self.thread = threading.Thread(target=self._supervise, daemon=True)

    def start(self):
        """Start the node and its supervisor; return once it answers."""
        self.process = self._spawn()
        self.thread.start()
        self.wait_ready()

    def _spawn(self):
        command = [sys.executable, "-m", "gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py"),
                   "--bind", f"127.0.0.1:{self.port}", "workshop_credit:create_app()"]  # fmt: skip
        with open(self.log, "ab") as out:
            return subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=out, stderr=out)

    def _supervise(self):
        while not self.stopping:
            if self.process.poll() is not None and not self.stopping:
                time.sleep(1)  # as systemd's RestartSec=1
                self.restarts += 1
                self.process = self._spawn()
            time.sleep(0.2)

    def url(self, path="/"):
        """The node's own address, bypassing nginx."""
        return f"http://127.0.0.1:{self.port}{path}"

    def metrics(self) -> str:
        """The node's Prometheus figures, from the address only the machine reaches."""
        return requests.get(f"http://{self.env['METRICS_BIND']}/metrics", timeout=10).text

    def log_lines(self) -> list[dict]:
        """The node's log so far: gunicorn's and the app's JSON lines."""
        text = Path(self.log).read_text(errors="replace")
        return [json.loads(line) for line in text.splitlines() if line.startswith("{")]

    def wait_ready(self, timeout=60):
        """Wait until the node answers its health check."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url("/healthz"), timeout=5).status_code < 500:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.2)
        raise AssertionError(f"{self.name} did not start: {Path(self.log).read_text()[-3000:]}")

    def kill_master(self):
        """What a crash does: the master and its workers gone at once."""
        self.process.send_signal(signal.SIGKILL)  # its workers notice and exit

    def stop(self):
        """Stop the supervisor, then the node."""
        self.stopping = True
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a loaded machine can be slower than that
            self.process.kill()
            self.process.wait(timeout=20)


def nginx_config(folder: Path, http_port, https_port, nodes, cert, key) -> Path:
    """deploy/nginx's site and snippet with this machine's ports, paths and certificate."""
    site = (DEPLOY / "nginx" / "workshop-credit.conf").read_text()
    upstream = "".join(
        f"    server 127.0.0.1:{n.port} max_fails=1 fail_timeout=10s;\n" for n in nodes
    )
    site = re.sub(r"    server 127\.0\.0\.1:8000[^\n]*\n", upstream, site)
    site = re.sub(r"\n\s*listen \[::\]:\d+[^\n]*", "", site)
    for old, new in (
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("food.example.gov.cn", "localhost"),
        ("/etc/ssl/workshop-credit/fullchain.pem", str(cert)),
        ("/etc/ssl/workshop-credit/privkey.pem", str(key)),
        ("/srv/workshop-credit/app", str(ROOT)),
        ("/var/cache/nginx/workshop-credit", str(folder / "cache")),
        ("snippets/workshop-credit-proxy.conf", str(folder / "proxy.conf")),
        ("/var/log/nginx/workshop-credit", str(folder / "workshop-credit")),
    ):
        assert old in site, old
        site = site.replace(old, new)  # every place it stands
    # The test listens on a port other than 443, which $host leaves out: the app would see
    # another origin than the browser's and refuse its forms.
    proxy = (DEPLOY / "nginx" / "workshop-credit-proxy.conf").read_text()
    assert "proxy_set_header Host $host;" in proxy
    (folder / "proxy.conf").write_text(proxy.replace("Host $host;", "Host $http_host;"))
    (folder / "site.conf").write_text(site)
    main = folder / "nginx.conf"
    temp = " ".join(
        f"{kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                         "uwsgi", "scgi")
    )  # fmt: skip
    main.write_text(
        f"user root; daemon off; pid {folder / 'nginx.pid'}; error_log {folder / 'error.log'};\n"
        "events { worker_connections 256; }\n"
        f"http {{ include /etc/nginx/mime.types; access_log {folder / 'access.log'}; {temp}\n"
        f"  include {folder / 'site.conf'}; }}\n"
    )
    return main


class Stack:
    """nginx over two nodes with separate index folders, on one database and one Redis."""

    def __init__(self, folder: Path, database_url: str, redis_url: str, **settings):
        self.folder = folder
        self.http_port, self.https_port = free_port(), free_port()
        self.base = f"https://localhost:{self.https_port}"
        self.cert, key = certificate(folder)
        common = {
            **os.environ,
            "WORKSHOP_CREDIT_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "DATABASE_URL": database_url,
            "PUBLIC_BASE_URL": self.base,
            "TRUSTED_PROXY_COUNT": "1",
            "RATELIMIT_STORAGE_URI": redis_url,
            "SEARCH_SYNC_INTERVAL": "0.2",
            "GUNICORN_WORKERS": "2",
            **settings,
        }
        self.nodes = []
        for n in (1, 2):
            env = {**common, "NODE_NAME": f"node-{n}",
                   "INSTANCE_PATH": str(folder / f"node-{n}"),
                   "SEARCH_INDEX_DIR": str(folder / f"node-{n}" / "search-index"),
                   "METRICS_BIND": f"127.0.0.1:{free_port()}"}  # fmt: skip
            self.nodes.append(Node(f"node-{n}", free_port(), env, folder / f"node-{n}.log"))
        config = nginx_config(folder, self.http_port, self.https_port, self.nodes, self.cert, key)
        subprocess.run(["nginx", "-t", "-c", str(config)], check=True, capture_output=True)
        self.nginx_command = ["nginx", "-c", str(config)]
        self.nginx = None

    def start(self):
        """Start the nodes, then nginx."""
        for node in self.nodes:
            node.start()
        self.nginx = subprocess.Popen(self.nginx_command)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self.get("/healthz")
                return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise AssertionError((self.folder / "error.log").read_text())

    def stop(self):
        """Stop nginx and the nodes."""
        if self.nginx:
            self.nginx.terminate()
            self.nginx.wait(timeout=20)
        for node in self.nodes:
            if node.process:
                node.stop()

    def session(self) -> requests.Session:
        """A client that trusts this stack's certificate, like a phone trusts a real one."""
        client = requests.Session()
        client.trust_env = False  # a CA bundle named in the environment would win over ours
        client.verify = str(self.cert)
        client.headers["Referer"] = self.base + "/"  # as a browser sends; CSRF checks it
        return client

    def get(self, path, **options):
        """GET ``path`` through nginx over HTTPS."""
        return self.session().get(self.base + path, timeout=30, **options)
