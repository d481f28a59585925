"""Access logs without network addresses: gunicorn's logger with every address replaced.

The tip-off form promises reporters that their network address is not kept. An access log
would keep it for every request, so each address (the peer's, and any forwarded by a proxy)
is written as a keyed hash that changes every day: requests of one client can be told apart
within a day for troubleshooting and abuse, but the log alone does not give the address
back, and two days cannot be linked. The key is ``ACCESS_LOG_KEY``, else derived from
``SECRET_KEY``, else random for the life of the process.

``JsonLogger`` writes the same, and gunicorn's own messages, as one JSON object per line
like the application's log (``workshop_credit.core.app_log``), with the request id and the
signed-in staff member's id that the application leaves in the request's environ.
"""

import hashlib
import hmac
import json
import os
import secrets
import socket
import time

from gunicorn.glogging import Logger

# Request headers and environ variables that carry a client's address.
ADDRESS_HEADERS = (
    "x-forwarded-for",
    "x-real-ip",
    "forwarded",
    "true-client-ip",
    "cf-connecting-ip",
)
ADDRESS_ENVIRON = (
    "remote_addr",
    "remote_host",
    *(f"http_{h.replace('-', '_')}" for h in ADDRESS_HEADERS),
)
CONTEXT = b"workshop-credit access log address"


def access_log_key(environ=os.environ) -> bytes:
    """The key of the address hashes: its own variable, else derived from the secret key."""
    own = environ.get("ACCESS_LOG_KEY")
    if own:
        return own.encode()
    secret = environ.get("SECRET_KEY")
    if secret:
        return hmac.new(secret.encode(), CONTEXT, hashlib.sha256).digest()
    return secrets.token_bytes(32)


def address_code(key: bytes, address: str, day: str | None = None) -> str:
    """The day's keyed hash of ``address`` (a list of forwarded addresses is hashed whole)."""
    if not address or address == "-":
        return "-"
    day = day or time.strftime("%Y-%m-%d", time.gmtime())
    digest = hmac.new(key, f"{day}|{address.strip()}".encode(), hashlib.sha256).hexdigest()
    return "ip-" + digest[:16]


class AddressHashingLogger(Logger):
    """Gunicorn's logger, writing an address code wherever an access log would name an address."""

    def setup(self, cfg):
        """Set up gunicorn's logging and this process's hash key."""
        super().setup(cfg)
        self.address_key = access_log_key()

    def atoms(self, resp, req, environ, request_time):
        """The access log's fields, with every address replaced by its code."""
        atoms = super().atoms(resp, req, environ, request_time)
        key = getattr(self, "address_key", None) or access_log_key()
        atoms["h"] = address_code(key, atoms.get("h", "-"))
        for name in ADDRESS_HEADERS:
            if f"{{{name}}}i" in atoms:
                atoms[f"{{{name}}}i"] = address_code(key, atoms[f"{{{name}}}i"])
        for name in ADDRESS_ENVIRON:
            if f"{{{name}}}e" in atoms:
                atoms[f"{{{name}}}e"] = address_code(key, str(atoms[f"{{{name}}}e"]))
        return atoms


# Set by the application (workshop_credit.core.app_log) for each request it answered.
ENVIRON_REQUEST_ID = "workshop_credit.request_id"
ENVIRON_USER_ID = "workshop_credit.user_id"


class JsonLogger(AddressHashingLogger):
    """Gunicorn's logger writing access lines and its own messages as JSON objects."""

    def setup(self, cfg):
        """Set up as gunicorn does, then give the error log the application's JSON lines."""
        super().setup(cfg)
        from workshop_credit.core.app_log import JsonFormatter  # it imports this module

        self.node = os.environ.get("NODE_NAME") or socket.gethostname()
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())
            handler.addFilter(self._add_node)

    def _add_node(self, record):
        record.node = self.node
        return True

    def access(self, resp, req, environ, request_time):
        """One JSON line per request; addresses as codes, as in the text format."""
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        forwarded = atoms.get("{x-forwarded-for}i")
        line = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "level": "info",
            "logger": "access",
            "node": getattr(self, "node", None),
            "request_id": environ.get(ENVIRON_REQUEST_ID) or atoms.get("{x-request-id}i"),
            "user_id": environ.get(ENVIRON_USER_ID),
            "client": forwarded if forwarded is not None else atoms["h"],
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"] or None,
            "status": int(atoms["s"]) if str(atoms["s"]).isdigit() else atoms["s"],
            "bytes": atoms["B"],
            "duration_ms": round(atoms["D"] / 1000, 1),
            "user_agent": atoms["a"],
        }
        try:
            self.access_log.info(json.dumps(line, ensure_ascii=False, default=str))
        except Exception:
            self.exception("access log line not written")
