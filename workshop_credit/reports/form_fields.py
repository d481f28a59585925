"""Form pieces shared by the tip-off pages and their moderation: Chinese built-in messages,
local date-times and photo uploads that are decoded on validation; and the rule on dates
that every form of the site obeys."""

from datetime import date

from flask import current_app
from flask_babel import gettext
from flask_wtf import FlaskForm
from wtforms import DateField, DateTimeLocalField, MultipleFileField, SelectChoice
from wtforms.meta import DefaultMeta
from wtforms.validators import StopValidation

from workshop_credit.reports.photos import (
    MAX_BYTES,
    MAX_PIXELS_PER_FORM,
    PhotoRejected,
    clean_photo,
)


def options(pairs) -> list[SelectChoice]:
    """Choices for a select or radio field from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2099, 12, 31)


def within_calendar(form, field):
    """A date lies in the years records are kept for; 0001 or 9999 is a slip of the keyboard
    (and 9999-12-31 has no next day to count to)."""
    if field.data and not EARLIEST_DAY <= field.data <= LATEST_DAY:
        raise StopValidation("日期应在 1900 年至 2099 年之间")


class CheckedForm(FlaskForm):
    """Base of every form: each date field also checks ``within_calendar``."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            """Add the site's date rule to every date field, so a new form cannot forget it."""
            field = super().bind_field(form, unbound_field, options)
            if isinstance(field, DateField):
                field.validators = [*field.validators, within_calendar]
            return field


class ChineseForm(CheckedForm):
    """A form whose built-in messages (an invalid choice, a bad number) read in Chinese."""

    class Meta:
        locales = ("zh",)

        def get_translations(self, form):
            """WTForms' own Chinese catalogue, which needs no Babel."""
            return DefaultMeta.get_translations(self, form)


class LocalDateTimeField(DateTimeLocalField):
    """A ``datetime-local`` input read as Asia/Shanghai time; empty is left to validators."""

    def process_formdata(self, valuelist):
        """Parse the value, with a Chinese message when it cannot be read."""
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(
                gettext("请按“年-月-日 时:分”填写时间，例如 2026-11-20 09:30")
            ) from None


class PhotosField(MultipleFileField):
    """Up to the configured number of photos, each decoded and re-encoded on validation.

    ``kept`` holds the photos already accepted for this form (see ``pending_photos``); they
    count towards the limit.
    """

    kept: list = []

    def pre_validate(self, form):
        """Decode every chosen file; keep the clean photos in ``self.clean``."""
        self.clean = []
        files = [f for f in self.data or [] if f and f.filename]
        limit, chosen = current_app.config["REPORT_MAX_PHOTOS"], len(files) + len(self.kept)
        if chosen > limit:
            raise StopValidation(
                gettext("最多上传 %(limit)d 张照片，您选择了 %(n)d 张", limit=limit, n=chosen)
            )
        budget = MAX_PIXELS_PER_FORM
        for number, upload in enumerate(files, start=1):
            try:
                photo = clean_photo(upload.read(MAX_BYTES + 1), budget)
                budget -= photo.source_pixels
                self.clean.append(photo)
            except PhotoRejected as error:
                message = gettext(
                    "第 %(n)d 张照片（%(name)s）：%(error)s",
                    n=number,
                    name=upload.filename[:40],
                    error=gettext(str(error)),
                )
                raise StopValidation(message) from None
