"""``crosswire serve`` itself: it starts uvicorn on loopback, prints its address, and serves the store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_runs_on_loopback_and_serves_the_store(web_db: Path, tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "crosswire", "serve", "--db", str(web_db), "--port", str(port)]
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, text=True, cwd=tmp_path, env={**os.environ, "CROSSWIRE_TOKEN": ""}
    )
    try:
        body, deadline = None, time.monotonic() + 30
        while body is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories", timeout=5) as response:
                    body = response.read().decode()
                    headers = response.headers
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert body is not None, "crosswire serve did not answer"
        assert '"id":"s1"' in body
        assert headers["content-security-policy"].startswith("default-src 'none'")
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    assert f"serving {web_db} at http://localhost:{port}/" in stderr


def test_the_cli_works_without_the_web_extra(tmp_path: Path) -> None:
    """Without starlette and uvicorn every other command still loads; serve says what to install."""
    script = (
        "import sys; sys.modules.update(starlette=None, uvicorn=None)\n"
        "from click.testing import CliRunner\n"
        "from crosswire.cli import cli\n"
        f"print(CliRunner().invoke(cli, ['--db', {str(tmp_path / 'x.db')!r}, 'sources']).exit_code)\n"
        f"result = CliRunner().invoke(cli, ['--db', {str(tmp_path / 'x.db')!r}, 'serve'])\n"
        "print(result.exit_code, result.output)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "0"
    assert lines[1].startswith("1 ") and "pip install 'crosswire[web]'" in result.stdout
