"""What the validated package becomes, side by side: each output reads the text tables and the schemas.

- ``sqlite``: the SQLite database that Datasette serves (keys, indexes, full-text search, the
  ``*_named`` views and the analytic views of ``sqlite_views``, the ``code_names`` and
  ``value_labels`` reference tables);
- ``downloads``: the release's files (the zip of the data package, the SQLite file, the Excel
  workbook, Parquet per table, and FollowTheMoney entities from ``ftm``), written only from a
  package that validates;
- ``frames``: typed pandas DataFrames (``load``, ``load_all``), and ``csv_text``, their inverse.
"""
