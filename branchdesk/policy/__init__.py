"""Policy files (issue 13): a branch's whole policy as one human-readable TOML file, and presets."""
