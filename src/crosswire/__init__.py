"""crosswire."""
