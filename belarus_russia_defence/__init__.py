"""Belarus–Russia defence ties: curated, sourced tables as a Frictionless data package.

Load one table, all tables, or join a fact table to its entities::

    from belarus_russia_defence import load, load_all
    sanctions = load("sanctions")                  # typed DataFrame, validated
    tables = load_all()                            # {"sanctions": DataFrame, ...}
    named = sanctions.merge(load("entities"), left_on="target_id", right_on="id",
                            suffixes=("", "_target"))

``load`` also reads a downloaded zip or a ``datapackage.json`` URL::

    load("exercises", source="belarus-russia-defence-ties-0.2.0.zip")
"""
__all__ = ["load", "load_all"]


def __getattr__(name):  # pandas is imported on first use, not on `import belarus_russia_defence`
    if name in __all__:
        import importlib

        module = importlib.import_module(".outputs.frames", __name__)
        globals().update(load=module.load, load_all=module.load_all)  # the functions, not the submodule
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
