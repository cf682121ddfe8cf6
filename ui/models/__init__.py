"""Qt item models of the desktop program, one module per model."""
