"""Schema builder, Field, default schema."""

import pytest

import trawl


def test_builder_chains_and_lists_fields():
    schema = (
        trawl.Schema()
        .add_keyword("id")
        .add_text("title", analyzer="english", default_search=True, boost=2.0)
        .add_text("body", stored=False, default_search=True)
        .add_date("date")
        .add_i64("views", stored=False)
        .add_f64("rating")
        .add_stored("raw")
        .add_keyword("tag", default_search=True)
        .set_id_field("id")
    )
    assert [f.name for f in schema.fields] == [
        "id", "title", "body", "date", "views", "rating", "raw", "tag"]
    assert [f.type for f in schema.fields] == [
        "keyword", "text", "text", "date", "i64", "f64", "stored", "keyword"]
    title = schema.fields[1]
    assert (title.analyzer, title.default_search, title.boost, title.stored) == (
        "english", True, 2.0, True)
    assert schema.fields[2].stored is False
    assert schema.fields[4].stored is False
    assert schema.fields[7].default_search is True
    assert schema.id_field == "id"
    assert "title" in schema and "nope" not in schema
    assert len(schema) == 8


def test_default_schema():
    schema = trawl.Schema.default()
    assert [(f.name, f.type) for f in schema.fields] == [
        ("id", "keyword"), ("title", "text"), ("body", "text"), ("date", "date"),
        ("source", "keyword")]
    assert schema.id_field == "id"
    assert [f.name for f in schema.fields if f.default_search] == ["title", "body"]
    assert schema.fields[1].boost == 2.0
    assert schema == trawl.Schema.default()
    assert schema != trawl.Schema()


def test_repr_names_fields():
    text = repr(trawl.Schema().add_keyword("id").add_text("body").set_id_field("id"))
    assert text.startswith("Schema([Field(name='id', type='keyword'")
    assert "Field(name='body', type='text'" in text
    assert "id_field='id'" in text
    assert repr(trawl.Schema()) == "Schema([])"


def test_no_id_field_is_none():
    assert trawl.Schema().add_text("body").id_field is None


@pytest.mark.parametrize(
    "build",
    [
        lambda s: s.add_text(""),
        lambda s: s.add_text("body").add_keyword("body"),
        lambda s: s.add_text("bad name!"),
        lambda s: s.add_text("body", analyzer="klingon"),
        lambda s: s.add_text("body").set_id_field("body"),
        lambda s: s.set_id_field("missing"),
    ],
    ids=["empty", "duplicate", "characters", "analyzer", "id-not-keyword", "id-missing"],
)
def test_invalid_fields_raise_invalid_argument(build):
    with pytest.raises(trawl.InvalidArgumentError) as info:
        build(trawl.Schema())
    assert info.value.code == "INVALID_ARGUMENT"
    assert isinstance(info.value, ValueError)


def test_schema_of_index_is_a_copy():
    schema = trawl.Schema().add_text("body", default_search=True)
    index = trawl.Index.in_memory(schema)
    schema.add_text("later")
    assert [f.name for f in index.schema.fields] == ["body"]
    assert index.schema.fields == [trawl.Schema().add_text("body", default_search=True).fields[0]]
