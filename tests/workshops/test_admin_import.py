"""Bulk import: template, GBK and XLSX, row errors in Chinese, all or nothing, idempotent."""

import csv
import io

import sqlalchemy as sa
from factories import make_staff, make_uscc, make_workshop, sign_in
from openpyxl import Workbook, load_workbook

from workshop_credit import search_index
from workshop_credit.accounts import audit
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    AuditEntry,
    Registration,
    Role,
    Workshop,
    WorkshopStatus,
    current_status,
)
from workshop_credit.workshops import file_versions as grades
from workshop_credit.workshops import operations as workshops_service
from workshop_credit.workshops.importing.layout import HEADERS


def rows(n=3, district="峡江县", code="360823", start=1):
    """``n`` valid rows for ``district``."""
    return [
        [
            f"JX登-{code}-{i:05d}",
            f"{district}第{i}米粉坊",
            "李春生",
            make_uscc(code),
            f"{district}巴邱镇 {i} 号",
            district,
            "米粉、糕点",
            "米粉",
            "2024-05-10",
            "2027-05-09",
            f"{district}市场监督管理局",
            "有效",
        ]
        for i in range(start, start + n)
    ]


def as_csv(data, encoding="utf-8-sig", headers=HEADERS):
    """A CSV file's bytes."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(data)
    return out.getvalue().encode(encoding)


def as_xlsx(data):
    """An XLSX file's bytes."""
    book = Workbook()
    book.active.append(HEADERS)
    for row in data:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, content, name="导入.csv", apply=False):
    """Post a file to the import page."""
    data = {"file": (io.BytesIO(content), name)}
    data["apply" if apply else "check"] = "1"
    return client.post("/admin/import", data=data, content_type="multipart/form-data")


def count(model):
    """How many rows ``model`` has."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_templates_download_with_the_chinese_headers(client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    text = client.get("/admin/import/template.csv").data.decode("utf-8-sig")
    assert text.splitlines()[0].split(",") == list(HEADERS)
    book = load_workbook(io.BytesIO(client.get("/admin/import/template.xlsx").data))
    assert [c.value for c in book.active[1]] == list(HEADERS)


def test_dry_run_then_import_then_the_same_file_again_changes_nothing(client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    content = as_csv(rows(3))
    page = upload(client, content).get_data(as_text=True)
    assert "检查通过" in page and "新增 3" in page
    assert count(Workshop) == 0
    page = upload(client, content, apply=True).get_data(as_text=True)
    assert "导入完成" in page and count(Workshop) == 3 and count(Registration) == 3
    workshop = db.session.scalar(sa.select(Workshop).where(Workshop.name == "峡江县第1米粉坊"))
    assert [c.name for c in workshop.categories] == ["米粉", "糕点"]
    assert current_status(workshop, local_today()) == WorkshopStatus.REGISTERED
    audit_count = count(AuditEntry)
    again = upload(client, content, apply=True).get_data(as_text=True)
    assert "无变化 3" in again
    assert count(Workshop) == 3 and count(AuditEntry) == audit_count


def test_an_update_by_uscc_is_audited_with_before_and_after(client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    data = rows(2)
    upload(client, as_csv(data), apply=True)
    data[0][1] = "峡江县李记米粉坊（更名）"
    data[1][11] = "已撤销"
    page = upload(client, as_csv(data), apply=True).get_data(as_text=True)
    assert "更新 2" in page
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "import").order_by(AuditEntry.id)
    ).all()
    entry = next(e for e in entries if e.before)
    assert entry.before == {"name": "峡江县第1米粉坊"}
    assert entry.after == {"name": "峡江县李记米粉坊（更名）"}
    revoked = db.session.scalar(sa.select(Workshop).where(Workshop.uscc == data[1][3]))
    assert current_status(revoked, local_today()) == WorkshopStatus.REVOKED


def test_every_row_error_is_listed_with_row_and_column_and_nothing_is_written(client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    data = rows(4)
    data[0][3] = data[0][3][:17] + ("0" if data[0][3][17] != "0" else "1")
    data[1][8] = "2024年13月1日"
    data[2][6] = "火锅底料"
    data[3][0] = data[2][0]
    page = upload(client, as_csv(data), apply=True).get_data(as_text=True)
    assert "发现 4 处错误，未写入任何数据" in page
    for row, column, words in (
        (2, "统一社会信用代码", "校验位"),
        (3, "发证日期", "日期无法识别"),
        (4, "食品类别", "火锅底料"),
        (5, "登记证编号", "与第 4 行重复"),
    ):
        assert f"<td>第 {row} 行</td><td>{column}</td><td>" in page
        assert words in page
    assert count(Workshop) == 0
    assert db.session.scalar(sa.select(AuditEntry.id).where(AuditEntry.action == "import")) is None


def test_gbk_csv_and_xlsx_are_read(client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    page = upload(client, as_csv(rows(2), "gbk"), apply=True).get_data(as_text=True)
    assert "CSV（GBK）" in page and "新增 2" in page
    page = upload(client, as_xlsx(rows(2, start=10)), "登记.xlsx", apply=True)
    assert "新增 2" in page.get_data(as_text=True)
    assert count(Workshop) == 4


def test_bad_files_get_a_clear_message(client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    for content, words in (
        (b"", "文件是空的"),
        (b"   \n", "文件是空的"),
        (as_csv(rows(1), headers=HEADERS[:3]), "缺少必需的列：统一社会信用代码"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "不是电子表格"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "不支持旧版 .xls"),
        (b"PK\x03\x04broken", "无法读取该 XLSX"),
        (b"\xff\xfe\xfa\xfb" * 10, "无法识别文件编码"),
    ):
        response = upload(client, content)
        assert response.status_code == 200
        assert words in response.get_data(as_text=True), words
    nothing = client.post("/admin/import", data={"check": "1"}).get_data(as_text=True)
    assert "请选择要导入的文件" in nothing


def test_too_large_files_are_refused_in_chinese(app, client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    app.config["IMPORT_MAX_BYTES"] = 1000
    page = upload(client, as_csv(rows(30))).get_data(as_text=True)
    assert "文件超过" in page
    app.config["MAX_CONTENT_LENGTH"] = 2000
    response = upload(client, b"x" * 5000)
    assert response.status_code == 413 and "超过了大小限制" in response.get_data(as_text=True)


def test_a_district_regulator_cannot_import_into_another_district(client):
    sign_in(client, make_staff(Role.REGULATOR, "遂川县"))
    other = make_workshop(district_name="峡江县")
    data = rows(1, "遂川县", "360827")
    data[0][3] = other.uscc  # an existing 峡江县 workshop, claimed from 遂川县
    data += rows(1, "峡江县", "360823", start=50)
    page = upload(client, as_csv(data), apply=True).get_data(as_text=True)
    assert page.count("不在您的管辖范围内") == 2
    db.session.expire_all()
    assert db.session.get(Workshop, other.id).district.name == "峡江县"


def test_import_command_with_dry_run_and_errors(runner, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(as_csv(rows(3), "gbk"))
    dry = runner.invoke(args=["import-workshops", str(good), "--dry-run"])
    assert dry.exit_code == 0 and "试运行通过" in dry.output and count(Workshop) == 0
    done = runner.invoke(args=["import-workshops", str(good)])
    assert done.exit_code == 0 and "新增 3" in done.output and count(Workshop) == 3
    again = runner.invoke(args=["import-workshops", str(good)])
    assert "无变化 3" in again.output and count(Workshop) == 3
    assert db.session.scalar(sa.select(AuditEntry.actor_label).limit(1)) == "cli"
    bad = tmp_path / "bad.csv"
    data = rows(1)
    data[0][9] = "2020-01-01"
    bad.write_bytes(as_csv(data))
    failed = runner.invoke(args=["import-workshops", str(bad)])
    assert failed.exit_code != 0 and "第 2 行「有效期至」" in failed.output
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    result = runner.invoke(args=["import-workshops", str(empty)])
    assert result.exit_code != 0 and "文件是空的" in result.output


def test_import_form_needs_the_csrf_token(app, client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    app.config["WTF_CSRF_ENABLED"] = True
    assert upload(client, as_csv(rows(1)), apply=True).status_code == 400
    assert count(Workshop) == 0


def test_imported_workshops_are_graded_searchable_and_audited_like_hand_made_ones(client):
    regulator = make_staff(Role.REGULATOR, "峡江县")
    sign_in(client, regulator)
    search_index.rebuild()
    data = rows(2)
    upload(client, as_csv(data), apply=True)
    workshop = db.session.scalar(sa.select(Workshop).where(Workshop.uscc == data[0][3]))
    stored = (workshop.grade, workshop.grade_reason)
    grades.regrade([workshop.id])
    assert stored == (workshop.grade, workshop.grade_reason) and workshop.grade
    search_index.sync_now(wait=True)
    assert search_index.query("峡江县第1米粉坊").items[:1] == (("workshop", workshop.id),)
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "import")).all()
    by_record = {(e.entity_type, e.entity_id): e for e in entries}
    entry = by_record[("workshop", str(workshop.id))]
    assert entry.actor_id == regulator.id and entry.created_at is not None
    assert entry.before is None
    assert entry.after == workshops_service.workshop_snapshot(workshop)
    certificate = workshop.registrations[0]
    assert by_record[("registration", str(certificate.id))].after == audit.snapshot(certificate)
    assert len(entries) == 4


def test_the_import_command_audits_without_an_account(runner, tmp_path):
    path = tmp_path / "import.csv"
    path.write_bytes(as_csv(rows(1)))
    assert runner.invoke(args=["import-workshops", str(path)]).exit_code == 0
    entries = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert {e.entity_type for e in entries} == {"workshop", "registration"}
    assert all(e.actor_id is None and e.actor_label == "cli" for e in entries)
    assert all(e.created_at and e.entity_id and e.after for e in entries)
