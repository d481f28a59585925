"""The staff pages' forms: each field checks its input and says what is wrong in Chinese."""
