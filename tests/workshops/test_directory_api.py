"""The directory, its CSV export and the JSON API: filters combine, bad values never 500."""

import csv
import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from factories import add_records, category, district, honour, make_workshop, penalty, sampling

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import HealthCertificate, Workshop, WorkshopStatus, current_status
from workshop_credit.workshops import directory


def names(client, **params):
    """The workshop names the directory lists for ``params`` (all pages)."""
    response = client.get("/api/v1/workshops", query_string=params)
    assert response.status_code == 200
    body = response.get_json()
    found = [item["name"] for item in body["items"]]
    while body["next"]:
        body = client.get(body["next"]).get_json()
        found += [item["name"] for item in body["items"]]
    return found


@pytest.fixture
def town(app):
    """Workshops that differ in district, category, grade, status and honours."""
    today = local_today()
    make_workshop("甲米粉坊")
    make_workshop("乙酒坊", categories=("酒类",), district_name="遂川县")
    failed = make_workshop("丙米粉坊")
    add_records(failed, sampling(10, failed=True), penalty(5))
    make_workshop("丁米粉坊", registered_on=today - timedelta(days=3 * 365 + 5))
    make_workshop("戊黑作坊", status=WorkshopStatus.UNREGISTERED)
    add_records(make_workshop("己示范米粉坊"), honour(today.year - 1))
    return today


def test_filters_combine_and_the_order_is_stable(client, town):
    xiajiang, rice = district("峡江县").id, category("米粉").id
    assert names(client, district=xiajiang, category=rice, status="registered") == [
        "丙米粉坊", "己示范米粉坊", "甲米粉坊",
    ]  # fmt: skip
    assert names(client, category=rice, grade="A", status="registered") == [
        "己示范米粉坊", "甲米粉坊",
    ]  # fmt: skip
    assert names(client, grade="c") == ["丙米粉坊"]
    assert names(client, status="expired") == ["丁米粉坊"]
    assert names(client, status="unregistered", grade="D") == ["戊黑作坊"]
    assert names(client, demonstration="1") == ["己示范米粉坊"]
    assert names(client, category=category("酒类").id) == ["乙酒坊"]


def test_the_directory_page_lists_links_and_paginates(client, town):
    for n in range(25):
        make_workshop(f"庚{n:02d}号作坊", district_name="井冈山市")
    page1 = client.get("/workshops", query_string={"district": district("井冈山市").id})
    html = page1.get_data(as_text=True)
    assert "共 25 家" in html and "第 1 / 2 页" in html and "庚00号作坊" in html
    assert "庚24号作坊" not in html
    page2 = client.get(f"/workshops?district={district('井冈山市').id}&page=2")
    assert "庚24号作坊" in page2.get_data(as_text=True)
    assert "/w/" in html


@pytest.mark.parametrize(
    "query",
    [
        "grade=Z", "status=good", "district=99999", "category=abc", "page=-1", "page=0",
        "page=abc", "page=99999999999999999999", "district=%00", "grade=" + "A" * 500,
        "status=registered&status=revoked",
    ],
)  # fmt: skip
def test_bad_filter_values_are_ignored_with_a_note_or_refused_by_the_api(client, town, query):
    response = client.get(f"/workshops?{query}")
    assert response.status_code == 200
    if query != "status=registered&status=revoked":
        assert "已忽略" in response.get_data(as_text=True) or "页码无效" in response.get_data(
            as_text=True
        )
        api = client.get(f"/api/v1/workshops?{query}")
        assert api.status_code == 400 and api.get_json()["error"]["message"]


def test_status_filters_agree_with_the_status_of_today_on_demo_data(runner):
    assert runner.invoke(args=["seed-demo", "--size", "60"]).exit_code == 0
    today = local_today()
    for status in WorkshopStatus:
        filters = directory.Filters(status=status)
        matched = set(db.session.scalars(directory.select_workshops(filters, today)))
        expected = {
            w for w in db.session.scalars(sa.select(Workshop)) if current_status(w, today) == status
        }
        assert matched == expected, status


def test_csv_export_holds_the_current_filter_and_opens_in_a_spreadsheet(client, town):
    response = client.get("/workshops.csv", query_string={"category": category("米粉").id})
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:2] == ["公示代码", "名称"]
    assert sorted(r[1] for r in rows[1:]) == sorted(
        ["甲米粉坊", "丙米粉坊", "丁米粉坊", "戊黑作坊", "己示范米粉坊"]
    )
    assert {r[7] for r in rows[1:]} >= {"登记有效", "登记证已过期", "无证（已取缔）"}


def test_csv_export_over_the_row_cap_says_how_to_narrow_it(app, client, town):
    app.config["CSV_EXPORT_MAX_ROWS"] = 4
    response = client.get("/workshops.csv")
    assert response.status_code == 400 and response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert "当前筛选结果共 6 家，超过单次导出上限 4 家" in text and "缩小范围" in text
    assert "缩小筛选范围后可下载 CSV" in client.get("/workshops").get_data(as_text=True)
    narrowed = client.get("/workshops.csv", query_string={"district": district("遂川县").id})
    assert narrowed.status_code == 200 and "乙酒坊" in narrowed.get_data(as_text=True)
    assert "workshops.csv?district=" in client.get(
        "/workshops", query_string={"district": district("遂川县").id}
    ).get_data(as_text=True)


def test_csv_cells_cannot_run_as_formulas(client):
    make_workshop('=HYPERLINK("http://evil")作坊')
    text = client.get("/workshops.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text


def test_the_api_detail_holds_the_pages_facts_and_nothing_more(client):
    workshop = make_workshop()
    today = local_today()
    workshop.health_certificates = [
        HealthCertificate(holder_name="王建国", issued_on=today - timedelta(days=9),
                          expires_on=today + timedelta(days=300))
    ]  # fmt: skip
    public, repaired = add_records(
        workshop, penalty(20, statement="已整改"), penalty(500), sampling(7, failed=True)
    )[:2]
    response = client.get(f"/api/v1/workshops/{workshop.public_code}")
    body = response.get_json()
    assert response.headers["ETag"]
    assert body["code"] == workshop.public_code and body["status"]["value"] == "registered"
    assert [p["decision_number"] for p in body["penalties"]] == [public.decision_number]
    assert repaired.decision_number not in response.get_data(as_text=True)
    assert body["board"]["health_certificates"] == [
        {"holder": "王**", "expires_on": (today + timedelta(days=300)).isoformat()}
    ]
    assert "王建国" not in response.get_data(as_text=True).replace(workshop.operator, "")
    assert "uscc" not in body and "legal_basis" not in str(body)
    item = body["samplings"][0]["failed_items"][0]
    assert item["item"] == "菌落总数" and "细菌" in item["explanation"]
    assert body["grade"]["letter"] == "C"
    assert client.get("/api/v1/workshops/ZZZZ2222").status_code == 404
    assert client.get("/api/v1/workshops/ZZZZ2222").get_json()["error"]["code"] == 404
