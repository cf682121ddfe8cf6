#!/usr/bin/env python3
"""Render the user guide ``docs/huong-dan-su-dung.md`` to HTML (no dependencies).

    python scripts/guide_html.py          # writes docs/huong-dan-su-dung.html

A deliberately small Markdown converter for the subset the guide uses:
headings ``#``-``####``, paragraphs, ``**bold**``, ``*italic*``, ``` `code` ```,
links ``[text](url)``, a picture alone on its line ``![caption](img/x.png)``
(rendered as a figure with its caption, scaled to at most ``MAX_IMG_WIDTH``),
lists (``-`` or ``1.``, one level, a line indented under an item continues it),
tables (``| a | b |`` with a ``|---|`` line), notes (``> text``) and ``---``.
Anything else is a paragraph. The HTML is simple enough for the program's
Help window (``QTextBrowser``) and any browser, offline; it contains a table
of contents built from the ``##`` headings. The test suite checks that the
committed HTML is exactly this rendering of the committed Markdown.
"""

from __future__ import annotations

import html
import re
import struct
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "huong-dan-su-dung.md"
MAX_IMG_WIDTH = 760

STYLE = """
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 11pt; color: #1b2a3a;
       max-width: 60em; margin: 1em auto; padding: 0 1em; line-height: 1.45; }
h1 { color: #1f4e79; font-size: 20pt; }
h2 { color: #1f4e79; font-size: 15pt; border-bottom: 1px solid #c8d0da; margin-top: 1.6em; }
h3 { color: #1f4e79; font-size: 12.5pt; margin-top: 1.2em; }
h4 { font-size: 11pt; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #c8d0da; padding: 4px 8px; vertical-align: top; }
th { background: #eef2f7; }
code { font-family: Consolas, "Liberation Mono", monospace; background: #f3f5f8; }
blockquote { background: #fff4ce; border-left: 4px solid #f0b400; margin: 0.8em 0;
             padding: 0.4em 0.8em; }
p.figure { text-align: center; color: #44546a; font-style: italic; line-height: 100%; }
img { border: 1px solid #c8d0da; }
""".strip()


def slug(text: str) -> str:
    """ASCII anchor for a heading: ``Cài đặt`` -> ``cai-dat``."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def png_size(path: Path) -> tuple[int, int] | None:
    """Width and height from a PNG header, or None if it is not a readable PNG."""
    try:
        with path.open("rb") as fh:
            head = fh.read(24)
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


_INLINE = re.compile(
    r"(?P<code>`[^`]+`)"
    r"|(?P<link>\[(?P<ltext>[^\]]+)\]\((?P<lurl>[^)\s]+)\))"
    r"|(?P<bold>\*\*(?P<btext>.+?)\*\*)"
    r"|(?P<em>\*(?P<etext>[^*\s][^*]*)\*)"
)


def inline(text: str) -> str:
    """Escape text and render code, links, bold and italic."""
    out: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        out.append(html.escape(text[pos : m.start()], quote=False))
        if m.group("code"):
            out.append(f"<code>{html.escape(m.group('code')[1:-1], quote=False)}</code>")
        elif m.group("link"):
            url = html.escape(m.group("lurl"))
            out.append(f'<a href="{url}">{inline(m.group("ltext"))}</a>')
        elif m.group("bold"):
            out.append(f"<b>{inline(m.group('btext'))}</b>")
        else:
            out.append(f"<i>{inline(m.group('etext'))}</i>")
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)$")
_HEADING = re.compile(r"^(?P<level>#{1,4})\s+(?P<text>.+?)\s*$")
_ITEM = re.compile(r"^(?P<marker>-|\d+\.)\s+(?P<text>.*)$")


def _table(rows: list[str]) -> str:
    cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows]
    header, body = cells[0], [r for r in cells[2:]]
    lines = ['<table border="1" cellspacing="0" cellpadding="4">']
    lines.append("<tr>" + "".join(f"<th>{inline(c)}</th>" for c in header) + "</tr>")
    for row in body:
        lines.append("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def render(markdown: str, *, base: Path) -> str:
    """HTML document for ``markdown``; ``base`` is the folder pictures are relative to."""
    lines = markdown.splitlines()
    body: list[str] = []
    toc: list[tuple[str, str]] = []
    title = "Hướng dẫn sử dụng"
    i = 0
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            body.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
            continue
        heading = _HEADING.match(stripped)
        image = _IMAGE.match(stripped)
        if heading:
            flush()
            level = len(heading.group("level"))
            text = heading.group("text")
            anchor = slug(text)
            if level == 1:
                title = text
            if level == 2:
                toc.append((anchor, text))
            body.append(f'<h{level} id="{anchor}"><a name="{anchor}"></a>{inline(text)}</h{level}>')
            i += 1
        elif image:
            flush()
            src, alt = image.group("src"), image.group("alt")
            size = png_size(base / src)
            width = ""
            if size:  # both dimensions: QTextBrowser reserves the height it is given
                w = min(size[0], MAX_IMG_WIDTH)
                width = f' width="{w}" height="{round(size[1] * w / size[0])}"'

            body.append(
                f'<p class="figure" align="center"><img src="{html.escape(src)}"'
                f' alt="{html.escape(alt)}"{width}><br>{inline(alt)}</p>'
            )
            i += 1
        elif stripped == "---":
            flush()
            body.append("<hr>")
            i += 1
        elif stripped.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(lines[i])
                i += 1
            body.append(_table(rows))
        elif stripped.startswith(">"):
            flush()
            quote = []
            while i < len(lines) and lines[i].strip().startswith(">"):
                quote.append(lines[i].strip()[1:].strip())
                i += 1
            body.append(f"<blockquote>{inline(' '.join(quote))}</blockquote>")
        elif _ITEM.match(stripped):
            flush()
            ordered = _ITEM.match(stripped).group("marker") != "-"  # type: ignore[union-attr]
            items: list[str] = []
            while i < len(lines):
                current = lines[i]
                m = _ITEM.match(current.strip())
                if m and not current.startswith(" "):
                    items.append(m.group("text"))
                elif current.startswith("  ") and current.strip() and items:
                    items[-1] += " " + current.strip()  # continuation of the item
                else:
                    break
                i += 1
            tag = "ol" if ordered else "ul"
            body.append(f"<{tag}>" + "".join(f"<li>{inline(t)}</li>" for t in items) + f"</{tag}>")
        else:
            paragraph.append(stripped)
            i += 1
    flush()

    toc_html = ""
    if toc:
        entries = "".join(f'<li><a href="#{a}">{inline(t)}</a></li>' for a, t in toc)
        toc_html = f'<h2 id="muc-luc"><a name="muc-luc"></a>Mục lục</h2>\n<ol>{entries}</ol>'
    # The table of contents goes after the title and the introduction (before the first ##).
    first_h2 = next((n for n, part in enumerate(body) if part.startswith("<h2")), len(body))
    parts = body[:first_h2] + ([toc_html] if toc_html else []) + body[first_h2:]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )


def render_file(path: Path) -> str:
    return render(path.read_text(encoding="utf-8"), base=path.parent)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else GUIDE
    target = source.with_suffix(".html")
    target.write_text(render_file(source), encoding="utf-8", newline="\n")
    print(f"{target} ({target.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
