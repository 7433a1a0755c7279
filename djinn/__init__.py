"""djinn: a contract-first CI server whose REST API is a drop-in for Djinn CI's."""

__version__ = "0.1.0"
