"""HTTP handlers, one module per area of the API; the route table is in server/routes.py."""
