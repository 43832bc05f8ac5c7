"""Use cases. Each opens its own transaction, applies domain rules and commits."""
