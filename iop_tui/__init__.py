"""iop-tui: a first assessment (första bedömning) of IOP, föreningsbidrag or upphandling."""

__version__ = "0.1.0"
