"""Mail texts, Dutch and English side by side. Placeholders use str.format."""

from __future__ import annotations

FOOTER = {
    "nl": "\n\nDit bericht is automatisch verstuurd door rosterdesk. Heb jij dit niet gedaan? "
          "Neem dan direct contact op met de helpdesk.",
    "en": "\n\nThis message was sent automatically by rosterdesk. Was this not you? "
          "Contact the helpdesk straight away.",
}

TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "reset": {
        "nl": ("Stel je wachtwoord in voor rosterdesk",
               "Hallo,\n\nJe hebt gevraagd om een wachtwoord voor rosterdesk. Open deze link om je wachtwoord in te "
               "stellen:\n\n{link}\n\nDe link werkt één keer en is {minutes} minuten geldig. Daarna kun je op de "
               "inlogpagina een nieuwe link aanvragen."),
        "en": ("Set your rosterdesk password",
               "Hello,\n\nYou asked for a rosterdesk password. Open this link to set your password:\n\n{link}\n\n"
               "The link works once and is valid for {minutes} minutes. After that, request a new link on the "
               "login page."),
    },
    "invite": {
        "nl": ("Uitnodiging voor rosterdesk: {institution}",
               "Hallo {name},\n\n{inviter} heeft je uitgenodigd voor rosterdesk bij {institution} (rol: {role}). "
               "Open deze link om je wachtwoord in te stellen:\n\n{link}\n\nDe link werkt één keer en is {hours} "
               "uur geldig. Is hij verlopen? Vraag dan op de inlogpagina een nieuwe link aan."),
        "en": ("Invitation to rosterdesk: {institution}",
               "Hello {name},\n\n{inviter} invited you to rosterdesk at {institution} (role: {role}). Open this "
               "link to set your password:\n\n{link}\n\nThe link works once and is valid for {hours} hours. Has it "
               "expired? Request a new link on the login page."),
    },
    "membership-added": {
        "nl": ("Je hebt toegang tot {institution} in rosterdesk",
               "Hallo {name},\n\n{inviter} heeft je toegang gegeven tot {institution} (rol: {role}). Log in op "
               "{base_url} met je bestaande account."),
        "en": ("You now have access to {institution} in rosterdesk",
               "Hello {name},\n\n{inviter} gave you access to {institution} (role: {role}). Log in at {base_url} "
               "with your existing account."),
    },
    "password-changed": {
        "nl": ("Je wachtwoord voor rosterdesk is gewijzigd",
               "Hallo,\n\nHet wachtwoord van je rosterdesk-account is zojuist gewijzigd. Andere sessies zijn "
               "beëindigd."),
        "en": ("Your rosterdesk password was changed",
               "Hello,\n\nThe password of your rosterdesk account was just changed. Other sessions were ended."),
    },
    "two-factor-enrolled": {
        "nl": ("Tweestapsverificatie ingesteld voor rosterdesk",
               "Hallo,\n\nEr is zojuist een authenticator-app gekoppeld aan je rosterdesk-account. Een eerder "
               "gekoppelde app en eerdere herstelcodes werken niet meer."),
        "en": ("Two-step verification set up for rosterdesk",
               "Hello,\n\nAn authenticator app was just linked to your rosterdesk account. Any app linked before "
               "and any earlier recovery codes no longer work."),
    },
    "recovery-codes-regenerated": {
        "nl": ("Nieuwe herstelcodes voor rosterdesk",
               "Hallo,\n\nEr zijn zojuist nieuwe herstelcodes gemaakt voor je rosterdesk-account. De oude codes "
               "werken niet meer."),
        "en": ("New rosterdesk recovery codes",
               "Hello,\n\nNew recovery codes were just made for your rosterdesk account. The old codes no longer "
               "work."),
    },
    "recovery-code-used": {
        "nl": ("Herstelcode gebruikt voor rosterdesk",
               "Hallo,\n\nEr is zojuist ingelogd met een herstelcode. Je hebt nog {left} ongebruikte codes. Maak "
               "nieuwe codes via je naam rechtsboven > Herstelcodes."),
        "en": ("Recovery code used for rosterdesk",
               "Hello,\n\nSomebody just logged in with a recovery code. You have {left} unused codes left. Make new "
               "codes through your name at the top right > Recovery codes."),
    },
}


def render(kind: str, lang: str, **params: object) -> tuple[str, str]:
    """(subject, body) of mail ``kind`` in ``lang``."""
    subject, body = TEXTS[kind]["en" if lang == "en" else "nl"]
    footer = FOOTER["en" if lang == "en" else "nl"]
    return subject.format(**params), body.format(**params) + footer
