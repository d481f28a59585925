"""The moderation workflow is one table: every status is reachable by the steps a moderator
can take, and open and finished statuses, the steps offered and the deadlines follow from it."""

import pytest
from factories import district, make_report, make_signed_in_staff

from workshop_credit.core.timeutil import local_today
from workshop_credit.models import RecordInvalid, ReportStatus, Role
from workshop_credit.reports import moderation, workflow
from workshop_credit.reports.queries import QueueFilter, queue_reports
from workshop_credit.reports.workflow import STATES, TRANSITIONS, Step


def test_every_status_is_in_the_table_and_reachable_from_a_new_report():
    assert set(STATES) == set(ReportStatus)
    assert set(workflow.routes()) == set(ReportStatus)


def test_open_and_finished_statuses_are_those_steps_lead_out_of_or_not():
    finished = {ReportStatus.DECLINED, ReportStatus.DUPLICATE, ReportStatus.CLOSED}
    assert finished == workflow.FINISHED
    assert set(workflow.OPEN) == set(ReportStatus) - workflow.FINISHED
    reopen = workflow.Transition(
        "重新办理", frozenset({ReportStatus.CLOSED}), ReportStatus.ACCEPTED
    )
    assert ReportStatus.CLOSED not in workflow.finished_statuses({**TRANSITIONS, "reopen": reopen})


def test_a_status_no_step_leads_to_is_not_reachable():
    without_close = {name: step for name, step in TRANSITIONS.items() if name != "close"}
    assert ReportStatus.CLOSED not in workflow.routes(without_close)
    # and the statuses it led out of now end the handling
    assert ReportStatus.SUBSTANTIATED in workflow.finished_statuses(without_close)


def test_every_route_of_the_table_can_be_walked_by_a_moderator(app):
    moderator = make_signed_in_staff(app, "mod", Role.MODERATOR)[0]
    for status, routes in workflow.routes().items():
        for route in routes:
            report, _ = make_report()
            earlier, _ = make_report()
            for name in route:
                step = Step(note="处理", reply="答复", district=district(), duplicate_of=earlier)
                moderation.act(report, name, moderator, step)
            assert report.status == status
            assert (report.due_on is None) == (STATES[status].waits_for is None)


def test_the_queues_open_filter_shows_exactly_the_open_statuses(app):
    moderator = make_signed_in_staff(app, "mod", Role.MODERATOR)[0]
    earlier, _ = make_report()
    for route in (routes[0] for routes in workflow.routes().values()):
        report, _ = make_report()
        for name in route:
            step = Step(note="处理", reply="答复", district=district(), duplicate_of=earlier)
            moderation.act(report, name, moderator, step)
    shown = {r.status for r in queue_reports(QueueFilter(status="open"), local_today()).items}
    assert shown == set(workflow.OPEN)


def test_the_report_page_offers_the_steps_and_fields_of_the_table(app):
    _, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    report, _ = make_report()
    page = client.get(f"/admin/reports/{report.id}").get_data(True)
    for name, step in TRANSITIONS.items():
        assert (f'/act/{name}"' in page) == (ReportStatus.RECEIVED in step.sources)
    assert 'name="duplicate_of"' in page  # read by "duplicate", offered to a new report
    assert 'name="penalty_number"' not in page  # read only by the investigation's outcome


def test_a_step_that_needs_a_reply_is_refused_without_one(app):
    moderator = make_signed_in_staff(app, "mod", Role.MODERATOR)[0]
    report, _ = make_report()
    needs = [n for n, s in TRANSITIONS.items() if s.reply_required and report.status in s.sources]
    assert needs
    for name in needs:
        with pytest.raises(RecordInvalid, match="答复"):
            moderation.act(report, name, moderator, Step(note="处理"))
    assert report.status == workflow.INITIAL
