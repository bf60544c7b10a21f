"""The classroom: class codes (one world for a whole class) and reports across a class's games."""
