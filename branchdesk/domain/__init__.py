"""Pure rules of complaint handling: no database, no Qt, no clock."""
