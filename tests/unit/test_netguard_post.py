"""Guard.post, the outbound POST of webhook deliveries: the same address
checks as downloads, the exact body sent, redirects answered, not followed."""

from __future__ import annotations

import hashlib
import hmac
import http.server
import threading

import pytest

from djinn.domain.webhooks import signature
from djinn.infra.netguard import Guard, Refused


@pytest.fixture
def server():
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(
                (self.path, self.headers.get("Host"), self.rfile.read(int(self.headers["Content-Length"])))
            )
            if self.path == "/moved":
                self.send_response(307)
                self.send_header("Location", "/elsewhere")
            else:
                self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.received = received
    httpd.url = f"http://localhost:{httpd.server_port}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_loopback_is_refused_before_connecting_unless_allow_listed(server):
    with pytest.raises(Refused, match="loopback"), Guard().post(f"{server.url}/hook", b"{}", {}):
        pass
    assert server.received == []
    with Guard(["127.0.0.0/8"]).post(f"{server.url}/hook", b'{"a":1}', {"X-Test": "1"}) as response:
        assert response.status_code == 204
    # Pinned to the checked address; the Host header keeps the name.
    assert server.received == [("/hook", f"localhost:{server.server_port}", b'{"a":1}')]


def test_a_redirect_is_the_answer(server):
    with Guard(["127.0.0.0/8"]).post(f"{server.url}/moved", b"{}", {}) as response:
        assert response.status_code == 307
    assert [path for path, _host, _body in server.received] == ["/moved"]


def test_signature_is_the_hex_hmac_sha256_of_the_body():
    body = '{"café":"x"}'.encode()
    assert signature("k", body) == "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest()
