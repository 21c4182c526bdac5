"""The UI's only door to the store, writing and engine layers.

`protocols` says what the UI needs in its own terms; the sibling modules
adapt the real layers to it.  Widgets and controllers depend on the
protocols, so a change in a lower layer's API is absorbed here.
"""
