"""Bulk writes through the database driver, for the rows a sync writes by the thousand.

The ORM's `bulk_create` compiles SQL value by value and, on SQLite, in batches of a few dozen
rows: for a first sync that cost more than the writing. Here each statement is built once per
table and column set and the rows go to the driver in one call: `executemany` on SQLite; on
PostgreSQL `COPY` for plain inserts and a pipelined, server-bound `executemany` for the rest
(Django's own cursor binds on the client, which re-parses a statement per row). Values pass
through the field's `get_db_prep_save` unless the driver takes the Python value as it is, so what
lands is what the ORM would have written. Call inside a transaction; rows are model instances,
so defaults apply as they do for `save()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import DatabaseDefault

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


def insert(objs: Sequence[models.Model], *, returning: bool = False) -> None:
    """INSERT every object; with `returning`, each object's pk is set, in order."""
    if not objs:
        return
    db = _db()
    fields = _insert_fields(objs[0])
    table, names = _quote(db, objs[0]._meta.db_table), _columns(db, fields)
    rows = _rows(objs, fields, db)
    with _cursor(db) as cursor:
        if db.vendor != "postgresql":
            cursor.executemany(_insert_sql(table, names), rows)
            ids = _sqlite_ids(cursor, len(rows)) if returning else []
        elif returning:  # psycopg's own executemany: Django's returns no rows
            sql = f"{_insert_sql(table, names)} RETURNING id"
            ids = _as_django(cursor, sql, rows, partial(_returning, cursor.cursor, sql, rows))
        else:
            sql = f"COPY {table} ({', '.join(names)}) FROM STDIN"
            _as_django(cursor, sql, rows, partial(_copy, cursor.cursor, sql, rows))
    for obj, pk in zip(objs, ids if returning else (), strict=returning):
        obj.pk = pk
        obj._state.adding = False


def upsert(objs: Sequence[models.Model], *, unique: Sequence[str], update: Sequence[str]) -> None:
    """INSERT, or where the `unique` fields clash with a row, UPDATE its `update` fields."""
    if not objs:
        return
    db, meta = _db(), objs[0]._meta
    fields = _insert_fields(objs[0])
    clash = ", ".join(_quote(db, _field(meta, name).column) for name in unique)
    changed = [_quote(db, _field(meta, name).column) for name in update]
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in changed)
    table = _quote(db, meta.db_table)
    sql = f"{_insert_sql(table, _columns(db, fields))} ON CONFLICT ({clash}) DO UPDATE SET {sets}"
    with _cursor(db) as cursor:
        cursor.executemany(sql, _rows(objs, fields, db))


def update(objs: Sequence[models.Model], names: Sequence[str]) -> None:
    """UPDATE the named fields of every object, by pk, in one call."""
    if not objs:
        return
    db, meta = _db(), objs[0]._meta
    fields = [_field(meta, name) for name in names]
    sets = ", ".join(f"{_quote(db, f.column)} = %s" for f in fields)
    pk = _quote(db, meta.pk.column)  # type: ignore[union-attr]
    sql = f"UPDATE {_quote(db, meta.db_table)} SET {sets} WHERE {pk} = %s"
    rows = [[*row, obj.pk] for row, obj in zip(_rows(objs, fields, db), objs, strict=True)]
    with _cursor(db) as cursor:
        cursor.executemany(sql, rows)


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


def _returning(raw: Any, sql: str, rows: list[Any]) -> list[int]:
    raw.executemany(sql, rows, returning=True)
    return [result.fetchone()[0] for result in raw.results()]


def _copy(raw: Any, sql: str, rows: list[Any]) -> None:
    with raw.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _sqlite_ids(cursor: Any, count: int) -> list[int]:
    # The rows of one executemany get consecutive rowids: this transaction holds SQLite's
    # write lock from its first write, so no other connection's insert comes between them.
    cursor.execute("SELECT last_insert_rowid()")
    last = int(cursor.fetchone()[0])
    return list(range(last - count + 1, last + 1))


def _insert_fields(first: models.Model) -> list[Field]:
    """Every concrete field but an automatic pk and those left to the database's default."""
    return [
        field
        for field in first._meta.concrete_fields
        if not (field.primary_key and isinstance(field, models.AutoField | models.BigAutoField))
        and not isinstance(getattr(first, field.attname), DatabaseDefault)
    ]


def _rows(objs: Sequence[models.Model], fields: list[Field], db: BaseDatabaseWrapper) -> list[Any]:
    convert = [_converter(field, db) for field in fields]
    attnames = [field.attname for field in fields]
    stamped = [field for field in fields if getattr(field, "auto_now_add", False)]
    rows = []
    for obj in objs:
        for field in stamped:  # as save() would: auto_now_add is filled on the way in
            field.pre_save(obj, True)
        rows.append([c(getattr(obj, a)) for c, a in zip(convert, attnames, strict=True)])
    return rows


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
