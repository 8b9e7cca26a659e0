"""The roadmap: constraints, pinned starts, optimiser runs in the background and their charts."""
