"""How long a test waits for what happens on its own (a timer, a thread, the event loop).

A wait ends as soon as its condition holds, so a generous limit costs nothing on a fast
machine; it only keeps a slow, loaded CI machine from failing a test that would pass.
Speed is measured in benchmarks/, never by these limits.
"""

WAIT_MS = 30_000
WAIT_S = WAIT_MS / 1000
