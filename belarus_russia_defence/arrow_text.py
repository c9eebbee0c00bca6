"""Vectorised text operations in pyarrow, shared by validation and the type registry."""
from __future__ import annotations

import pandas as pd


def arrow_strings(values):
    """Text values as a pyarrow string array, without copying when they already are one."""
    import pyarrow as pa

    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values
    if isinstance(values, pd.Series):
        arr = values.array
        if hasattr(arr, "__arrow_array__"):
            return arr.__arrow_array__()
        return pa.array(values.astype(object).where(values.notna(), None).tolist(), type=pa.string())
    if isinstance(values, (set, frozenset)):
        values = sorted(str(v) for v in values)
    return pa.array(list(values), type=pa.string())


def is_in(s: pd.Series, values) -> pd.Series:
    """``s.isin(values)`` in C: pandas' own isin loops in Python over its pyarrow-backed strings."""
    import pyarrow.compute as pc

    if len(s) == 0:
        return pd.Series([], index=s.index, dtype=bool)
    found = pc.is_in(arrow_strings(s.astype("str")), value_set=arrow_strings(values), skip_nulls=True)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=s.index).fillna(False).astype(bool)
