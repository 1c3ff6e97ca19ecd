"""The ``serve`` command: the web app on uvicorn. Starlette and uvicorn are imported only when it runs,
so the rest of the command line works without the ``web`` extra."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

import click

from crosswire.cli._common import Context, cli, err, reports_errors


@cli.command()
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite store to serve [default: crosswire's --db, $CROSSWIRE_DB or ./crosswire.db].",
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on. Anything but loopback needs --token."
)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option(
    "--token",
    default=None,
    envvar="CROSSWIRE_TOKEN",
    help="Access token every request must carry [env: CROSSWIRE_TOKEN]; required off loopback.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the stories page in the default browser.")
@click.pass_obj
@reports_errors
def serve(obj: Context, db: Path | None, host: str, port: int, token: str | None, open_browser: bool) -> None:
    """Serve the store as a local web app: stories, briefs, articles, people, search, and a JSON API.

    Binds 127.0.0.1 by default. Binding any other address needs --token; every request must
    then carry it (the printed address sets it as a cookie on first visit).

    \b
    Example:
        crosswire serve --db build/demo.db --open
        crosswire serve --host 0.0.0.0 --token "$(openssl rand -hex 16)"
    """
    try:  # optional: the web extra (see the module docstring)
        import uvicorn

        from crosswire.web.app import create_app
        from crosswire.web.security import LOOPBACK_HOSTS, is_loopback
    except ImportError as e:
        raise click.ClickException(f"the web app needs its extra: pip install 'crosswire[web]' ({e})") from e
    loopback = is_loopback(host)
    if not loopback and not token:
        raise click.UsageError(f"--host {host} is reachable from other machines: give --token too", ctx=None)
    if token is not None and len(token) < 16:
        raise click.BadParameter("use at least 16 characters", param_hint="--token")
    allowed = LOOPBACK_HOSTS if loopback else ("*",)
    db = db or obj.db
    app = create_app(db, token=token, allowed_hosts=allowed, settings=obj.settings())
    shown = "localhost" if loopback else host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    err.print(f"crosswire: serving {db} at {address}  (Ctrl-C stops)", highlight=False)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(address,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


__all__ = ["serve"]
