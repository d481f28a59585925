"""Error pages in Chinese; a JSON answer for the API."""

from flask import render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .i18n import N_

MESSAGES = {
    400: (N_("请求无效"), N_("提交的内容有误，请检查后重试。")),
    403: (N_("无权访问"), N_("您没有权限查看此页面。")),
    404: (N_("页面不存在"), N_("没有找到您要访问的页面，可能地址有误或信息已更新。")),
    405: (N_("请求方式不支持"), N_("此页面不支持这种操作。")),
    413: (N_("提交内容过大"), N_("上传的文件或内容超过了大小限制，请压缩或减少后重试。")),
    429: (N_("操作过于频繁"), N_("您的操作过于频繁，请稍后再试。")),
    500: (N_("系统错误"), N_("服务器出现问题，我们已记录，请稍后重试。")),
    503: (N_("服务暂不可用"), N_("系统正在维护或数据库暂时不可用，请稍后再试。")),
}
# A form sent without its CSRF token, or after the page expired: say what to do.
CSRF_MESSAGE = (
    N_("页面已过期"),
    N_("页面已过期或无法确认请求来自本站，请返回上一页，刷新后重新提交。"),
)


def render_error(error: HTTPException):
    """Render ``error`` as a Chinese page, or as JSON under ``/api/``."""
    code = error.code or 500
    title, message = MESSAGES.get(code, (error.name, error.description))
    if isinstance(error, CSRFError):
        title, message = CSRF_MESSAGE
    title, message = gettext(title), gettext(message)
    if request.path.startswith("/api/"):
        return {"error": {"code": code, "title": title, "message": message}}, code
    return render_template("errors/error.html", code=code, title=title, message=message), code


def register(app):
    """Handle every HTTP error, and turn unexpected exceptions into a 500 page."""
    app.register_error_handler(HTTPException, render_error)

    @app.errorhandler(Exception)
    def _unexpected(error):
        if app.testing or app.debug:
            raise error
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return render_error(InternalServerError())
