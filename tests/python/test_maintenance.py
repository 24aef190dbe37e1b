"""Index.stats, Index.check and IndexWriter.force_merge."""

import pytest

import trawl


def three_commits(index):
    """Adds ids 0..29 in three commits, then deletes ids 3 and 4.

    One indexing thread: with two, ids 3 and 4 can make up a segment of
    their own, which the deletes then drop whole (deleted would be 0)."""
    with index.writer(threads=1) as w:
        for batch in range(3):
            w.add_many({"id": str(i), "body": f"word{i} common"}
                       for i in range(batch * 10, batch * 10 + 10))
            w.commit()
        w.delete("3")
        w.delete_term("id", "4")


def test_stats_describe_the_newest_commit():
    index = trawl.Index.in_memory()
    empty = index.stats()
    assert (empty.documents, empty.deleted, empty.segments) == (0, 0, [])
    three_commits(index)
    stats = index.stats()
    assert stats.generation > empty.generation
    assert stats.documents == 28 == index.searcher().num_docs
    assert stats.deleted == 2
    assert len(stats.segments) >= 3
    assert sum(s.documents for s in stats.segments) == 30
    assert sum(s.deleted for s in stats.segments) == 2
    for segment in stats.segments:
        assert segment.name
        assert segment.terms > 0
        assert "postings" in segment.component_bytes
        assert 0 < sum(segment.component_bytes.values()) <= segment.file_bytes
    assert repr(stats).startswith(f"IndexStats(generation={stats.generation}, documents=28")
    assert repr(stats.segments[0]).startswith("SegmentStats(name=")


def test_force_merge_down_to_one_segment():
    index = trawl.Index.in_memory()
    three_commits(index)
    before = index.searcher()
    order = [h.id for h in before.search(trawl.All(), k=100)]     # document order
    with index.writer() as w:
        w.add({"id": "new", "body": "pending"})
        w.force_merge()                       # commits the pending document first
        assert w.pending == 0
    stats = index.stats()
    assert len(stats.segments) == 1
    assert stats.deleted == 0
    assert stats.documents == stats.segments[0].documents == 29
    after = index.searcher()
    assert [h.id for h in after.search(trawl.All(), k=100)] == order + ["new"]
    assert before.num_docs == 28              # an older searcher keeps its view
    assert before.count("common") == 28


def test_force_merge_reports_progress():
    index = trawl.Index.in_memory()
    with index.writer(threads=1, memory_mb=0.05, merge_factor=0) as w:
        w.add_many({"id": str(i), "body": " ".join(f"w{(i * 7 + j) % 500}" for j in range(40))}
                   for i in range(3000))
    assert len(index.stats().segments) > 2
    shares = []
    with index.writer() as w:
        w.force_merge(progress=shares.append)
    assert len(shares) > 2
    assert shares == sorted(shares) and 0 <= shares[0] < 1 and shares[-1] == 1.0
    assert len(index.stats().segments) == 1


def test_force_merge_raises_what_progress_raised_after_merging():
    index = trawl.Index.in_memory()
    with index.writer(threads=1, memory_mb=0.05, merge_factor=0) as w:
        w.add_many({"id": str(i), "body": f"word{i} common"} for i in range(2000))
    def fail(share):
        raise KeyError("stop")
    with index.writer() as w:
        with pytest.raises(KeyError):
            w.force_merge(progress=fail)
    assert len(index.stats().segments) == 1
    assert index.searcher().count("common") == 2000


def test_force_merge_progress_cannot_call_the_writer():
    index = trawl.Index.in_memory()
    with index.writer(threads=1, memory_mb=0.05, merge_factor=0) as w:
        w.add_many({"id": str(i), "body": f"word{i} common"} for i in range(2000))
    with index.writer() as w:
        # The writer is locked while it merges: a call back would deadlock.
        with pytest.raises(trawl.FailedPreconditionError, match="progress callback"):
            w.force_merge(progress=lambda share: w.pending)
        assert w.pending == 0 and not w.closed
    assert len(index.stats().segments) == 1


def test_force_merge_to_several_segments_and_errors():
    index = trawl.Index.in_memory()
    three_commits(index)
    with index.writer() as w:
        w.force_merge(max_segments=2)
        assert len(index.stats().segments) <= 2
        with pytest.raises(trawl.InvalidArgumentError):
            w.force_merge(0)
    closed = index.writer()
    closed.close()
    with pytest.raises(trawl.FailedPreconditionError):
        closed.force_merge()


def test_check_passes_on_a_sound_index(tmp_path, seeds):
    index = trawl.Index.create(tmp_path / "idx")
    three_commits(index)
    with index.writer() as w:
        w.add_files(seeds)
    assert index.check() is None
    assert trawl.Index.open(tmp_path / "idx").check() is None
    assert trawl.Index.in_memory().check() is None


def test_check_finds_damage(tmp_path):
    path = tmp_path / "idx"
    index = trawl.Index.create(path)
    with index.writer() as w:
        w.add_many({"id": str(i), "body": f"word{i} common text"} for i in range(200))
    segment = max(path.glob("*.seg"), key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    for i in range(len(data) // 2, len(data) // 2 + 8):
        data[i] ^= 0xFF
    segment.write_bytes(bytes(data))
    with pytest.raises(trawl.CorruptIndexError) as info:
        trawl.Index.open(path).check()
    assert info.value.code == "DATA_LOSS"
    assert "corruption" in str(info.value)
