"""What every request needs: database, errors, security, templating, languages, caching, logging."""
