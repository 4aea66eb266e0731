"""The screens of the terminal UI: the board, a case, the calendar, and the modal forms."""
