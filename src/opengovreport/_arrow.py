"""Arrow arrays and tables made from their buffers, never through ``pa.array``: what a worker of
:func:`~opengovreport.ingest.ingest` builds its parts and a bucket's datasets with.

``pa.array`` (and ``pa.Table.from_pylist``, ``pa.table`` …) asks pyarrow's pandas shim whether
its input is a pandas object, and that shim imports pandas the first time it is asked — 0.3 CPU
seconds a process, for nothing where no pandas object is ever made. The arrays here are laid out
as Arrow lays them (a validity bitmap, offsets, values: NumPy arrays wrapped as buffers) and
hold the same values, types and nulls as ``pa.array`` makes of the same input: equal arrays.

:func:`arrow_frame` makes the table ``pa.Table.from_pandas(frame, preserve_index=False)`` makes
of a pandas frame — the same columns, types and values, and the schema's ``pandas`` metadata
that ``table.to_pandas()`` makes the frame again from — from its columns
(:func:`arrow_strings`, :func:`arrow_masked`, :func:`arrow_plain`, :func:`arrow_categorical`):
the datasets ``ingest`` writes are those of a corpus's pandas frames, written without pandas.
"""

import json
from collections.abc import Sequence
from typing import Any

from .errors import ExtraMissingError

__all__ = [
    "ArrowColumn",
    "arrow_categorical",
    "arrow_coded",
    "arrow_frame",
    "arrow_masked",
    "arrow_plain",
    "arrow_strings",
    "lists",
    "numbers",
    "strings",
    "structs",
    "table",
]

#: the Arrow type of each NumPy dtype :func:`numbers` takes, by the dtype's name
_TYPES = {
    "bool": "bool_",
    "int8": "int8",
    "int16": "int16",
    "int32": "int32",
    "int64": "int64",
    "float64": "float64",
}
#: the NumPy dtype of each Arrow type :func:`table` makes a column of numbers of
_DTYPES = {
    "int8": "int8",
    "int16": "int16",
    "int32": "int32",
    "int64": "int64",
    "double": "float64",
}


def _np() -> Any:
    import numpy

    return numpy


def _pa() -> Any:
    import pyarrow

    return pyarrow


def _validity(missing: Any) -> tuple[Any, int]:
    """The validity bitmap of ``missing`` (an array of bools, or ``None``), and the count of
    nulls: no bitmap where none is missing."""
    if missing is None:
        return None, 0
    nulls = int(missing.sum())
    if not nulls:
        return None, 0
    np = _np()
    return _pa().py_buffer(np.packbits(~missing, bitorder="little")), nulls


def numbers(values: Any, missing: Any = None) -> Any:
    """The Arrow array of a NumPy array of bools, integers or floats (its dtype's Arrow type),
    null where ``missing`` (an array of bools, or ``None``)."""
    pa, np = _pa(), _np()
    kind = getattr(pa, _TYPES[values.dtype.name])()
    if values.dtype == bool:
        data = np.packbits(values, bitorder="little")
    else:
        data = np.ascontiguousarray(values)
    validity, nulls = _validity(missing)
    return pa.Array.from_buffers(kind, len(values), [validity, pa.py_buffer(data)], nulls)


def strings(values: Sequence[str | None], *, large: bool = False) -> Any:
    """The Arrow array of ``values`` (``None``: null), ``string`` or ``large_string``."""
    pa, np = _pa(), _np()
    encoded = [b"" if v is None else v.encode("utf-8") for v in values]
    n = len(encoded)
    offsets = np.zeros(n + 1, "int64" if large else "int32")
    np.cumsum(np.fromiter(map(len, encoded), "int64", n), out=offsets[1:])
    missing = np.fromiter((v is None for v in values), bool, n)
    validity, nulls = _validity(missing)
    kind = pa.large_string() if large else pa.string()
    data = pa.py_buffer(b"".join(encoded))
    return pa.Array.from_buffers(kind, n, [validity, pa.py_buffer(offsets), data], nulls)


def lists(kind: Any, offsets: Any, values: Any, missing: Any = None) -> Any:
    """The Arrow list array of type ``kind`` whose item ``i`` is ``values[offsets[i] :
    offsets[i + 1]]`` (``offsets``: an int32 NumPy array), null where ``missing``."""
    pa = _pa()
    validity, nulls = _validity(missing)
    buffers = [validity, pa.py_buffer(offsets)]
    return pa.Array.from_buffers(kind, len(offsets) - 1, buffers, nulls, children=[values])


def structs(kind: Any, children: Sequence[Any]) -> Any:
    """The Arrow struct array of type ``kind`` of ``children`` (an array a field, none null)."""
    pa = _pa()
    length = len(children[0]) if children else 0
    return pa.Array.from_buffers(kind, length, [None], 0, children=list(children))


def column(kind: Any, values: Sequence[Any]) -> Any:
    """The Arrow array of ``values`` (``None``: null) of ``kind``: a string, an integer or a
    float type."""
    pa, np = _pa(), _np()
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return strings(values, large=pa.types.is_large_string(kind))
    n = len(values)
    missing = np.fromiter((v is None for v in values), bool, n)
    dtype = _DTYPES[str(kind)]
    zero = 0.0 if dtype == "float64" else 0
    data = np.array([zero if v is None else v for v in values], dtype)
    return numbers(data, missing)


def table(schema: Any, rows: Sequence[dict[str, Any]]) -> Any:
    """The Arrow table of ``schema`` (of strings, integers and floats) whose rows are
    ``rows``: ``pa.Table.from_pylist(rows, schema=schema)``."""
    pa = _pa()
    arrays = [column(field.type, [row.get(field.name) for row in rows]) for field in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


# --- pandas frames ----------------------------------------------------------------------------

#: a column of :func:`arrow_frame`: its name, its Arrow array, and what pandas' metadata says
#: of it — the dtype of the column pandas would hold (``numpy_type``: ``Int64``, ``string``,
#: a categorical's codes' type …) and its details (a categorical's count of categories)
ArrowColumn = tuple[str, Any, str, dict[str, Any] | None]

#: pandas' name of an Arrow type in its metadata (``pandas_type``), by the type's name
_LOGICAL = {
    "bool": "bool",
    "int8": "int8",
    "int16": "int16",
    "int32": "int32",
    "int64": "int64",
    "double": "float64",
    "string": "unicode",
    "null": "empty",
}
#: the NumPy dtype of each masked dtype of pandas (its Arrow type is that dtype's)
_MASKED = {"Int64": "int64", "Int8": "int8", "Float64": "float64"}


def arrow_frame(columns: Sequence[ArrowColumn]) -> Any:
    """The Arrow table of ``columns``, with the ``pandas`` metadata ``pa.Table.from_pandas``
    gives the pandas frame of those columns (no index): the table it makes of that frame."""
    pa = _pa()
    described = [
        {
            "name": name,
            "field_name": name,
            "pandas_type": _logical(array.type),
            "numpy_type": numpy_type,
            "metadata": details,
        }
        for name, array, numpy_type, details in columns
    ]
    metadata = {
        "index_columns": [],
        "column_indexes": [],
        "columns": described,
        "attributes": {},
        "creator": {"library": "pyarrow", "version": pa.__version__},
        "pandas_version": pandas_version(),
    }
    schema = pa.schema(
        [pa.field(name, array.type) for name, array, _kind, _details in columns],
        metadata={b"pandas": json.dumps(metadata).encode("utf8")},
    )
    return pa.Table.from_arrays([array for _name, array, _kind, _details in columns], schema=schema)


def _logical(kind: Any) -> str:
    if _pa().types.is_dictionary(kind):
        return "categorical"
    return _LOGICAL.get(str(kind), "object")


def arrow_strings(name: str, values: Sequence[str | None]) -> ArrowColumn:
    """A column of pandas' ``string`` dtype (``None``: missing)."""
    return name, strings(values, large=True), "string", None


def arrow_masked(name: str, values: Any, missing: Any, kind: str) -> ArrowColumn:
    """A column of pandas' masked dtype ``kind`` (``Int64``, ``Int8``, ``Float64``):
    ``values`` (numbers), missing where ``missing`` (an array of bools, or ``None``: none)."""
    data = _np().asarray(values, _MASKED[kind])
    return name, numbers(data, missing), kind, None


def arrow_plain(name: str, values: Any) -> ArrowColumn:
    """A column of a NumPy array's dtype."""
    return name, numbers(values), str(values.dtype), None


def arrow_coded(name: str, values: Sequence[str], categories: list[str]) -> ArrowColumn:
    """A categorical column of ``values`` among ``categories`` (one not among them missing):
    ``pd.Categorical(values, categories=categories)``."""
    at = {c: i for i, c in enumerate(categories)}
    codes = _np().array([at.get(v, -1) for v in values], "int64")
    return arrow_categorical(name, codes, categories)


def arrow_categorical(name: str, codes: Any, categories: list[str]) -> ArrowColumn:
    """A categorical column of ``codes`` (−1: missing) into ``categories``, its codes of the
    type pandas gives them: the narrowest of int8, int16, int32, int64 below whose largest
    value its count of categories stays."""
    pa, np = _pa(), _np()
    count = len(categories)
    kind = next((k for k in ("int8", "int16", "int32") if count < np.iinfo(k).max), "int64")
    codes = np.asarray(codes).astype(kind, copy=False)
    # pandas' categories of nothing are of no type
    dictionary = strings(categories, large=True) if count else pa.nulls(0)
    array = pa.DictionaryArray.from_arrays(numbers(codes, codes < 0), dictionary)
    return name, array, kind, {"num_categories": count, "ordered": False}


def pandas_version() -> str:
    """The version of pandas installed (its ``__version__``), as its distribution says it,
    without importing it; :class:`ExtraMissingError` without it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pandas")
    except PackageNotFoundError:
        raise ExtraMissingError(
            "pandas export needs pandas: pip install 'opengovreport[pandas]'"
        ) from None
