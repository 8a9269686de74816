import json

import pytest

from articles.reading import ReadError, article_files, read_article, read_manifest


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"   \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        # A byte order mark before bytes that are not UTF-16 text.
        (b"\xff\xfe" + bytes(range(256)) * 4, "binary file"),
        ("Le président a déclaré à Paris".encode("latin-1"), "not UTF-8 text"),
        (b"<!DOCTYPE html><html><body><p>hi</p></body></html>", "an HTML page"),
        # A null character past the first 8 KB, where the binary sniff does not look.
        ("وقال بوتين ".encode() * 2000 + b"\x00", "a null character at character 22,000"),
        # UTF-8 Arabic with one stray byte: read as windows-1256 it would be stored as mojibake.
        (
            "وقال بوتين إن الوضع مستقر".encode() + b"\xff" + "، وأضاف".encode(),
            r"byte that is not UTF-8 \(0xff at offset 46\)",
        ),
    ],
)
def test_it_refuses_a_file_that_is_not_article_text(tmp_path, data, message):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=message):
        read_article(path)


def test_it_refuses_a_file_over_the_size_cap(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("كلمة " * 1000, encoding="utf-8")
    with pytest.raises(ReadError, match="over the"):
        read_article(path, max_bytes=1000)


def test_it_reads_utf8_with_a_byte_order_mark_and_windows_line_ends(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffسطر\r\nسطر".encode())
    assert read_article(path) == "سطر\nسطر"


def test_a_missing_file_or_folder_is_named(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="no such file or folder"):
        article_files([tmp_path / "nowhere"])
    with pytest.raises(ReadError, match=r"no \.txt articles"):
        article_files([tmp_path])


def test_a_manifest_entry_with_a_bad_date_is_refused_with_its_file_named(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"articles": [{"file": "a.txt", "published": "2022-13-45"}]}))
    with pytest.raises(ReadError, match=r"a\.txt: published '2022-13-45' is not a date"):
        read_manifest(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"articles": {}}', "expected"), ('{"articles": [{}]}', 'no "file"')],
)
def test_a_malformed_manifest_is_refused(tmp_path, content, message):
    path = tmp_path / "manifest.json"
    path.write_text(content)
    with pytest.raises(ReadError, match=message):
        read_manifest(path)


def test_the_seed_manifest_reads(seeds):
    entries = read_manifest(seeds / "manifest.json")
    assert len(entries) == 5
    assert all(e.published and e.source for e in entries.values())


@pytest.mark.parametrize("encoding", ["windows-1256", "iso-8859-6"])
def test_it_reads_arabic_in_the_legacy_encodings(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes("وقال بوتين إن الوضع مستقر".encode(encoding))
    assert read_article(path) == "وقال بوتين إن الوضع مستقر"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_it_reads_utf16_and_utf32_files_by_their_byte_order_mark(tmp_path, encoding):
    path = tmp_path / "a.txt"
    text = "وقال بوتين إن الوضع مستقر"
    data = text.encode(encoding)
    if encoding == "utf-16-be":  # Python writes no mark for an explicit byte order: a word processor does
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    assert read_article(path) == text


def test_metadata_is_fitted_to_what_the_database_holds():
    from articles.reading import ManifestEntry

    entry = ManifestEntry(
        file="f" * 400,
        source="Site\x00 name " + "n" * 300,
        title="t" * 5000,
        url="https://example.org/" + "a" * 3000,
    ).fitted()
    assert (len(entry.file), len(entry.source), len(entry.title)) == (300, 200, 1000)
    assert "\x00" not in entry.source
    assert entry.url is None  # an address too long to keep is dropped, not cut into another one
    assert ManifestEntry(file="a.txt", url="https://example.org/a").fitted().url == "https://example.org/a"
