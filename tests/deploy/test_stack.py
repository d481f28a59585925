"""The files of ``deploy/`` run as a city runs them: nginx with TLS over two gunicorn nodes
with their own index folders, one PostgreSQL, one Redis; checked from outside, through nginx."""

import io
import re
import shutil
import time

import pyotp
import pytest
import requests
import sqlalchemy as sa
from factories import STAFF_PASSWORD, make_staff, make_workshop, report_form, restore_backup
from PIL import Image

from workshop_credit.commands.backups import backup
from workshop_credit.extensions import db
from workshop_credit.models import Report, ReportPhoto, Role

pytestmark = pytest.mark.deploy

INPUT = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
FORGED = {
    "X-Forwarded-Prefix": "//evil.example",
    "X-Forwarded-Host": "evil.example",
    "X-Forwarded-For": "198.51.100.66",
}


def hidden_fields(html):
    """The hidden inputs of a form page (CSRF token, one-time submission token)."""
    fields = (dict(ATTRIBUTE.findall(tag)) for tag in INPUT.findall(html))
    return {f["name"]: f.get("value", "") for f in fields if f.get("type") == "hidden"}


def photo_of_about(megabytes):
    """A JPEG of noise, as large as a phone's photo of a busy scene."""
    side = int((megabytes * 1024 * 1024 / 1.5) ** 0.5)
    image = Image.effect_noise((side, side), 120).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=98)
    return out.getvalue()


def sign_in(stack, user):
    """A staff member signs in through nginx, second factor included."""
    client = stack.session()
    page = client.get(stack.base + "/admin/login").text
    form = {**hidden_fields(page), "username": user.username, "password": STAFF_PASSWORD}
    verify = client.post(stack.base + "/admin/login", data=form)
    code = pyotp.TOTP(user.totp_secret).now()
    done = client.post(stack.base + "/admin/login/verify",
                       data={**hidden_fields(verify.text), "code": code})  # fmt: skip
    assert done.status_code == 200 and "退出" in done.text, done.text[:300]
    return client


def file_report(stack, client, **extra):
    """A tip-off through the real form; the response after its redirect."""
    page = client.get(stack.base + "/report").text
    data = {**report_form(), **hidden_fields(page)}
    return client.post(stack.base + "/report", data=data, **extra)


def test_the_deployed_stack_serves_safely_across_two_nodes(app, stack, database_url):
    workshop = make_workshop("峡江县老王米粉加工坊", products="峡江米粉")
    regulator = make_staff(Role.SUPERADMIN)
    code = workshop.public_code

    # HTTP goes to HTTPS; the landing page comes over TLS.
    plain = stack.session().get(f"http://localhost:{stack.http_port}/w/{code}",
                                allow_redirects=False)  # fmt: skip
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
    assert "老王米粉" in stack.get(f"/w/{code}").text

    # Anonymous visitors share nginx's copy for a few seconds; a visitor with a cookie never.
    assert stack.get(f"/w/{code}").headers["X-Cache"] == "HIT"
    assert stack.get(f"/w/{code}", cookies={"lang": "en"}).headers["X-Cache"] == "BYPASS"

    # A staff session started through nginx works on either node.
    staff = sign_in(stack, regulator)
    cookie = {"Cookie": "; ".join(f"{c.name}={c.value}" for c in staff.cookies)}
    for node in stack.nodes:
        page = staff.get(node.url("/admin/"), headers={**cookie, "X-Forwarded-Proto": "https"})
        assert page.status_code == 200 and "退出" in page.text, node.name

    # Each request's id joins nginx's log to the nodes' JSON lines, which name the staff member;
    # the metrics of each node are on their own address, never served through nginx.
    visit = staff.get(stack.base + "/admin/")
    lines = [x for n in stack.nodes for x in n.log_lines() if x.get("path") == "/admin/"]
    assert any(x.get("user_id") == regulator.id and x["request_id"] in nginx_log(stack)
               for x in lines), lines  # fmt: skip
    assert visit.ok and stack.get("/metrics").status_code == 404
    served = sum(metric(n.metrics(), 'endpoint="admin.index"') for n in stack.nodes)
    assert served >= 2

    # An edit reaches node 2's page at once and its search within 2 seconds.
    node2 = stack.nodes[1]
    assert "老王" in stack.session().get(node2.url("/search?q=老王")).text
    workshop.name = "峡江县巴邱米粉坊"
    db.session.commit()
    assert "巴邱米粉坊" in stack.session().get(node2.url(f"/w/{code}")).text
    deadline = time.monotonic() + 2
    while f"/w/{code}" not in stack.session().get(node2.url("/search?q=巴邱")).text:
        assert time.monotonic() < deadline, "node 2's search did not follow the edit in 2 s"
        time.sleep(0.1)

    # Forged forwarding headers change nothing and poison no cache.
    for _ in range(8):
        assert "evil.example" not in stack.get(f"/w/{code}", headers=FORGED).text
    assert "evil.example" not in stack.get(f"/w/{code}").text

    # A tip-off with a 10 MB photo arrives over HTTPS and is stored with its photo.
    citizen = stack.session()
    photo = photo_of_about(9.5)
    assert len(photo) > 8_000_000
    receipt = file_report(stack, citizen, files={"photos": ("IMG_0001.jpg", photo, "image/jpeg")})
    assert receipt.status_code == 200 and "回执" in receipt.text, receipt.text[:500]
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReportPhoto)) == 1

    # The limit of 3 tip-offs an hour holds across both nodes, whatever X-Forwarded-For says.
    assert file_report(stack, citizen).status_code == 200
    assert file_report(stack, citizen).status_code == 200
    assert file_report(stack, citizen).status_code == 429
    assert (
        file_report(stack, citizen, headers={"X-Forwarded-For": "203.0.113.5"}).status_code == 429
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 3

    # Deleting node 2's index folder gives no error; the node rebuilds it.
    shutil.rmtree(node2.env["SEARCH_INDEX_DIR"])
    assert stack.session().get(node2.url("/search?q=巴邱")).status_code == 200
    deadline = time.monotonic() + 20
    while f"/w/{code}" not in stack.session().get(node2.url("/search?q=巴邱")).text:
        assert time.monotonic() < deadline, "node 2 did not rebuild its index"
        time.sleep(0.2)

    # nginx's access log keeps no reporter's whole address.
    log = nginx_log(stack)
    assert "POST /report" in log and "127.0.0.0 " in log and "127.0.0.1" not in log

    # A node whose master dies loses no request nginx can retry, and comes back.
    node1 = stack.nodes[0]
    node1.kill_master()
    answers = [stack.get(f"/w/{code}?n={n}").status_code for n in range(20)]
    assert answers == [200] * 20
    node1.wait_ready(timeout=60)
    assert node1.restarts == 1

    # A restore into a new database: node 2, pointed at it, notices and rebuilds its index.
    dump = backup(db.engine, stack.folder / "backup.pgdump")
    workshop.name = "峡江县新名米粉坊"
    db.session.commit()
    wait_for(lambda: f"/w/{code}" in stack.session().get(node2.url("/search?q=新名")).text)
    node2.env["DATABASE_URL"] = restore_backup(dump, database_url, stack.folder)
    node2.process.terminate()  # as `systemctl restart` after the environment file changed
    wait_for(lambda: node2.restarts == 1)
    node2.wait_ready()
    wait_for(lambda: f"/w/{code}" in stack.session().get(node2.url("/search?q=巴邱")).text)
    assert f"/w/{code}" not in stack.session().get(node2.url("/search?q=新名")).text


def nginx_log(stack):
    """nginx's access log of the site."""
    return (stack.folder / "workshop-credit.access.log").read_text()


def metric(text, selector):
    """The sum of the request counts whose labels contain ``selector``."""
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("flask_http_request_duration_seconds_count") and selector in line
    )


def wait_for(condition, seconds=30):
    """Wait until ``condition()`` holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not _holds(condition):
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.2)


def _holds(condition):
    try:
        return condition()
    except requests.ConnectionError:  # a node between two lives
        return False
