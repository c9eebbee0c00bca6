"""Constants that many modules need; importing this module imports nothing else."""

#: The name of the SQLite database and of its Datasette database.
DATABASE_NAME = "belarus_russia_defence"
