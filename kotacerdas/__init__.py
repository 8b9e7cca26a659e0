"""kotacerdas: one structured record for the Indonesian Smart City masterplan lifecycle."""

__version__ = "0.1.0"
