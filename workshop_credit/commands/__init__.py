"""The command line, grouped by who runs it and why.

- ``accounts``: the operator creates and deactivates staff accounts;
- ``upkeep``: the operator's jobs (``daily`` from a timer, ``backup``, ``search-index``);
- ``records``: a county's records in bulk (``import-workshops``, ``boards``);
- ``demo``: ``seed-demo`` for development.

``daily_jobs`` and ``backups`` hold what those commands run, without Flask's CLI.
"""

from workshop_credit.commands import accounts, demo, records, upkeep

COMMANDS = (
    accounts.create_admin,
    accounts.create_user,
    accounts.deactivate_user,
    upkeep.daily,
    upkeep.refresh_grades,
    upkeep.backup,
    upkeep.search_index_cli,
    records.import_workshops,
    records.boards,
    demo.seed_demo,
)


def register(app):
    """Attach the commands to ``app.cli``."""
    for command in COMMANDS:
        app.cli.add_command(command)
