"""Tests of harmwatch.evaluation, including agreement with the reference scorer."""
