"""`refunds service`: the server started at login, by the platform's own service manager.

Linux: a systemd *user* unit, ``$XDG_CONFIG_HOME/systemd/user/refund-tracker.service`` (else
``~/.config/...``), enabled with ``systemctl --user enable --now``. macOS: a LaunchAgent,
``~/Library/LaunchAgents/local.refund-tracker.server.plist``, loaded with ``launchctl bootstrap
gui/UID``. Windows: a Task Scheduler task run at the user's logon, created from a task XML
kept in the config directory (``schtasks /Create /XML``: a logon trigger for the user alone
needs no administrator, unlike ``/SC ONLOGON``, and the XML has no 261-character limit on the
command; its time limit is switched off, where the default would stop the server after 72 h).

Everything that decides what is written and run is a pure function of its arguments
(units.py: ``render_*`` and the paths; manage.py: ``install_plan``, ``uninstall_plan``,
``service_file``): testable on any OS. The side effects (writing the file whole or not at
all, running systemctl / launchctl / schtasks with a list argv, never a shell) are in
manage.py's ``install``, ``uninstall`` and ``status``.
"""

from .manage import (
    Outcome,
    Plan,
    Status,
    Where,
    install,
    install_plan,
    installed_command,
    run_command,
    service_file,
    service_installed,
    status,
    uninstall,
    uninstall_plan,
)
from .units import (
    DESCRIPTION,
    LAUNCHD_LABEL,
    LINUX,
    MACOS,
    NO_RESTART_EXIT_CODES,
    SYSTEMD_UNIT,
    WINDOWS,
    WINDOWS_TASK,
    WINDOWS_TASK_FILE,
    ServiceError,
    launchd_log_file,
    launchd_plist_path,
    platform_key,
    render_launchd_plist,
    render_systemd_unit,
    render_windows_task,
    server_argv,
    systemd_command_line,
    systemd_quote,
    systemd_unit_path,
    windows_command_line,
    windows_task_file,
)

__all__ = [
    "DESCRIPTION",
    "LAUNCHD_LABEL",
    "LINUX",
    "MACOS",
    "NO_RESTART_EXIT_CODES",
    "Outcome",
    "Plan",
    "SYSTEMD_UNIT",
    "ServiceError",
    "Status",
    "WINDOWS",
    "WINDOWS_TASK",
    "WINDOWS_TASK_FILE",
    "Where",
    "install",
    "install_plan",
    "installed_command",
    "launchd_log_file",
    "launchd_plist_path",
    "platform_key",
    "render_launchd_plist",
    "render_systemd_unit",
    "render_windows_task",
    "run_command",
    "server_argv",
    "service_file",
    "service_installed",
    "status",
    "systemd_command_line",
    "systemd_quote",
    "systemd_unit_path",
    "uninstall",
    "uninstall_plan",
    "windows_command_line",
    "windows_task_file",
]
