"""State holders between the views and the store/writing/engine layers.

Controllers own the work (what to run, in which order, where results go) and
expose Qt signals; views only display and forward user intent.  They hold no
widgets, so they can be driven directly in tests and benchmarks.
"""
