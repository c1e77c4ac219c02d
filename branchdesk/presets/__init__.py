"""Ready-made policy files (``*.toml``), shipped as package data; listed by ``branchdesk.policy.presets``."""
