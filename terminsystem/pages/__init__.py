"""Views only."""
