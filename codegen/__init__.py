"""Build-time code generation: the sync twin and the derived API contract."""
