"""The optional chat judge, against a stub OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from crosswire.check.judge import ChatJudge, parse_verdict
from crosswire.model import Contradiction, Evidence, Side


def _candidate(subject: str) -> Contradiction:
    evidence = (Evidence("a", "A total of 14 dock workers were taken to hospital.", 0, 50),)
    sides = (Side("14", evidence), Side("41", evidence))
    return Contradiction("c-" + subject, "number", subject, "high", 0.9, "rule says so", sides)


@pytest.fixture
def server():
    """A stub chat endpoint: confirms subjects containing 'real', rejects others, fails on 'broken'."""
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append({"body": body, "auth": self.headers.get("Authorization")})
            prompt = body["messages"][-1]["content"]
            if "broken" in prompt:
                self.send_response(500)
                self.end_headers()
                return
            verdict = "confirm" if "real" in prompt else "reject"
            content = f'Sure: {{"verdict": "{verdict}", "explanation": "judge: {verdict}"}}'
            payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", seen
    httpd.shutdown()
    httpd.server_close()


def test_judge_confirms_rejects_and_keeps_on_failure(server, monkeypatch):
    url, seen = server
    monkeypatch.setenv("CROSSWIRE_JUDGE_KEY", "secret")
    judge = ChatJudge(url, model="stub", timeout=5)
    kept = judge.review([_candidate("real count"), _candidate("fake count"), _candidate("broken count")])
    assert [(c.subject, c.explanation) for c in kept] == [
        ("real count", "judge: confirm"),
        ("broken count", "rule says so"),
    ]
    assert seen[0]["auth"] == "Bearer secret"
    assert seen[0]["body"]["model"] == "stub"


def test_judge_unreachable_keeps_candidates():
    judge = ChatJudge("http://127.0.0.1:9/v1", model="stub", key="", timeout=0.5)
    assert len(judge.review([_candidate("real")])) == 1


@pytest.mark.parametrize(
    ("content", "confirmed"),
    [('{"verdict": "confirm", "explanation": "x"}', True), ('text {"verdict": "Reject"} text', False)],
)
def test_parse_verdict_reads_json(content, confirmed):
    assert parse_verdict(content).confirmed is confirmed


@pytest.mark.parametrize("content", ["no json here", '{"verdict": "maybe"}'])
def test_parse_verdict_refuses_nonsense(content):
    with pytest.raises(ValueError):
        parse_verdict(content)
