"""What nginx itself refuses or cannot pass on ends on a page that tells a reporter nothing
was stored, in Chinese and in English, never on nginx's bare error page."""

import socket
import ssl

import pytest

pytestmark = pytest.mark.deploy

TOO_LARGE = 60 * 1024 * 1024  # over client_max_body_size, as five unreduced photos can be


def post_headers_only(stack, length: int) -> str:
    """Announce a tip-off of ``length`` bytes and read the answer nginx gives before the body."""
    context = ssl.create_default_context(cafile=str(stack.cert))
    request = (
        f"POST /report HTTP/1.1\r\nHost: localhost:{stack.https_port}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {length}\r\nConnection: close\r\n\r\n"
    )
    with (
        socket.create_connection(("127.0.0.1", stack.https_port), timeout=30) as raw,
        context.wrap_socket(raw, server_hostname="localhost") as tls,
    ):
        tls.sendall(request.encode())
        answer = b""
        while chunk := tls.recv(65536):
            answer += chunk
    return answer.decode()


def test_a_body_over_the_limit_gets_the_not_stored_page(stack):
    answer = post_headers_only(stack, TOO_LARGE)
    head, _, page = answer.partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 413")
    assert "no-store" in head
    assert "举报没有保存" in page and "was not stored" in page
    assert "nginx" not in page


def test_no_node_answering_gets_the_not_stored_page_not_a_bare_502(stack):
    for node in stack.nodes:
        node.stop()
    answer = stack.session().post(stack.base + "/report", data={"description": "x"}, timeout=60)
    assert answer.status_code == 503
    assert answer.headers["Cache-Control"] == "no-store"
    assert "举报没有保存" in answer.text and "it was not stored" in answer.text
    assert "nginx" not in answer.text
