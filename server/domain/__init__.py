"""Refund cases as data: the stored shape, the status machine and the pure rules that edit them."""
