"""The facts about a workshop that its landing page, its printed board and the PDF board share.

One list of (label, value) pairs, so that what a shopper reads on the wall and on the phone
cannot drift apart. ``translate`` is ``gettext`` on a page and leaves Chinese as it is in a PDF.
"""

from workshop_credit.core.i18n import N_
from workshop_credit.core.templating import format_date
from workshop_credit.models import WorkshopStatus

ENDED = (WorkshopStatus.CANCELLED, WorkshopStatus.REVOKED)


def _same(text):
    return text


def workshop_facts(public, translate=_same, board=False) -> list[tuple[str, str]]:
    """(label, value) pairs; the page adds the place and the USCC, a board the status."""
    w = public.workshop
    facts = [(N_("经营者"), w.operator or "—"), (N_("地址"), w.address)]
    if not board:
        zone = translate(N_("（%(text)s）")) % {"text": w.zone.name} if w.zone else ""
        facts.append((N_("所在地区"), w.district.name + zone))
    names = translate(N_("、")).join(c.name for c in w.categories)
    facts += [(N_("食品类别"), names or "—"), (N_("主要产品"), w.products or "—")]
    if w.uscc and not board:
        facts.append((N_("统一社会信用代码"), w.uscc))
    facts += certificate_facts(public, translate)
    if board:
        facts.append((N_("登记状态"), translate(public.status.label)))
    return [(translate(label), value) for label, value in facts]


def certificate_facts(public, translate=_same) -> list[tuple[str, str]]:
    """The certificate: its validity while in force; when and why it ended once it ended."""
    r = public.registration
    if r is None:
        return []
    if public.status in ENDED:
        term = (N_("登记终止"), _ending(public, translate))
    else:
        term = (N_("有效期"), f"{format_date(r.issued_on)} — {format_date(r.expires_on)}")
    return [(N_("登记证号"), r.number), term, (N_("发证机关"), r.issuing_office)]


def _ending(public, translate) -> str:
    r = public.registration
    if r.ended_on is None:
        text = translate(public.status.label)
    else:
        revoked = public.status == WorkshopStatus.REVOKED
        ending = N_("%(day)s 撤销") if revoked else N_("%(day)s 注销")
        text = translate(ending) % {"day": format_date(r.ended_on)}
    if r.end_reason:
        text += translate(N_("；")) + translate(N_("原因：%(why)s")) % {"why": r.end_reason}
    return text
