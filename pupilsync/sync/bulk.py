"""Bulk writes through the database driver, for the rows a sync writes by the thousand.

The ORM's `bulk_create` compiles SQL value by value and, on SQLite, in batches of a few dozen
rows: for a first sync that cost more than the writing. Here each statement is built once per
table and column set and the rows go to the driver in one call: `executemany` on SQLite; on
PostgreSQL `COPY` for inserts (ids taken from the table's sequence first when the caller needs
them) and one statement over `unnest` of one array per column for upserts and updates, so the
server parses and plans once, not once a row. Values pass
through the field's `get_db_prep_save` unless the driver takes the Python value as it is, so what
lands is what the ORM would have written. Call inside a transaction. Rows are plain mappings, not
model instances (building an instance costs more than writing its row); a field a row leaves
out takes its default, as `save()` would give it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

# Field types whose Python values the drivers take unchanged (get_db_prep_save is the identity).
AS_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)
_NOTHING = object()
if TYPE_CHECKING:
    from django.db.models.options import Options

    Field = models.Field[Any, Any]
Row = Mapping[str, Any]  # a field's name (or attname) -> value; a field left out takes its default


def insert(model: type[models.Model], rows: Sequence[Row], *, returning: bool = False) -> list[int]:
    """INSERT every row; with `returning`, the new rows' ids, in order."""
    if not rows:
        return []
    db, meta = _db(), model._meta
    ids = _take_ids(db, meta, len(rows)) if returning and db.vendor == "postgresql" else []
    if ids:
        pk = meta.pk.attname
        rows = [{**row, pk: new} for row, new in zip(rows, ids, strict=True)]
    fields = _insert_fields(meta, rows[0], with_pk=bool(ids))
    table, names = _quote(db, meta.db_table), _columns(db, fields)
    values = _values(rows, fields, db)
    with _cursor(db) as cursor:
        if db.vendor == "postgresql":  # the ids, if asked for, were taken first: COPY sends them
            sql = f"COPY {table} ({', '.join(names)}) FROM STDIN"
            _as_django(cursor, sql, values, partial(_copy, cursor.cursor, sql, values))
            return ids
        cursor.executemany(_insert_sql(table, names), values)
        return _sqlite_ids(cursor, len(values)) if returning else []


def upsert(
    model: type[models.Model], rows: Sequence[Row], *, unique: Sequence[str], update: Sequence[str]
) -> None:
    """INSERT, or where the `unique` fields clash with a row, UPDATE its `update` fields (of
    rows that share `unique` values, the last)."""
    if not rows:
        return
    db, meta = _db(), model._meta
    fields = _insert_fields(meta, rows[0])
    keys = [fields.index(_field(meta, name)) for name in unique]
    values = _last_per_key(_values(rows, fields, db), keys)
    clash = ", ".join(_quote(db, _field(meta, name).column) for name in unique)
    changed = [_quote(db, _field(meta, name).column) for name in update]
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in changed)
    table, names = _quote(db, meta.db_table), _columns(db, fields)
    conflict = f"ON CONFLICT ({clash}) DO UPDATE SET {sets}"
    with _cursor(db) as cursor:
        if db.vendor == "postgresql":  # one statement: the rows go as one array per column
            select = f"SELECT * FROM unnest({_arrays_of(db, fields)})"
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(names)}) {select} {conflict}", _by_column(values)
            )
        else:
            cursor.executemany(f"{_insert_sql(table, names)} {conflict}", values)


def update(
    model: type[models.Model],
    rows: Sequence[Row],
    names: Sequence[str],
    *,
    key: Sequence[str] = ("pk",),
) -> None:
    """UPDATE the named fields of every row, found by its `key` fields, in one statement."""
    if not rows:
        return
    db, meta = _db(), model._meta
    fields = [_field(meta, name) for name in names]
    keys = [meta.pk if name == "pk" else _field(meta, name) for name in key]
    table, columns = _quote(db, meta.db_table), _columns(db, fields)
    key_columns = _columns(db, keys)
    values = _values(rows, [*fields, *keys], db)
    with _cursor(db) as cursor:
        if db.vendor == "postgresql":
            sets = ", ".join(f"{c} = v.{c}" for c in columns)
            as_v = ", ".join(columns + key_columns)
            source = f"unnest({_arrays_of(db, [*fields, *keys])}) AS v({as_v})"
            match = " AND ".join(f"{table}.{c} = v.{c}" for c in key_columns)
            cursor.execute(
                f"UPDATE {table} SET {sets} FROM {source} WHERE {match}", _by_column(values)
            )
        else:
            sets = ", ".join(f"{c} = %s" for c in columns)
            match = " AND ".join(f"{c} = %s" for c in key_columns)
            cursor.executemany(f"UPDATE {table} SET {sets} WHERE {match}", values)


def _field(meta: Options[Any], name: str) -> Field:
    return cast("Field", meta.get_field(name))


def _db() -> BaseDatabaseWrapper:
    # The wrapper itself: `django.db.connection` is a proxy whose every use looks it up again.
    return connections[DEFAULT_DB_ALIAS]


@contextmanager
def _cursor(db: BaseDatabaseWrapper) -> Iterator[Any]:
    """A cursor that binds on the server (on PostgreSQL) inside Django's wrapper, so statement
    counting, the query log and Django's error types still apply."""
    if db.vendor != "postgresql":
        with db.cursor() as cursor:
            yield cursor
        return
    import psycopg

    db.ensure_connection()
    with psycopg.Cursor(db.connection) as raw:
        yield db._prepare_cursor(raw)  # type: ignore[attr-defined]  # as db.cursor() wraps


def _as_django(cursor: Any, sql: str, rows: list[Any], send: Callable[[], Any]) -> Any:
    """Send a statement Django's cursor cannot as Django sends its own: through the execute
    wrappers (statement counters), into the query log when it is on, with Django's errors."""

    def execute(sql: str, params: Any, many: bool, context: Any) -> Any:
        with cursor.db.wrap_database_errors:
            return send()

    logged = cursor.debug_sql(sql, rows, many=True) if hasattr(cursor, "debug_sql") else None
    with logged or nullcontext():
        return cursor._execute_with_wrappers(sql, rows, many=True, executor=execute)


def _copy(raw: Any, sql: str, rows: list[Any]) -> None:
    with raw.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _take_ids(db: BaseDatabaseWrapper, meta: Options[Any], count: int) -> list[int]:
    """The next `count` ids of the table's sequence (PostgreSQL), as INSERTs would take them."""
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def _last_per_key(values: list[list[Any]], keys: list[int]) -> list[list[Any]]:
    # One statement may not touch a row twice (PostgreSQL refuses): a repeated key keeps its last.
    by_key = {tuple(row[k] for k in keys): row for row in values}
    return list(by_key.values()) if len(by_key) < len(values) else values


def _arrays_of(db: BaseDatabaseWrapper, fields: list[Field]) -> str:
    # %b: binary arrays, so bytea and text go without escaping
    return ", ".join(f"%b::{field.db_type(db)}[]" for field in fields)


def _by_column(rows: list[Any]) -> list[list[Any]]:
    return [list(column) for column in zip(*rows, strict=True)]


def _sqlite_ids(cursor: Any, count: int) -> list[int]:
    # The rows of one executemany get consecutive rowids: this transaction holds SQLite's
    # write lock from its first write, so no other connection's insert comes between them.
    cursor.execute("SELECT last_insert_rowid()")
    last = int(cursor.fetchone()[0])
    return list(range(last - count + 1, last + 1))


def _insert_fields(meta: Options[Any], first: Row, *, with_pk: bool = False) -> list[Field]:
    """Every concrete field but an automatic pk (unless `with_pk`) and one left to a database
    default that the rows do not set."""
    return [
        field
        for field in cast("list[Field]", meta.concrete_fields)
        if not (_automatic(field) and not with_pk)
        and (field.db_default is models.NOT_PROVIDED or _given(first, field))
    ]


def _automatic(field: Field) -> bool:
    return field.primary_key and isinstance(field, models.AutoField | models.BigAutoField)


def _given(row: Row, field: Field) -> bool:
    return field.attname in row or field.name in row


def _values(rows: Sequence[Row], fields: list[Field], db: BaseDatabaseWrapper) -> list[list[Any]]:
    """Each row's values in the order of `fields`, ready for the driver. A field a row leaves
    out takes its default, as `save()` would give it (auto_now_add: now)."""
    columns = [_reader(field, db) for field in fields]
    return [[read(row) for read in columns] for row in rows]


def _reader(field: Field, db: BaseDatabaseWrapper) -> Callable[[Row], Any]:
    convert = _converter(field, db)
    attname, name = field.attname, field.name
    missing = _default(field)

    def read(row: Row) -> Any:
        if attname in row:
            return convert(row[attname])
        value = row.get(name, missing)
        return convert(value.pk if isinstance(value, models.Model) else value)

    return read


def _default(field: Field) -> Any:
    if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
        return timezone.now()
    return field.get_default()


def _converter(field: Field, db: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    if field.get_internal_type() in AS_IS:
        return _same
    last: list[Any] = [_NOTHING, None]

    def convert(value: Any) -> Any:
        # Many rows share one value (the run's moment, an empty list): convert it once.
        if value is not last[0]:
            last[:] = [value, field.get_db_prep_save(value, db)]
        return last[1]

    return convert


def _same(value: Any) -> Any:
    return value


def _columns(db: BaseDatabaseWrapper, fields: list[Field]) -> list[str]:
    return [_quote(db, field.column) for field in fields]


def _insert_sql(table: str, names: list[str]) -> str:
    marks = ", ".join("%s" for _ in names)
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})"


def _quote(db: BaseDatabaseWrapper, name: str) -> str:
    return db.ops.quote_name(name)
