"""Sub-commands of the `enclave` CLI; each module defines `register(subparsers)`.

A module's `register` adds one parser and sets `handler=` to a function taking
the parsed namespace and returning an exit code.
"""
