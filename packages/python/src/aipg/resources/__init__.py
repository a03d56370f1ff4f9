"""The resources under ``Grid`` / ``AsyncGrid``, one module per API area."""
