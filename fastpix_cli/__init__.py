"""``fastpix``: the FastPix command line, built on the synchronous client ``fastpix_sync``.

Needs the ``cli`` extra (``pip install "fastpix-sdk[cli]"``: click and rich). Laid out as:
``app`` (the root command and its options), ``settings`` (options every command shares and
the one place a client is built), ``output`` (tables, JSON lines, plain text), ``errors``
(exit codes), ``params`` (durations, sizes, ``k=v``, ``@file``) and one module per command
group in ``commands``.
"""
