"""Refund Tracker's terminal UI: a client of the local server's HTTP API and events socket.

__main__.py   `refunds` with no command: run(data_dir, demo)
app.py        RefundsApp: the app-wide keys, the screens and forms they open, writes from them
connection.py ServerConnection: start-up, the events stream and reconnection, loading the board
app_state.py  AppState: the cases, settings and header in memory, their signals, the toasts
backend.py    attach to the running server, or start one in-process
api.py        ApiClient: HTTP requests and the events WebSocket; ApiError, ServerUnreachable
prefetch.py   the first board's data, asked for while the UI is still loading
cases.py      CaseIndex: urgency order, the six views (archived apart), the filter, the summary
suggested_settings.py  what this computer suggests for the settings (LANG / LC_ALL, the time zone)
chrome.py     Chrome: what the header and the connection banner show (the Link to the server)
clipboard.py  copying text out: the system clipboard (pyperclip) and OSC 52, and what to say
case_sections.py  the case screen's sections (facts, items, who refunds, clocks, channels,
              checklist) as Rich renderables
contacts.py   official contacts: the number to copy, the log form's suggestion, lookalike warnings
purchase_sources.py  how a case was bought, in the edit form's and the case screen's words
advice.py, formatting.py   what the screens say, as pure functions
statuses.py   the server's status words (short names, help, disputing, closing days), read once
screens/      board, case detail, calendar, help, start-up error; forms/ (modal dialogs)
widgets/      header, connection banner, case table, calendar chart, timeline, footer
*.tcss        the stylesheets (app.tcss, and one beside each screen that needs its own)
"""
