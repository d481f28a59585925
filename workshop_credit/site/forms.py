"""Public forms; messages in Chinese."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import NumberRange, Optional

MAX_PAGE = 1000


class SearchForm(FlaskForm):
    """The search box and its filters, read from the query string."""

    class Meta:
        # A GET form that only reads: nothing to forge, and its URL must stay shareable.
        csrf = False

    q = StringField("搜索", filters=[lambda value: (value or "").strip()])
    district = SelectField("地区", default="")
    category = SelectField("类别", default="")
    page = IntegerField(
        "页码", default=1, validators=[Optional(), NumberRange(1, MAX_PAGE, "页码无效")]
    )

    def set_choices(self, districts, categories):
        """Offer the districts and categories that exist, each with an "all" choice."""
        self.district.choices = [("", "全部地区")] + [(str(d.id), d.name) for d in districts]
        self.category.choices = [("", "全部类别")] + [(str(c.id), c.name) for c in categories]
