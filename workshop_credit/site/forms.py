"""Public forms; messages in Chinese, and in English on English pages."""

from cachetools import LRUCache
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import NumberRange, Optional

MAX_PAGE = 1000


class FilterField(SelectField):
    """A select rendered once per set of choices, choice made and language: the search
    page's filters list every county and trade on every search, which cost a twentieth of
    a results page."""

    _rendered = LRUCache(maxsize=512)

    def __call__(self, **kwargs):
        key = (self.id, self.name, tuple(self.choices), self.data, tuple(sorted(kwargs.items())))
        html = self._rendered.get(key)
        if html is None:
            html = self._rendered[key] = super().__call__(**kwargs)
        return html


class SearchForm(FlaskForm):
    """The search box and its filters, read from the query string."""

    class Meta:
        # A GET form that only reads: nothing to forge, and its URL must stay shareable.
        csrf = False

    q = StringField(_l("搜索"), filters=[lambda value: (value or "").strip()])
    district = FilterField(_l("地区"), default="")
    category = FilterField(_l("类别"), default="")
    page = IntegerField(
        _l("页码"), default=1, validators=[Optional(), NumberRange(1, MAX_PAGE, _l("页码无效"))]
    )

    def set_choices(self, districts, categories):
        """Offer the districts and categories that exist, each with an "all" choice."""
        self.district.choices = [("", _("全部地区"))] + [(str(d.id), d.name) for d in districts]
        self.category.choices = [("", _("全部类别"))] + [(str(c.id), c.name) for c in categories]
