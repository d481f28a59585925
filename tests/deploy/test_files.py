"""The files of ``deploy/`` say what the app and the README say: same limits, same commands,
valid syntax for the tools that read them."""

import configparser
import re
import shutil
import subprocess

import pytest

from workshop_credit.config import Config

from .stack import DEPLOY, ROOT


def unit(name):
    """A systemd unit file as sections of settings."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / name)
    return parser


def test_the_daily_jobs_run_at_five_past_midnight_in_the_citys_time():
    calendar = unit("workshop-credit-daily.timer")["Timer"]["OnCalendar"]
    assert calendar == "*-*-* 00:05:00 Asia/Shanghai"
    shown = subprocess.run(
        ["systemd-analyze", "calendar", calendar], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Next elapse: .* 16:05:00 UTC", shown), shown  # UTC+8, no summer time
    assert unit("workshop-credit-daily.service")["Service"]["ExecStart"].endswith("flask daily")


def test_the_services_run_the_projects_commands_and_restart(app):
    site = unit("workshop-credit.service")["Service"]
    assert "deploy/gunicorn.conf.py" in site["ExecStart"] and site["Restart"] == "always"
    assert (ROOT / "deploy" / "gunicorn.conf.py").exists()
    backup = unit("workshop-credit-backup.service")["Service"]["ExecStart"]
    for command in ("daily", "backup"):
        assert command in app.cli.commands
    assert backup.endswith("flask backup --keep 14")


def test_nginx_accepts_what_the_app_accepts():
    site = (DEPLOY / "nginx" / "workshop-credit.conf").read_text()
    limit = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    assert limit * 1024 * 1024 == Config.MAX_CONTENT_LENGTH


def test_the_environment_file_names_only_settings_the_app_reads():
    read = set(
        re.findall(
            r'(?:environ(?:\.get)?|_int)\(\s*"([A-Z_]+)"',
            (ROOT / "workshop_credit" / "config.py").read_text(),
        )
    )
    gunicorn_conf = (DEPLOY / "gunicorn.conf.py").read_text()
    read |= set(re.findall(r'environ\.get\(\s*"([A-Z_]+)"', gunicorn_conf))
    read |= {"WORKSHOP_CREDIT_ENV", "INSTANCE_PATH"}
    example = (DEPLOY / "workshop-credit.env.example").read_text()
    named = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    assert named <= read, named - read
    assert {"SECRET_KEY", "DATABASE_URL", "PUBLIC_BASE_URL", "RATELIMIT_STORAGE_URI"} <= named


def test_logrotate_reads_its_file():
    if shutil.which("logrotate") is None:
        pytest.fail("logrotate 未安装：请运行 apt-get install logrotate（make test 会自动安装）。")
    checked = subprocess.run(
        ["logrotate", "--debug", str(DEPLOY / "logrotate" / "workshop-credit")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0 and "error" not in checked.stderr.lower(), checked.stderr
