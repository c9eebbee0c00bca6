"""Belarus–Russia defence ties: curated, sourced tables as a Frictionless data package.

Load one table, all tables, or join a fact table to its entities::

    from belarus_russia_defence import load, load_all
    sanctions = load("sanctions")                  # typed DataFrame, validated
    tables = load_all()                            # {"sanctions": DataFrame, ...}
    named = sanctions.merge(load("entities"), left_on="target_id", right_on="id",
                            suffixes=("", "_target"))

``load`` also reads a downloaded zip or a ``datapackage.json`` URL::

    load("exercises", source="belarus-russia-defence-ties-0.1.0.zip")
"""
from .load import load, load_all

__all__ = ["load", "load_all"]
