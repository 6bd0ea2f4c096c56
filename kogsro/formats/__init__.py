"""Output formats: one module each, imported lazily."""
