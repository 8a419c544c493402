"""The command groups of ``fastpix``, one module each."""
