"""Text with marked spans as HTML: every character of the text escaped, each span a ``<mark>``.

    >>> marked_html("Russia sent <b>troops</b>", [(0, 6, "actor", ""), (7, 11, "trigger", "e1")])
    Markup('<mark class="actor">Russia</mark> <mark class="trigger" data-label="e1" title="e1">sent</mark> &lt;b&gt;troops&lt;/b&gt;')
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape


def marked_html(text: str, spans: Iterable[tuple[int, int, str, str]]) -> Markup:
    """``spans``: (start, end, kind, label). Nested spans nest; a span that crosses one already
    kept (neither inside nor around it) is left out, so the markup stays well formed."""
    kept: list[tuple[int, int, str, str]] = []
    for s in sorted({s for s in spans if 0 <= s[0] < s[1] <= len(text)}, key=lambda s: (s[0], -s[1], s[2])):
        if all(s[1] <= k[0] or s[0] >= k[1] or (k[0] <= s[0] and s[1] <= k[1]) or (s[0] <= k[0] and k[1] <= s[1])
               for k in kept):
            kept.append(s)
    opens: dict[int, list[tuple[int, int, str, str]]] = {}
    for s in kept:
        opens.setdefault(s[0], []).append(s)
    out: list[str] = []
    stack: list[int] = []
    pos = 0
    points = sorted({p for s in kept for p in (s[0], s[1])} | {len(text)})
    for point in points:
        out.append(str(escape(text[pos:point])))
        pos = point
        while stack and stack[-1] == point:
            stack.pop()
            out.append("</mark>")
        for start, end, kind, label in opens.get(point, []):
            attrs = f' data-label="{escape(label)}" title="{escape(label)}"' if label else ""
            out.append(f'<mark class="{escape(kind)}"{attrs}>')
            stack.append(end)
    return Markup("".join(out))
