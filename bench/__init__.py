"""``make bench``: timings of cocci-series, run by hand (not a unit test)."""
