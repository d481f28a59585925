"""The password rule for staff accounts: long enough and not easily guessed."""

from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 200
# zxcvbn scores 0 (top of the leaked-password lists) to 4; 3 resists an offline attack.
MIN_SCORE = 3


def password_problem(password: str, *, username: str = "", display_name: str = "") -> str | None:
    """Explain in Chinese why ``password`` is refused, or return None when it is acceptable."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return f"密码至少需要 {MIN_LENGTH} 个字符"
    if len(password) > MAX_LENGTH:
        return f"密码不能超过 {MAX_LENGTH} 个字符"
    inputs = [value for value in (username, display_name, "jian", "吉安") if value]
    if username and username.lower() in password.lower():
        return "密码不能包含用户名"
    if zxcvbn(password, user_inputs=inputs)["score"] < MIN_SCORE:
        return "密码过于常见或容易被猜到，请换一个更长、不含常见词语和连续数字的密码"
    return None
