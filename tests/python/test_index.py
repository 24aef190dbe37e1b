"""Index.create / open / in_memory, and the errors of opening."""

import pathlib

import pytest

import trawl


def test_create_then_open_sees_commits(tmp_path):
    path = tmp_path / "idx"
    index = trawl.Index.create(path)           # os.PathLike
    assert index.path == str(path)
    assert index.schema == trawl.Schema.default()
    with index.writer() as w:
        w.add({"id": "x", "body": "hello world"})
    reopened = trawl.Index.open(str(path))     # str
    assert reopened.searcher().num_docs == 1
    assert reopened.searcher().search("hello").hits[0].id == "x"
    assert "idx" in repr(reopened)


def test_create_with_schema_is_stored(tmp_path):
    schema = trawl.Schema().add_keyword("key").add_text("text", default_search=True)
    trawl.Index.create(tmp_path / "idx", schema)
    assert trawl.Index.open(tmp_path / "idx").schema == schema


def test_in_memory(tmp_path):
    index = trawl.Index.in_memory()
    assert index.path is None
    assert repr(index) == "<Index in memory>"
    assert index.schema.id_field == "id"
    assert index.searcher().num_docs == 0
    custom = trawl.Index.in_memory(trawl.Schema().add_text("t", default_search=True))
    assert [f.name for f in custom.schema.fields] == ["t"]


def test_open_missing_path_raises_not_found(tmp_path):
    with pytest.raises(trawl.NotFoundError):
        trawl.Index.open(tmp_path / "nothing-here")


def test_create_over_existing_raises_already_exists(tmp_path):
    trawl.Index.create(tmp_path / "idx")
    with pytest.raises(trawl.AlreadyExistsError):
        trawl.Index.create(tmp_path / "idx")


def test_second_writer_raises_lock_error(tmp_path):
    index = trawl.Index.create(tmp_path / "idx")
    with index.writer():
        with pytest.raises(trawl.LockError) as info:
            index.writer()
        assert info.value.code == "FAILED_PRECONDITION"
        # Another handle on the same folder is refused too.
        with pytest.raises(trawl.LockError):
            trawl.Index.open(tmp_path / "idx").writer()
    with index.writer() as w:      # the lock is released on exit
        assert w.pending == 0


def test_writer_memory_must_be_positive():
    with pytest.raises(trawl.InvalidArgumentError):
        trawl.Index.in_memory().writer(memory_mb=0)


def _flip_bytes(path: pathlib.Path, at: float) -> None:
    data = bytearray(path.read_bytes())
    start = int(len(data) * at)
    for i in range(start, min(start + 8, len(data))):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("at", [0.0, 0.25, 0.5, 0.75, 0.999])
def test_flipped_segment_bytes_are_found_by_check(tmp_path, seeds, at):
    path = tmp_path / "idx"
    with trawl.Index.create(path).writer() as w:
        w.add_files(seeds)
    segments = sorted(path.glob("*.seg"))
    assert segments, "expected a .seg file in the index folder"
    _flip_bytes(segments[0], at)
    # Damage in a bulk section (postings, stored fields...) is checksummed by
    # check(), not at open, so a search may not notice; it never fails
    # any other way.
    try:
        trawl.Index.open(path).searcher().search("davos", snippets="body")
    except trawl.CorruptIndexError as e:
        assert "corruption" in str(e)
    with pytest.raises(trawl.CorruptIndexError) as info:
        trawl.Index.open(path).check()
    assert "corruption" in str(info.value)
    assert info.value.code == "DATA_LOSS"
