"""A workshop's file: its records, validity, grade, verdict, directory and upkeep."""
