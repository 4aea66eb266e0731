"""The localhost attack surface: who may talk to the server, and how they prove it."""
