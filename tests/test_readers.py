"""Readers for each format, metadata overrides, and one case per kind of bad input: the error
names the file and the reason, and a batch goes on."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from flashpoint.readers import ReadError, iter_path, read

BODY = ("Russia has sent paratroopers to Belarus in a show of support for its ally amid tensions "
        "over migrants and refugees amassing on the Belarus-Poland border. The Russian Defence "
        "Ministry said on Friday that about 250 Russian paratroopers parachuted into the Grodno region.")


def test_text_with_header(tmp_path):
    path = tmp_path / "drill.txt"
    path.write_text(f"TITLE: Russia, Belarus stage paratrooper drills\nDATE: 2021-11-12\nOUTLET: TRT World\n"
                    f"URL: https://example.org/a\n\n{BODY}\n")
    (a,) = read(path)
    assert (a.title, a.published, a.outlet, a.url) == (
        "Russia, Belarus stage paratrooper drills", dt.date(2021, 11, 12), "TRT World", "https://example.org/a")
    assert a.text.startswith("Russia has sent paratroopers") and a.source == str(path)


def test_text_without_header_takes_date_from_file_name(tmp_path):
    path = tmp_path / "trt_2021-11-12_drills.txt"
    path.write_text(BODY)
    (a,) = read(path)
    assert a.published == dt.date(2021, 11, 12) and a.title is None
    assert a.meta["published_from"] == "url_or_filename"


def test_options_override_metadata(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"DATE: 2021-11-12\nOUTLET: TRT\n\n{BODY}")
    (a,) = read(path, published=dt.date(2021, 11, 13), outlet="AP")
    assert a.published == dt.date(2021, 11, 13) and a.outlet == "AP"


def test_html(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(f"""<html><head><title>Russia, Belarus stage drills | TRT World</title>
<meta property="og:site_name" content="TRT World"><meta name="date" content="2021-11-12"></head>
<body><nav>Home | World | Sport</nav><article><h1>Russia, Belarus stage drills</h1>
<p>{BODY}</p><p>It said the paratroopers re-boarded the transport planes and flew back to Russia after the exercise.</p></article>
<footer>Copyright TRT</footer></body></html>""")
    (a,) = read(path)
    assert "about 250 Russian paratroopers" in a.text and "re-boarded" in a.text
    assert "Home | World" not in a.text and a.published == dt.date(2021, 11, 12)


def test_pdf(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "article.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in ["The Russian government has responded with a joint Russian-",
                 "Belarusian paratrooper exercise on Friday in which two",
                 "Russian paratroopers died. The Kremlin has rejected claims",
                 "that it was engaging in hybrid warfare on the border."]:
        c.drawString(50, y, line)
        y -= 14
    c.showPage()
    c.save()
    (a,) = read(path, published="2021-11-15")
    assert "paratrooper exercise on Friday" in a.text and a.published == dt.date(2021, 11, 15)


def test_jsonl_bad_line_reported_others_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a1", "text": BODY, "published": "2021-11-12", "outlet": "TRT"}),
        '{"id": "a2", "text": "unterminated',
        json.dumps({"id": "a3", "title": "no text"}),
        json.dumps({"id": "a4", "text": BODY.replace("Friday", "Saturday"), "published": "2021-11-13"}),
    ]) + "\n")
    items = list(iter_path(path))
    ok = [i for i in items if not isinstance(i, ReadError)]
    bad = [i for i in items if isinstance(i, ReadError)]
    assert [a.id.rsplit("-", 1)[0] for a in ok] == ["feed-a1", "feed-a4"]  # the feed's ids, qualified by the feed
    assert [e.path for e in bad] == [f"{path}:2", f"{path}:3"]
    assert "malformed JSON" in bad[0].reason and '"text"' in bad[1].reason


def test_folder_is_read_recursively_and_other_files_ignored(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b_2021-11-13.txt").write_text(BODY)
    (tmp_path / "a_2021-11-12.txt").write_text(BODY.replace("Friday", "Thursday"))
    (tmp_path / "notes.md").write_text("# not an article")
    assert [a.source for a in read(tmp_path)] == [str(tmp_path / "a_2021-11-12.txt"),
                                                   str(tmp_path / "sub" / "b_2021-11-13.txt")]


def test_same_text_same_id_and_hash(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY)
    (a,), (b,) = read(path, published="2021-11-12"), read(path, published="2021-11-12")
    assert a.id == b.id and a.content_hash == b.content_hash


def _bad(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    (item,) = list(iter_path(path))
    assert isinstance(item, ReadError), item
    assert str(path) in str(item)
    return item.reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \n", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("latin1.txt", "Les tensions à la frontière".encode("latin-1") * 5, "not valid UTF-8"),
        ("german.txt", ("Die Spannungen zwischen Russland und der NATO haben sich am Wochenende an der "
                        "polnisch-belarussischen Grenze weiter verschärft, teilte das Ministerium mit. ").encode() * 3,
         "not English"),
        ("broken.html", b"<html><body><div></div></body></html>", "no article text"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "PDF"),
        ("notpdf.pdf", b"this is not a pdf at all, just some words in a file", "no %PDF header"),
        ("image.png", b"\x89PNG\r\n", "unsupported file type"),
    ],
)
def test_bad_input(tmp_path, name, content, reason):
    assert reason in _bad(tmp_path, name, content)


def test_oversized_file(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w") as fh:
        for _ in range(21):
            fh.write(("Russia deployed troops near the border. " * 25 + "\n") * 1000)
    (item,) = list(iter_path(path))
    assert isinstance(item, ReadError) and "too large" in item.reason and str(path) in str(item)


def test_missing_file(tmp_path):
    (item,) = list(iter_path(tmp_path / "nope.txt"))
    assert isinstance(item, ReadError) and "no such file" in item.reason
