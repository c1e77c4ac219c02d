"""Storage: schema (models), engines and transactions, migrations, backups."""
