"""The red and black lists (红榜、黑榜) and their Atom feeds."""

from datetime import datetime, time

from feedgen.feed import FeedGenerator
from flask import Response, current_app, render_template, request, url_for
from sqlalchemy.orm import selectinload

from workshop_credit.core.i18n import N_
from workshop_credit.core.request_args import page_number
from workshop_credit.core.sanitize import clean_html, strip_control
from workshop_credit.core.timeutil import SITE_TIMEZONE, local_today
from workshop_credit.extensions import db
from workshop_credit.listings.queries import select_published_listings
from workshop_credit.models import Listing, ListingKind

PER_PAGE = 30
FEED_SIZE = 50
TITLES = {
    ListingKind.RED: (N_("红榜：示范与诚信典型"), N_("获评示范单位、诚信经营典型的小作坊")),
    ListingKind.BLACK: (N_("黑榜：曝光台"), N_("依法查处、曝光的违法小作坊和无证黑作坊")),
}


def _kind(kind: str) -> ListingKind:
    return ListingKind(kind)


def index(kind):
    """One page of a list's published listings, newest first."""
    kind = _kind(kind)
    stmt = select_published_listings(kind, local_today()).options(
        selectinload(Listing.workshop), selectinload(Listing.district)
    )
    pages = db.paginate(stmt, page=page_number(request.args), per_page=PER_PAGE, error_out=False)
    title, intro = TITLES[kind]
    return render_template("site/lists.html", kind=kind, title=title, intro=intro, pages=pages)


def feed(kind):
    """The newest listings of a list as an Atom feed."""
    kind = _kind(kind)
    base = current_app.config["PUBLIC_BASE_URL"]
    page_url = base + url_for("site.lists", kind=kind.value)
    listings = db.session.scalars(
        select_published_listings(kind, local_today()).limit(FEED_SIZE)
    ).all()
    fg = FeedGenerator()
    fg.id(page_url)
    fg.title(f"吉安市食品小作坊{TITLES[kind][0]}")
    fg.subtitle(TITLES[kind][1])
    fg.language("zh-CN")
    fg.author({"name": "吉安市市场监督管理局"})
    fg.link(href=page_url, rel="alternate")
    fg.link(href=base + url_for("site.lists_feed", kind=kind.value), rel="self")
    fg.updated(listings[0].published_at if listings else _epoch())
    for listing in reversed(listings):  # feedgen lists the entry added last first
        _add_entry(fg, listing, page_url, base)
    return Response(fg.atom_str(pretty=True), mimetype="application/atom+xml")


def _add_entry(fg, listing, page_url, base):
    # Input is cleaned of control characters, but a row stored before that must not make
    # the whole feed unreadable: XML cannot carry them.
    entry = fg.add_entry()
    entry.id(f"{page_url}#listing-{listing.id}")
    entry.title(strip_control(listing.title))
    if listing.workshop is not None:
        entry.link(href=f"{base}/w/{listing.workshop.public_code}")
    else:
        entry.link(href=f"{page_url}#listing-{listing.id}")
    entry.published(listing.published_at)
    entry.updated(listing.published_at)
    entry.summary(strip_control(listing.reason))
    entry.content(strip_control(clean_html(listing.body)), type="html")


def _epoch():
    return datetime.combine(datetime(2019, 8, 20).date(), time(), SITE_TIMEZONE)
