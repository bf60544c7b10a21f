"""Ceasefire: a political strategy game of Iraq in spring 2008."""
