"""Supervisory sampling (监督抽检): failures, their disposal, follow-ups and interviews."""

from datetime import date

from workshop_credit.demo import names as vocab
from workshop_credit.demo import penalties
from workshop_credit.demo.run import add, between, days, numbered
from workshop_credit.models import FailedItem, Interview, InterviewKind, Sampling, SamplingResult

FAIL_RATE = {1: 0.03, 2: 0.06, 3: 0.09}  # by the category's risk level


def add_samplings(run, plan):
    """The first sampling, usually within three months of registration, then about yearly."""
    rng, since, until = run.rng, plan["since"], plan["until"]
    first = since + days(rng.randint(7, 90) if rng.random() < 0.88 else rng.randint(91, 240))
    later = (
        between(rng, max(date(y, 1, 1), first + days(30)), min(date(y, 12, 31), until))
        for y in range(first.year + 1, until.year + 1)
        if rng.random() < 0.8
    )
    fail_rate = FAIL_RATE[run.categories[plan["categories"][0]].risk_level]
    for day in [first, *later]:
        if day <= until:
            _add_sampling(run, plan, day, rng.random() < fail_rate)
    failure = plan["script"].get("failure")
    if failure:
        days_ago = rng.randint(6, 20) if failure == "pending" else rng.randint(700, 900)
        _add_sampling(run, plan, run.today - days(days_ago), True, forced=failure)


def _add_sampling(run, plan, day, failed, product=None, follow_up_of=None, forced=None):
    """A sampling; a failed one is mostly disposed of, and may be followed up and sanctioned."""
    rng = run.rng
    product = product or rng.choice(plan["products"])
    disposed = disposal = None
    if failed and forced != "pending" and (forced or rng.random() < 0.92):
        disposed = day + days(rng.randint(5, 40))
        disposed = disposed if disposed <= run.yesterday else None
        disposal = rng.choice(vocab.DISPOSALS).format(product=product, n=rng.randint(5, 300))
    series = f"XZF{day.year}{vocab.DISTRICTS[plan['district']][1]}"
    sampling_id = add(
        run,
        Sampling,
        day,
        workshop_id=plan["id"],
        sampled_on=day,
        product=product,
        batch=(day - days(rng.randint(1, 30))).strftime("%Y%m%d"),
        testing_body=rng.choice(vocab.TESTING_BODIES),
        report_number=numbered(run, series, "{prefix}{n:05d}"),
        result=SamplingResult.FAIL if failed else SamplingResult.PASS,
        disposal=disposal if disposed else "",
        disposed_on=disposed,
        follow_up_of_id=follow_up_of,
    )
    if failed:
        _add_failed_items(run, plan, sampling_id)
        _after_failure(run, plan, sampling_id, day, product, disposed, forced)


def _add_failed_items(run, plan, sampling_id):
    """One or two test items of the category that failed, measured above their limits."""
    rng = run.rng
    items = vocab.FAILED_ITEMS[plan["categories"][0]]
    for item in rng.sample(items, 1 if rng.random() < 0.75 else 2):
        add(run, FailedItem, None, sampling_id=sampling_id, **vocab.failed_item(rng, *item))


def _after_failure(run, plan, sampling_id, day, product, disposed, forced):
    """A follow-up sampling after disposal, and for some a penalty and an interview."""
    rng = run.rng
    follow_up = disposed and disposed + days(rng.randint(15, 60))
    last_day = min(plan["until"], run.yesterday)
    if follow_up and follow_up <= last_day and (forced or rng.random() < 0.6):
        _add_sampling(run, plan, follow_up, False, product, follow_up_of=sampling_id)
    if forced != "pending" and (forced or rng.random() < 0.3):
        decided = day + days(rng.randint(20, 75))
        violation = f"生产的{product}经抽样检验不合格"
        penalty = "没收违法生产的食品，并处罚款{fine}元"
        penalties.add_penalty(
            run, plan, decided, penalty, violation, statement=bool(forced) or None
        )
    held = day + days(rng.randint(5, 30))
    if (forced or rng.random() < 0.35) and held <= run.yesterday:
        subject = f"就{product}监督抽检不合格问题约谈经营者{plan['operator']}"
        add(
            run,
            Interview,
            held,
            kind=InterviewKind.INDIVIDUAL,
            workshop_id=plan["id"],
            district_id=run.districts[plan["district"]],
            held_on=held,
            subject=subject,
            summary=vocab.INTERVIEW_SUMMARY,
        )
