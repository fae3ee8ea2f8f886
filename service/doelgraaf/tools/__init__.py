"""Build-time tools: they write files the project commits (vocabularies, JSON-LD context) or a static
site. The service never imports them (a contract in pyproject.toml checks it)."""
