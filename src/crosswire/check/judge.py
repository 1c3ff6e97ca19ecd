"""An optional second opinion on candidate contradictions from an OpenAI-compatible chat endpoint.

Off by default: the rule- and embedding-based checks work fully offline. When configured, each
candidate is sent with its sides and evidence; the model answers with JSON
``{"verdict": "confirm" | "reject", "explanation": "..."}``. A rejected candidate is dropped, a
confirmed one keeps the model's one-line explanation. If the endpoint fails or answers nonsense,
the candidate is kept unchanged (the offline verdict stands).

Example::

    judge = ChatJudge("http://127.0.0.1:8080/v1", model="llama3")   # key from CROSSWIRE_JUDGE_KEY
    result = check_story(story_id, articles, extractions, embedder=embedder, judge=judge)
"""

from __future__ import annotations

import dataclasses
import json
import os
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

from crosswire.model import Contradiction

KEY_VARIABLE = "CROSSWIRE_JUDGE_KEY"
SYSTEM_PROMPT = (
    "You check news reports for contradictions. You get a candidate contradiction found by rules: "
    "its type, the value on each side and the sentences that support it. Decide whether the sides "
    "really cannot both be true about the same thing. Answer only with JSON: "
    '{"verdict": "confirm" or "reject", "explanation": "<one sentence a journalist would accept>"}'
)


@dataclasses.dataclass(frozen=True)
class Verdict:
    """The judge's answer for one candidate."""

    confirmed: bool
    explanation: str


class ChatJudge:
    """Confirms or rejects candidate contradictions through ``POST {url}/chat/completions``.

    Args:
        url: base URL of the OpenAI-compatible API (``.../v1``) or the full completions URL.
        model: model name sent with each request.
        key: API key; defaults to the ``CROSSWIRE_JUDGE_KEY`` environment variable.
        timeout: seconds per request.
    """

    def __init__(self, url: str, *, model: str, key: str | None = None, timeout: float = 20.0) -> None:
        url = url.rstrip("/")
        self.url = url if url.endswith("/chat/completions") else url + "/chat/completions"
        self.model = model
        self.key = key if key is not None else os.environ.get(KEY_VARIABLE)
        self.timeout = timeout

    def review(self, contradictions: Sequence[Contradiction]) -> list[Contradiction]:
        """Keep the confirmed (or unjudged) candidates, with the judge's explanation when it gave one."""
        kept: list[Contradiction] = []
        for item in contradictions:
            verdict = self.judge(item)
            if verdict is None:
                kept.append(item)
            elif verdict.confirmed:
                kept.append(dataclasses.replace(item, explanation=verdict.explanation or item.explanation))
        return kept

    def judge(self, item: Contradiction) -> Verdict | None:
        """The verdict on one candidate, or None when the endpoint gave no usable answer."""
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": describe(item)},
            ],
        }
        try:
            reply = self._post(body)
            content = reply["choices"][0]["message"]["content"]
            return parse_verdict(content)
        except (OSError, urllib.error.URLError, ValueError, KeyError, IndexError, TypeError):
            return None

    def _post(self, body: dict[str, Any]) -> Any:
        headers = {"Content-Type": "application/json"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        request = urllib.request.Request(self.url, data=json.dumps(body).encode(), headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.loads(response.read(1_000_000).decode("utf-8"))


def describe(item: Contradiction) -> str:
    """The candidate as plain text for the model."""
    lines = [f"Type: {item.kind}", f"Subject: {item.subject}", f"Rule explanation: {item.explanation}"]
    for number, side in enumerate(item.sides, 1):
        lines.append(f"Side {number}: {side.value}")
        lines.extend(f"  - [{e.article_id}] {e.sentence}" for e in side.evidence[:3])
    return "\n".join(lines)


def parse_verdict(content: str) -> Verdict:
    """Read the model's JSON answer (tolerating text around it).

    Raises:
        ValueError: no JSON object with a known verdict.
    """
    start, end = content.find("{"), content.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object in the judge's answer")
    data = json.loads(content[start : end + 1])
    verdict = str(data.get("verdict", "")).strip().lower()
    if verdict not in {"confirm", "reject"}:
        raise ValueError(f"unknown verdict {verdict!r}")
    return Verdict(verdict == "confirm", str(data.get("explanation", "")).strip())
