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
    # the content check of an upload (uploads/tasks.py) and the helpdesk review (review/services.py)
    "check-valid": {
        "nl": ("Controle klaar: {profile} versie {number} is in orde",
               "Hallo,\n\nDe controle van {filename} ({profile}, versie {number}) voor {institution} is klaar: "
               "het bestand is in orde. Rijen: {rows}, fouten: 0, waarschuwingen: {warnings}.\n\nBekijk het "
               "resultaat en bevestig de versie:\n\n{base_url}/i/{institution_id}/versions/{version_id}"),
        "en": ("Check finished: {profile} version {number} is fine",
               "Hello,\n\nThe check of {filename} ({profile}, version {number}) for {institution} has finished: "
               "the file is fine. Rows: {rows}, errors: 0, warnings: {warnings}.\n\nSee the result and confirm "
               "the version:\n\n{base_url}/i/{institution_id}/versions/{version_id}"),
    },
    "check-invalid": {
        "nl": ("Controle klaar: {profile} versie {number} bevat fouten",
               "Hallo,\n\nDe controle van {filename} ({profile}, versie {number}) voor {institution} is klaar: "
               "het bestand bevat fouten. Rijen: {rows}, fouten: {errors}, waarschuwingen: {warnings}.\n\nBekijk "
               "de fouten, pas het bestand aan en upload het opnieuw:\n\n"
               "{base_url}/i/{institution_id}/versions/{version_id}"),
        "en": ("Check finished: {profile} version {number} has errors",
               "Hello,\n\nThe check of {filename} ({profile}, version {number}) for {institution} has finished: "
               "the file has errors. Rows: {rows}, errors: {errors}, warnings: {warnings}.\n\nSee the errors, fix "
               "the file and upload it again:\n\n{base_url}/i/{institution_id}/versions/{version_id}"),
    },
    "check-failed": {
        "nl": ("Controle mislukt: {profile} versie {number}",
               "Hallo,\n\nDe controle van {filename} ({profile}, versie {number}) voor {institution} is na "
               "{attempts} pogingen mislukt; het bestand kon niet worden verwerkt. Sla het bestand opnieuw op in "
               "Excel en upload het nog eens; lukt het dan nog niet, neem contact op met de helpdesk.\n\n"
               "{base_url}/i/{institution_id}/versions/{version_id}"),
        "en": ("Check failed: {profile} version {number}",
               "Hello,\n\nThe check of {filename} ({profile}, version {number}) for {institution} failed after "
               "{attempts} attempts; the file could not be processed. Save the file again in Excel and upload it "
               "once more; if it still fails, contact the helpdesk.\n\n"
               "{base_url}/i/{institution_id}/versions/{version_id}"),
    },
    "review-submitted": {
        "nl": ("Lijst opgestuurd: {profile} versie {number}",
               "Hallo,\n\nJe lijst {filename} ({profile}, versie {number}) voor {institution} is succesvol "
               "opgestuurd. {why}\n\nLet op: de gegevens tellen pas mee als de helpdesk de lijst heeft "
               "goedgekeurd. Je krijgt een e-mail zodra dat is gebeurd, of als er iets moet worden aangepast.\n\n"
               "{base_url}/i/{institution_id}/versions/{version_id}"),
        "en": ("List submitted: {profile} version {number}",
               "Hello,\n\nYour list {filename} ({profile}, version {number}) for {institution} was submitted "
               "successfully. {why}\n\nPlease note: the data only count once the helpdesk has approved the list. "
               "You will get an e-mail as soon as that has happened, or when something needs to be changed.\n\n"
               "{base_url}/i/{institution_id}/versions/{version_id}"),
    },
    "review-approved": {
        "nl": ("Lijst goedgekeurd: {profile} versie {number}",
               "Hallo,\n\nDe helpdesk heeft je lijst {filename} ({profile}, versie {number}) voor {institution} "
               "goedgekeurd. De gegevens zijn ingeladen en tellen nu mee.\n\n"
               "{base_url}/i/{institution_id}/versions/{version_id}"),
        "en": ("List approved: {profile} version {number}",
               "Hello,\n\nThe helpdesk approved your list {filename} ({profile}, version {number}) for "
               "{institution}. The data have been loaded and now count.\n\n"
               "{base_url}/i/{institution_id}/versions/{version_id}"),
    },
    "review-rejected": {
        "nl": ("Lijst afgekeurd: {profile} versie {number}",
               "Hallo,\n\nDe helpdesk heeft je lijst {filename} ({profile}, versie {number}) voor {institution} "
               "afgekeurd. De gegevens zijn niet ingeladen; wat er al stond, blijft staan.\n\nReden:\n{reason}"
               "\n\nPas het bestand aan en stuur het opnieuw op:\n\n{base_url}/i/{institution_id}/uploads/"
               "{profile_slug}"),
        "en": ("List rejected: {profile} version {number}",
               "Hello,\n\nThe helpdesk rejected your list {filename} ({profile}, version {number}) for "
               "{institution}. The data were not loaded; what was there stays as it was.\n\nReason:\n{reason}"
               "\n\nFix the file and submit it again:\n\n{base_url}/i/{institution_id}/uploads/{profile_slug}"),
    },
    # A list sent through a submission link (docs/submission-links.md): the visitor has no account, so
    # these mails do not link to the school's portal; they say what happens next instead.
    "link-submitted": {
        "nl": ("Lijst opgestuurd: {profile} voor {institution}",
               "Hallo,\n\nJe lijst {filename} ({profile}) voor {institution} is succesvol opgestuurd. {why}\n\n"
               "De helpdesk controleert de lijst; pas daarna worden de gegevens ingeladen. Je hoeft nu niets te "
               "doen: je krijgt een e-mail zodra de lijst is goedgekeurd, of als er iets moet worden aangepast."),
        "en": ("List submitted: {profile} for {institution}",
               "Hello,\n\nYour list {filename} ({profile}) for {institution} was submitted successfully. {why}"
               "\n\nThe helpdesk checks the list; only then are the data loaded. You need not do anything now: "
               "you will get an e-mail as soon as the list has been approved, or when something needs to be "
               "changed."),
    },
    "link-approved": {
        "nl": ("Lijst goedgekeurd: {profile} voor {institution}",
               "Hallo,\n\nDe helpdesk heeft je lijst {filename} ({profile}) voor {institution} goedgekeurd. De "
               "gegevens zijn ingeladen en tellen nu mee. Je hoeft verder niets te doen."),
        "en": ("List approved: {profile} for {institution}",
               "Hello,\n\nThe helpdesk approved your list {filename} ({profile}) for {institution}. The data "
               "have been loaded and now count. You need not do anything else."),
    },
    "link-rejected": {
        "nl": ("Lijst afgekeurd: {profile} voor {institution}",
               "Hallo,\n\nDe helpdesk heeft je lijst {filename} ({profile}) voor {institution} afgekeurd. De "
               "gegevens zijn niet ingeladen.\n\nReden:\n{reason}\n\nPas het bestand aan en stuur het opnieuw "
               "op via de link die je van {institution} hebt gekregen, zolang die geldig is. Werkt de link niet "
               "meer? Vraag {institution} dan om een nieuwe."),
        "en": ("List rejected: {profile} for {institution}",
               "Hello,\n\nThe helpdesk rejected your list {filename} ({profile}) for {institution}. The data "
               "were not loaded.\n\nReason:\n{reason}\n\nFix the file and submit it again through the link "
               "you received from {institution}, while it is valid. Does the link no longer work? Then ask "
               "{institution} for a new one."),
    },
}

# The invitation to a student or teacher (platform/cjp/invitations.py, seed 002): the code and what to do with it.
# The address is CJP's (setting RD_CJP_ACTIVATE_URL); the person has no account here, so the footer says who sent it.
TEXTS["cjp-invitation"] = {
    "nl": ("Je gratis CJP van {institution}: je activatiecode",
           "Hallo {name},\n\n{institution} biedt je een gratis CJP-cultuurpas aan. Je persoonlijke activatiecode "
           "is:\n\n    {code}\n\nZo activeer je je CJP:\n1. Ga naar {activate_url}.\n2. Vul je "
           "activatiecode in en maak een account aan (of log in als je er al een hebt).\n3. Je CJP staat daarna in "
           "de CJP-app.\n\nDe code werkt één keer en is alleen voor jou: deel hem niet. Vragen? Stel ze aan "
           "{institution}."),
    "en": ("Your free CJP from {institution}: your activation code",
           "Hello {name},\n\n{institution} offers you a free CJP culture pass. Your personal activation code "
           "is:\n\n    {code}\n\nHow to activate your CJP:\n1. Go to {activate_url}.\n2. Enter your "
           "activation code and create an account (or log in if you already have one).\n3. Your CJP is then in "
           "the CJP app.\n\nThe code works once and is only for you: do not share it. Questions? Ask "
           "{institution}."),
}
KIND_FOOTERS: dict[str, dict[str, str]] = {
    "cjp-invitation": {
        "nl": "\n\nDit bericht is automatisch verstuurd door rosterdesk namens {institution}.",
        "en": "\n\nThis message was sent automatically by rosterdesk on behalf of {institution}.",
    },
}
"""Mails to people without a rosterdesk account get their own footer instead of ``FOOTER``."""


def render(kind: str, lang: str, **params: object) -> tuple[str, str]:
    """(subject, body) of mail ``kind`` in ``lang``."""
    subject, body = TEXTS[kind]["en" if lang == "en" else "nl"]
    footer = KIND_FOOTERS.get(kind, FOOTER)["en" if lang == "en" else "nl"].format(**params)
    return subject.format(**params), body.format(**params) + footer
