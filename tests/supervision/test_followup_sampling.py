"""Follow-up sampling after a failed batch's disposal: public page, worklist and /stats."""

import re
from datetime import date, timedelta

from factories import add_records, make_staff, make_workshop, sampling, sign_in

from workshop_credit.core.templating import format_date
from workshop_credit.core.timeutil import local_today
from workshop_credit.models import Role


def failed_and_disposed(workshop, days_ago, disposed_after=5, product="米粉"):
    """A failed sampling of ``product`` whose food was disposed of ``disposed_after`` days later."""
    failed = sampling(days_ago, failed=True)
    failed.product = product
    failed.disposal = "责令召回并销毁"
    failed.disposed_on = failed.sampled_on + timedelta(days=disposed_after)
    add_records(workshop, failed)
    return failed


def passed(workshop, days_ago, product="米粉"):
    """A passing sampling of ``product`` taken ``days_ago``."""
    record = sampling(days_ago)
    record.product = product
    add_records(workshop, record)
    return record


def page(client, workshop):
    return client.get(f"/w/{workshop.public_code}").get_data(as_text=True)


def worklist(app, district="峡江县"):
    """The follow-up worklist as a regulator of ``district`` sees it."""
    client = app.test_client()
    sign_in(client, make_staff(Role.REGULATOR, district))
    return client.get("/admin/worklists/follow-up-due").get_data(as_text=True)


def test_a_disposed_failed_batch_awaits_its_follow_up_until_the_product_passes(app, client):
    workshop = make_workshop("峡江县跟踪米粉作坊")
    failed = failed_and_disposed(workshop, days_ago=30)
    due = failed.disposed_on + timedelta(days=60)
    text = page(client, workshop)
    assert "整改后跟踪抽检：<strong>待抽检</strong>" in text
    assert f"应于 {format_date(due)} 前完成" in text
    assert "峡江县跟踪米粉作坊" in worklist(app)

    passed(workshop, days_ago=10, product="米粉")
    text = page(client, workshop)
    assert "整改后跟踪抽检：<strong>合格</strong>" in text
    assert "峡江县跟踪米粉作坊" not in worklist(app)


def test_another_product_is_no_follow_up_and_a_late_one_is_overdue(app, client):
    workshop = make_workshop("峡江县超期米粉作坊")
    failed_and_disposed(workshop, days_ago=120)
    passed(workshop, days_ago=20, product="米酒")
    text = page(client, workshop)
    assert "整改后跟踪抽检：<strong>待抽检（已超过期限）</strong>" in text
    assert "峡江县超期米粉作坊" in worklist(app)


def test_nothing_is_due_before_the_disposal_is_recorded(app, client):
    workshop = make_workshop("峡江县未处置米粉作坊")
    add_records(workshop, sampling(20, failed=True))
    text = page(client, workshop)
    assert "整改后跟踪抽检" not in text and "正在处置" in text
    assert "峡江县未处置米粉作坊" not in worklist(app)


def test_a_failed_follow_up_says_so_and_is_itself_followed_up(app, client):
    workshop = make_workshop("峡江县复检不合格作坊")
    failed_and_disposed(workshop, days_ago=90)
    failed_and_disposed(workshop, days_ago=40)
    text = page(client, workshop)
    assert "整改后跟踪抽检：<strong>不合格</strong>" in text
    assert "整改后跟踪抽检：<strong>待抽检</strong>" in text


def test_the_allowed_days_are_configuration(app, client):
    app.config["FOLLOW_UP_SAMPLING_DAYS"] = 15
    workshop = make_workshop("峡江县十五天作坊")
    failed = failed_and_disposed(workshop, days_ago=40)
    due = failed.disposed_on + timedelta(days=15)
    assert f"应于 {format_date(due)} 前完成" in page(client, workshop)


def test_stats_count_batches_followed_up_in_time(app, client):
    today = local_today()
    if today < date(today.year, 4, 15):
        # Batches must fall due inside this year: count last year instead.
        year, shift = today.year - 1, (today - date(today.year - 1, 12, 1)).days
    else:
        year, shift = today.year, 0
    in_time, late = make_workshop("峡江县及时作坊"), make_workshop("峡江县迟到作坊")
    failed_and_disposed(in_time, days_ago=shift + 90)  # due 25 days ago (relative to shift)
    passed(in_time, days_ago=shift + 50)
    failed_and_disposed(late, days_ago=shift + 100)  # due 35 days before the shift
    passed(late, days_ago=shift + 5)
    failed_and_disposed(
        make_workshop("遂川县待处置作坊", district_name="遂川县"), days_ago=3, disposed_after=1
    )
    text = client.get(f"/stats?year={year}").get_data(as_text=True)
    section = text[text.index('id="follow_up"') : text.index('id="training"')]
    assert re.search(r"峡江县</th>\s*<td><a [^>]*>1/2</a>", section)
    assert "遂川县" not in section  # its batch is not due yet
    late_ones = client.get(f"/stats/follow_up?year={year}&missing=1").get_data(as_text=True)
    assert "峡江县迟到作坊" in late_ones and "峡江县及时作坊" not in late_ones
    counted = client.get(f"/stats/follow_up?year={year}").get_data(as_text=True)
    assert "峡江县迟到作坊" in counted and "峡江县及时作坊" in counted
