"""The local web app (``crosswire serve``): pages and a JSON API over one store. See docs/web.md.

Modules: ``app`` (routes and pages), ``data`` (stories, briefs and people read from the store),
``queries`` (the few read-only SQL queries ``Store`` lacks), ``search`` (an in-memory FTS5 index),
``security`` (host, token, CSRF and headers), ``worker`` (sources added from the browser: the job
queue), ``analysis`` (a job's analysis, run in a child process), ``serve``
(the command).
"""
