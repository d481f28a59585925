"""A county's boards made in the background, so that no request waits minutes for them.

A job is a thread of the worker that started it, writing the PDF and a small JSON record
into the instance folder (``BOARD_JOBS_DIR``, default ``instance/boards``). The state lives
in those files, not in the worker's memory: any worker of the node can show the progress
page and serve the file, a worker restarted mid-job leaves a record whose heartbeat stops,
shown as interrupted so the user starts again, and the files outlive restarts. Nodes behind
one address need the folder shared (or sticky sessions), like any upload folder.
"""

import dataclasses
import json
import os
import re
import secrets
import threading
import time
from pathlib import Path

from flask import current_app

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.workshops.boards import pdf as boards_pdf

RUNNING, DONE, FAILED = "running", "done", "failed"
STALE_SECONDS = 120  # a running job silent this long died with its worker
KEEP_SECONDS = 2 * 86400  # finished files are removed after two days
JOB_ID = re.compile(r"[0-9a-f]{16}")


@dataclasses.dataclass
class Job:
    """One county's boards: who asked, how far the PDF has come, where it lands."""

    id: str
    folder: str
    district_id: int
    district_code: str
    district_name: str
    user_id: int
    printed_on: str
    state: str = RUNNING
    total: int = 0
    done: int = 0
    message: str = ""
    updated: float = dataclasses.field(default_factory=time.time)

    @property
    def pdf_path(self) -> str:
        """Where the finished PDF is."""
        return os.path.join(self.folder, f"{self.id}.pdf")

    @property
    def interrupted(self) -> bool:
        """A running job whose heartbeat stopped: its worker was restarted."""
        return self.state == RUNNING and time.time() - self.updated > STALE_SECONDS

    @property
    def percent(self) -> int:
        """How far the pages are, in whole percent."""
        return 100 if self.state == DONE else int(100 * self.done / self.total) if self.total else 0


def _folder(app) -> Path:
    path = Path(app.config.get("BOARD_JOBS_DIR") or os.path.join(app.instance_path, "boards"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _save(job: Job) -> None:
    """Write the record atomically, so that another worker never reads half of it."""
    job.updated = time.time()
    record = os.path.join(job.folder, f"{job.id}.json")
    with open(record + ".tmp", "w", encoding="utf-8") as out:
        json.dump(dataclasses.asdict(job), out, ensure_ascii=False)
    os.replace(record + ".tmp", record)


def find(job_id: str) -> Job | None:
    """The job ``job_id`` of this node, or None."""
    if not JOB_ID.fullmatch(job_id or ""):
        return None
    try:
        with open(_folder(current_app) / f"{job_id}.json", encoding="utf-8") as record:
            return Job(**json.load(record))
    except (OSError, ValueError, TypeError):
        return None


def _jobs(folder: Path):
    for record in folder.glob("*.json"):
        job = find(record.stem)
        if job is not None:
            yield job


def _tidy(folder: Path) -> None:
    """Remove the files of jobs older than ``KEEP_SECONDS``."""
    for path in folder.iterdir():
        if time.time() - path.stat().st_mtime > KEEP_SECONDS:
            path.unlink(missing_ok=True)


def start(app, district, base_url: str, user_id: int) -> Job:
    """Start the boards of ``district`` (or return today's job already under way for it)."""
    folder, today = _folder(app), local_today().isoformat()
    _tidy(folder)
    for job in _jobs(folder):
        same = job.district_id == district.id and job.printed_on == today
        if same and job.state == RUNNING and not job.interrupted:
            return job
    job = Job(secrets.token_hex(8), str(folder), district.id, district.code or "",
              district.name, user_id, today)  # fmt: skip
    _save(job)
    threading.Thread(target=_run, args=(app, job, base_url), daemon=True).start()
    return job


def _counted(job: Job, workshops):
    """Yield ``workshops``, recording progress every ten."""
    for number, workshop in enumerate(workshops, 1):
        yield workshop
        if number % 10 == 0 or number == job.total:
            job.done = number
            _save(job)


def _run(app, job: Job, base_url: str) -> None:
    """Make the PDF beside its record; a failure is recorded, never lost."""
    with app.app_context():
        try:
            today = local_today()
            workshops = boards_pdf.printable_in(job.district_id, today)
            job.total = len(workshops)
            if not workshops:
                job.state, job.message = FAILED, "该县区没有登记有效的小作坊，未生成文件。"
                return
            _save(job)
            pages = boards_pdf.pages_of(_counted(job, workshops), base_url, today)
            boards_pdf.write(pages, job.pdf_path + ".part", title=f"{job.district_name}信息公开栏")
            os.replace(job.pdf_path + ".part", job.pdf_path)
            job.state = DONE
        except Exception:  # a background job has no one else to tell
            app.logger.exception("county boards %s failed", job.id)
            job.state, job.message = FAILED, "生成失败，请重试；再次失败请联系系统管理员。"
        finally:
            _save(job)
            db.session.remove()
