"""`,`: the server's settings — the name that signs letters, country (public holidays), its
subdivision, the buyer region (statutory refund rights), time zone and locale — each with what
it changes; then how reminders reach the user: desktop notifications (on unless turned off) and
opt-in push through apprise URLs, with exactly the text a push sends.

While nothing is set, the fields start with what this computer suggests (LANG / LC_ALL, the
system time zone), marked as suggestions: nothing is saved until the user saves.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Static, TextArea

from ...suggested_settings import SystemSettings, is_zone
from .base import FormScreen

NAMES = ("name", "country", "subdivision", "region", "timezone", "locale")
SUGGESTED = ("name", "country", "locale", "timezone")  # what this computer can say
LABELS = {
    "name": "Your name",
    "country": "Country",
    "subdivision": "State / Land",
    "region": "Region",
    "timezone": "Time zone",
    "locale": "Locale",
}
PLACEHOLDERS = {
    "name": "as on your orders: Jordan Lee",
    "country": "DE, FR, GB, US…",
    "subdivision": "optional: BY, CA…",
    "region": "empty: from the country",
    "timezone": "Europe/Berlin, America/New_York…",
    "locale": "de-DE, en-GB…",
}
# What each setting changes, under its field (a preview replaces it while the value is good).
HELP = {
    "name": "Signs the request, follow-up and escalation letters.",
    "country": "Follow-ups skip its public holidays; it sets the region too.",
    "subdivision": "Optional: a state or Land with holidays of its own.",
    "region": "Who has a legal right to cancel (EU, UK: 14 days).",
    "timezone": "The dates in letters, dossiers and clocks (unset: UTC).",
    "locale": "A clue to your region while no country is set.",
}
# Reminders: desktop notifications and push (server/notify/push.py: push_text sends exactly the
# reminder's title after this prefix, and its message).
PUSH_PREFIX = "Refund Tracker: "
MAX_PUSH_URLS = 5
PUSH_EXAMPLE = f"{PUSH_PREFIX}Trend Micro 16739482210 — 3 days left to ask for a refund (Digital River)"
PUSH_HELP = (
    "Push is off unless a URL is given: one apprise URL a line, at most 5 (ntfy://ntfy.sh/"
    "my-topic, tgram://BOT_TOKEN/CHAT_ID, mailto://…). What leaves this machine, per "
    "reminder, is exactly its title prefixed “Refund Tracker: ” and its message:\n"
)
PUSH_NOTHING_ELSE = "\nNothing else: no amounts, e-mail addresses, letters or other order details."
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_REGION = re.compile(r"^[A-Za-z]{2,3}$")
_SUBDIVISION = re.compile(r"^[A-Za-z0-9]{1,5}$")
_LOCALE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")


@lru_cache(maxsize=256)
def country_name(code: str) -> str | None:
    """Germany for DE; None when ``code`` is no ISO 3166 country."""
    import pycountry  # a dependency of the server; loaded only here

    country = pycountry.countries.get(alpha_2=code.upper()) if _COUNTRY.match(code) else None
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


class SettingsForm(FormScreen):
    TITLE = "Settings"

    def __init__(
        self,
        settings: dict[str, Any],
        catalog: dict[str, Any] | None = None,
        suggestion: SystemSettings | None = None,
    ) -> None:
        super().__init__(None)
        self.settings = settings
        # The catalog's buyer regions and legal clocks (None: the server did not say).
        self.regions: dict[str, Any] = (catalog or {}).get("regions") or {}
        self.legal: list[dict[str, Any]] = (catalog or {}).get("legal") or []
        nothing_set = not any(settings.get(name) for name in NAMES)
        self.suggestion = suggestion if nothing_set and suggestion else None

    # -- layout --------------------------------------------------------------------------
    def initial(self) -> dict[str, str]:
        values = {name: str(self.settings.get(name) or "") for name in NAMES}
        if self.suggestion is not None:
            values.update({name: getattr(self.suggestion, name) or "" for name in SUGGESTED})
        return values

    def fields(self) -> ComposeResult:
        yield Static(self._intro(), id="intro", classes="hint")
        values = self.initial()
        for name in NAMES:
            field = Input(values[name], placeholder=PLACEHOLDERS[name], compact=True)
            if self.suggestion is not None and values[name]:
                field.add_class("-suggested")
            yield from self.field(LABELS[name], field, name)
            yield Static(id=f"help-{name}", classes="hint setting-help")
        yield Static("Reminders", id="reminders-title", classes="section-title")
        desktop = Checkbox(
            "Desktop notifications",
            self.settings.get("desktop_notifications", True) is not False,
            compact=True,
        )
        yield from self.field("Desktop", desktop, "desktop_notifications")
        yield Static(
            "From the server, on this computer's desktop: 7, 3, 1 and 0 days before a refund "
            "window closes, on follow-up days, before renewals.",
            classes="hint setting-help",
        )
        urls = TextArea(
            "\n".join(self.settings.get("push_urls") or []),
            soft_wrap=False,
            show_line_numbers=False,
            compact=True,
            placeholder="ntfy://ntfy.sh/my-topic",
        )
        yield from self.field("Push", urls, "push_urls")
        yield Static(
            Text.assemble(PUSH_HELP, (PUSH_EXAMPLE, "bold"), PUSH_NOTHING_ELSE),
            id="help-push_urls",
            classes="hint setting-help",
        )

    def _intro(self) -> Text:
        suggestion = self.suggestion
        if suggestion is not None:
            sources = ", ".join(
                s for s in (suggestion.name_source, suggestion.locale_source, suggestion.timezone_source) if s
            )
            text = Text("Nothing is set yet. ")
            text.append("Suggested from this computer", style="bold")
            text.append(
                f" ({sources}): check, change what is wrong, then ctrl+s. Nothing is saved until you do."
            )
            return text
        if not any(self.settings.get(name) for name in NAMES):
            return Text(
                "Nothing is set yet: follow-ups skip weekends only, and EU/UK rights are "
                "guessed from each order's currency."
            )
        return Text(
            "Saving works out every case's deadlines again. Follow-up dates already set stay as they are."
        )

    def after_mount(self) -> None:
        for name in NAMES:
            self._explain(name)
        self.query_one("#field-name", Input).focus()

    # -- what each value means, as it is typed ------------------------------------------
    @on(Input.Changed)
    def changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name not in NAMES:
            return
        if event.value != self.initial()[name]:
            event.input.remove_class("-suggested")
        self.clear_error(name)
        self._explain(name)
        if name == "country":
            self._explain("region")  # "from the country" follows it
            self._explain("subdivision")

    def _explain(self, name: str) -> None:
        value = self.value(name).strip()
        country = self.value("country").strip().upper()
        text = Text(HELP[name])
        if name in self._error_names:
            pass  # a preview would contradict the error shown under the field
        elif name == "country" and value and country_name(value):
            text = Text.assemble(
                (country_name(value) or "", "bold"), ": follow-ups skip its public holidays."
            )
        elif name == "subdivision" and value and country:
            text = Text.assemble(
                (value.upper(), "bold"), f": its holidays as well as {country}'s national ones."
            )
        elif name == "region":
            region = value.upper() or self._region_of_country(country)
            if region and region in self.regions:
                text = self._region_words(region, from_country=not value)
            elif not value and not country:
                text = Text("Empty: guessed from each order's currency.")
        elif name == "timezone" and value and is_zone(value):
            from zoneinfo import ZoneInfo

            now = self.app.clock.now().astimezone(ZoneInfo(value))
            text = Text.assemble(
                (f"{now:%H:%M}", "bold"),
                f" there now ({now:%a}); times you log and read, letters and dossiers are in it.",
            )
        self.query_one(f"#help-{name}", Static).update(text)

    def _region_of_country(self, country: str) -> str | None:
        for name, region in self.regions.items():
            if country.upper() in (code.upper() for code in region.get("countries") or ()):
                return name
        return None

    def _region_words(self, region: str, *, from_country: bool) -> Text:
        label = (self.regions.get(region) or {}).get("label") or region
        rights = [
            f"{re.sub(r' *[(].*?[)]', '', clock.get('label') or '')}, {clock.get('days')} days"
            for clock in self.legal
            if clock.get("kind") == "refund" and region in (clock.get("regions") or ())
        ]
        return Text.assemble(
            (label, "bold"),
            " (from the country)" if from_country else "",
            ": ",
            "; ".join(rights) if rights else "no legal right to cancel known",
            ".",
        )

    @on(TextArea.Changed, "#field-push_urls")
    def push_urls_changed(self) -> None:
        self.clear_error("push_urls")

    def show_errors(self, fields: dict[str, str], message: str = "") -> None:
        # "push_urls[2]" (the server names the URL at fault by its place): under the field.
        fields = {re.sub(r"\[\d+\]$", "", name): text for name, text in fields.items()}
        super().show_errors(fields, message)
        for name in NAMES:
            self._explain(name)

    # -- saving --------------------------------------------------------------------------
    def validate(self) -> dict[str, str]:
        problems = {}
        name = self.value("name").strip()
        if len(name) > 120:
            problems["name"] = "at most 120 characters"
        elif any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in name):
            problems["name"] = "letters, spaces and punctuation only"
        country = self.value("country").strip()
        if country and not country_name(country):
            problems["country"] = (
                "write the two-letter ISO code, e.g. DE, FR, GB or US"
                if not _COUNTRY.match(country)
                else f"{country.upper()} is not a country code: DE, FR, GB, US…"
            )
        subdivision = self.value("subdivision").strip()
        if subdivision and not _SUBDIVISION.match(subdivision):
            problems["subdivision"] = "write its short code, e.g. BY (Bavaria) or CA (California)"
        elif subdivision and not country:
            problems["subdivision"] = "needs a country: set the country too"
        region = self.value("region").strip().upper()
        if region and (not _REGION.match(region) or (self.regions and region not in self.regions)):
            known = ", ".join(self.regions) or "EU, UK, US"
            problems["region"] = f"one of {known}, or empty to follow the country"
        timezone = self.value("timezone").strip()
        if timezone and not is_zone(timezone):
            problems["timezone"] = "not a time zone: write one such as Europe/Berlin or America/New_York"
        locale = self.value("locale").strip()
        if locale and not _LOCALE.match(locale):
            problems["locale"] = "write a language and country such as de-DE or en-GB"
        urls = self.push_urls()
        if len(urls) > MAX_PUSH_URLS:
            problems["push_urls"] = f"at most {MAX_PUSH_URLS} URLs, one a line"
        elif any(any(ch.isspace() for ch in url) for url in urls):
            problems["push_urls"] = "one URL a line, with no spaces in it"
        return problems

    def push_urls(self) -> list[str]:
        """The push field's URLs: one a line, blank lines left out."""
        return [line.strip() for line in self.value("push_urls").splitlines() if line.strip()]

    def desktop_notifications(self) -> bool:
        return self.query_one("#field-desktop_notifications", Checkbox).value

    def notification_patch(self) -> dict[str, Any]:
        """What changed in how reminders reach the user."""
        patch: dict[str, Any] = {}
        if self.desktop_notifications() != (self.settings.get("desktop_notifications", True) is not False):
            patch["desktop_notifications"] = self.desktop_notifications()
        if self.push_urls() != list(self.settings.get("push_urls") or []):
            patch["push_urls"] = self.push_urls()
        return patch

    def wanted(self) -> dict[str, str | None]:
        """Every setting as the form has it (empty: not set)."""
        values = {name: self.value(name).strip() or None for name in NAMES}
        for name in ("country", "region"):
            code = values[name]
            values[name] = code.upper() if code else None
        locale = values["locale"]
        if locale:
            values["locale"] = locale.replace("_", "-")
        return values

    async def save(self) -> Any:
        patch = {name: value for name, value in self.wanted().items() if value != self.settings.get(name)}
        reminders = self.notification_patch()
        if not patch and not reminders:
            self.notify("Nothing changed.")
            return self.settings
        settings = await self.api.patch_settings({**patch, **reminders})
        self.app.settings_arrived(settings)
        if patch:
            self.notify("Saved. Deadlines now count with them; set follow-ups stay.", title="Settings")
        else:
            urls = len(settings.get("push_urls") or [])
            push = f"push to {urls} URL{'s' if urls != 1 else ''}" if urls else "no push"
            desktop = "on" if settings.get("desktop_notifications", True) else "off"
            self.notify(f"Saved. Reminders: desktop notifications {desktop}, {push}.", title="Settings")
        return settings
