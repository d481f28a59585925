"""Error pages in Chinese; a JSON answer for the API."""

from flask import current_app, make_response, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import (
    ClientDisconnected,
    HTTPException,
    InternalServerError,
    ServiceUnavailable,
)

from workshop_credit.core.i18n import N_
from workshop_credit.extensions import db

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


# What a page says to browsers and monitors while the database is away.
RETRY_AFTER_SECONDS = 30
# A tip-off or a follow-up that failed in transport or in the database: say nothing was kept.
NOT_STORED_CODES = {400, 408, 413, 502, 503, 504}
# Fields carried over to the "send again" button; files and the honeypot are not.
NOT_KEPT_FIELDS = {"photos", "website", "remove_photo"}


def render_error(error: HTTPException):
    """Render ``error`` as a Chinese page, or as JSON under ``/api/``."""
    code = error.code or 500
    if _is_tip_off(code):
        return _not_stored(error, code)
    title, message = MESSAGES.get(code, (error.name, error.description))
    if isinstance(error, CSRFError):
        title, message = CSRF_MESSAGE
    title, message = gettext(title), gettext(message)
    if request.path.startswith("/api/"):
        return {"error": {"code": code, "title": title, "message": message}}, code
    return render_template("errors/error.html", code=code, title=title, message=message), code


def _is_tip_off(code: int) -> bool:
    return (
        code in NOT_STORED_CODES
        and request.method == "POST"
        and request.path in ("/report", "/report/status/add")
    )


def _not_stored(error: HTTPException, code: int):
    """The tip-off page for a failure: nothing was stored, the typed text is kept."""
    title, message = MESSAGES.get(code, MESSAGES[400])
    if isinstance(error, CSRFError):
        title, message = CSRF_MESSAGE
    if isinstance(error, ClientDisconnected):
        message = N_("网络中断，提交的内容没有完整到达。")
    kept = _typed_fields() if code == 503 else []
    typed = dict(kept).get("description") or dict(kept).get("text") or ""
    heading = N_("您的举报没有保存") if request.path == "/report" else N_("您补充的材料没有保存")
    page = render_template(
        "errors/not_stored.html",
        code=code,
        heading=gettext(heading),
        title=gettext(title),
        message=gettext(message),
        kept=kept,
        typed=typed,
    )
    return page, code, {"Cache-Control": "no-store"}


def _typed_fields() -> list[tuple[str, str]]:
    """What the reporter typed, when the body arrived whole (a 503 comes after parsing)."""
    try:
        items = request.form.items(multi=True)
        return [(k, v) for k, v in items if k not in NOT_KEPT_FIELDS and len(v) <= 6000]
    except HTTPException:
        return []


def _database_unavailable(error):
    """The database did not answer: roll back, log without parameters, answer 503."""
    db.session.rollback()
    request.close()  # uploaded photos' temporary files are of no further use
    current_app.logger.warning(
        "database unavailable on %s %s: %s", request.method, request.path, type(error.orig).__name__
    )
    response = make_response(render_error(ServiceUnavailable()))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def register(app):
    """Handle every HTTP error, and turn unexpected exceptions into a 500 page."""
    app.register_error_handler(HTTPException, render_error)
    for database_error in (OperationalError, InterfaceError, PoolTimeout):
        app.register_error_handler(database_error, _database_unavailable)

    @app.errorhandler(Exception)
    def _unexpected(error):
        if app.testing or app.debug:
            raise error
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return render_error(InternalServerError())
