"""Printable information boards (信息公开栏) as one A4 PDF, one page per workshop.

Chinese text uses ReportLab's built-in CID font STSong-Light: PDF readers supply it, so
nothing is downloaded or embedded. The QR code is drawn as vector squares from the same
``qr`` module as the web board, 9 cm wide, so it prints sharp and scans from a metre.
"""

from datetime import date
from xml.sax.saxutils import escape

import sqlalchemy as sa
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import selectinload

from workshop_credit.core.templating import format_date
from workshop_credit.extensions import db
from workshop_credit.models import Workshop, WorkshopStatus, current_status
from workshop_credit.workshops import public_file
from workshop_credit.workshops.boards import qr
from workshop_credit.workshops.facts import workshop_facts
from workshop_credit.workshops.public_file import PublicFile

FONT = "STSong-Light"
MARGIN = 15 * mm
QR_SIDE = 9 * cm
FRAME = (A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN)


def _styles():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = {"fontName": FONT, "wordWrap": "CJK"}
    return {
        "kicker": ParagraphStyle("kicker", fontSize=14, leading=18, **base),
        "title": ParagraphStyle("title", fontSize=26, leading=32, spaceAfter=8, **base),
        "fact": ParagraphStyle("fact", fontSize=12, leading=16, **base),
        "head": ParagraphStyle("head", fontSize=14, leading=20, spaceBefore=8, **base),
        "body": ParagraphStyle("body", fontSize=11, leading=15, **base),
        "small": ParagraphStyle("small", fontSize=9, leading=12, **base),
    }


class QRCode(Flowable):
    """A QR code drawn as black squares, ``side`` wide, quiet zone included."""

    def __init__(self, data: str, side: float):
        super().__init__()
        self.matrix = qr.modules(data)
        self.width = self.height = side

    def draw(self):
        """Fill one square per dark module, rows from the top."""
        unit = self.width / len(self.matrix)
        self.canv.setFillColorRGB(0, 0, 0)
        for row, line in enumerate(self.matrix):
            for col, dark in enumerate(line):
                if dark:
                    y = self.height - (row + 1) * unit
                    self.canv.rect(col * unit, y, unit, unit, stroke=0, fill=1)


def _text(value) -> str:
    return escape(str(value or "—")).replace("\n", "<br/>")


def _top(public: PublicFile, url: str, s) -> Table:
    """The facts on the left, the QR code with its caption on the right."""
    rows = [[Paragraph(_text(k), s["fact"]), Paragraph(_text(v), s["fact"])]
            for k, v in workshop_facts(public, board=True)]  # fmt: skip
    facts = Table(rows, colWidths=[2.2 * cm, FRAME[0] - QR_SIDE - 3 * cm])
    facts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    caption = Paragraph(
        f"扫码查看最新登记、检查、抽检和处罚信息<br/>{_text(public.workshop.public_code)}",
        s["small"],
    )
    top = Table([[facts, [QRCode(url, QR_SIDE), caption]]],
                colWidths=[FRAME[0] - QR_SIDE - 0.5 * cm, QR_SIDE + 0.5 * cm])  # fmt: skip
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return top


def _contents(public: PublicFile, s) -> list:
    """The board's sections: rules, staff health, suppliers, the integrity commitment."""
    w, board, out = public.workshop, public.workshop.board, []
    if board and board.management_rules:
        out += [
            Paragraph("管理制度", s["head"]),
            Paragraph(_text(board.management_rules), s["body"]),
        ]
    health = [
        f"{c.masked_name}：有效期至 {format_date(c.expires_on)}"
        + ("（已过期）" if c.expires_on < public.today else "")
        for c in w.health_certificates
    ]
    suppliers = [f"{x.name}：{x.materials}" if x.materials else x.name for x in w.suppliers]
    for title, lines in (("从业人员健康证明", health), ("原料供应商", suppliers)):
        out.append(Paragraph(title, s["head"]))
        out.append(Paragraph("<br/>".join(_text(x) for x in lines) or "未登记", s["body"]))
    out.append(Paragraph("诚信承诺", s["head"]))
    if board and board.commitment_text:
        signed = format_date(board.commitment_signed_on) or "尚未签署"
        out.append(Paragraph(f"{_text(board.commitment_text)}<br/>承诺日期：{signed}", s["body"]))
    else:
        out.append(Paragraph("尚未签署诚信承诺。", s["body"]))
    return out


def board_page(public: PublicFile, url: str, printed_on: date, s) -> list:
    """One workshop's page, shrunk to fit when its rules are long."""
    story = [
        Paragraph("食品生产加工小作坊信息公开栏", s["kicker"]),
        Paragraph(_text(public.workshop.name), s["title"]),
        _top(public, url, s),
        *_contents(public, s),
        Spacer(1, 4 * mm),
        Paragraph(f"打印日期：{format_date(printed_on)} · 监督举报电话 12315 · {_text(url)}",
                  s["small"]),
    ]  # fmt: skip
    return [KeepInFrame(FRAME[0], FRAME[1], story, mode="shrink"), PageBreak()]


def write(pages, out, title: str = "信息公开栏") -> None:
    """Write ``pages`` (an iterable of ``(public_file, url, printed_on)``) to ``out``."""
    styles = _styles()
    story = []
    for public, url, printed_on in pages:
        story += board_page(public, url, printed_on, styles)
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=title, author="吉安市市场监督管理局",
    )  # fmt: skip
    doc.build(story[:-1])


def printable(workshop: Workshop, today: date) -> bool:
    """Whether ``workshop`` gets a board: only a validly registered one does."""
    return current_status(workshop, today) == WorkshopStatus.REGISTERED


def printable_in(district_id: int, today: date) -> list[Workshop]:
    """A district's workshops that get a board, by name."""
    candidates = db.session.scalars(
        sa.select(Workshop)
        .where(Workshop.district_id == district_id)
        .order_by(Workshop.name, Workshop.id)
        .options(selectinload(Workshop.registrations))
    ).all()
    return [w for w in candidates if printable(w, today)]


def pages_of(workshops, base_url: str, today: date):
    """The ``(public_file, url, printed_on)`` triples of ``workshops``, read one at a time."""
    for workshop in workshops:
        url = qr.workshop_url(base_url, workshop.public_code, today)
        yield public_file.load(workshop.id, today), url, today
