"""The office's rules in plain Python: no Reflex, no database, no clock (``now`` is passed in)."""
