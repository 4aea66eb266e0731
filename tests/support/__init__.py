"""What the test folders share, written once: free ports (`ports`), the one `refunds serve`
launcher and the CLI (`server`), captures built from the fixture pages (`captures`), and
waits on a condition instead of fixed sleeps (`waits`).

The parts the benchmarks need too live in bench/_support.py (bench/ must run without tests/);
these modules re-use them.
"""
