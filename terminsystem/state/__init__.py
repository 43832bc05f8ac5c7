"""Thin Reflex states, one per page: validate input, call one service, copy plain data into vars."""
