"""Every text of the pages, in Dutch (default) and English. Each error says what to do next."""

from __future__ import annotations

from rosterdesk.platform.cjp.texts import CJP_TEXTS
from rosterdesk.platform.records.texts import RECORDS_TEXTS
from rosterdesk.platform.review.texts import REVIEW_TEXTS
from rosterdesk.platform.roster.mapping_texts import MAPPING_TEXTS
from rosterdesk.platform.roster.texts import ROSTER_TEXTS
from rosterdesk.platform.submission.texts import SUBMISSION_TEXTS
from rosterdesk.platform.validation_tool.texts import TOOL_TEXTS
from rosterdesk.platform.web.nse_texts import NSE_TEXTS
from rosterdesk.platform.web.reference_texts import REFERENCE_TEXTS
from rosterdesk.platform.web.upload_texts import UPLOAD_TEXTS

LANGUAGES = ("nl", "en")

TEXTS: dict[str, tuple[str, str]] = {
    # navigation and layout
    "nav.skip": ("Naar de inhoud", "Skip to content"),
    "nav.label": ("Hoofdnavigatie", "Main navigation"),
    "nav.home": ("Start", "Home"),
    "nav.institutions": ("Instellingen", "Institutions"),
    "nav.audit": ("Logboek", "Audit log"),
    "nav.outbox": ("Verzonden e-mail", "Sent mail"),
    "nav.members": ("Gebruikers", "Users"),
    "nav.user-menu": ("Gebruikersmenu", "User menu"),
    "nav.account": ("Mijn account", "My account"),
    "nav.password": ("Wachtwoord wijzigen", "Change password"),
    "nav.two-factor": ("Authenticator-app opnieuw koppelen", "Link authenticator app again"),
    "nav.recovery": ("Herstelcodes", "Recovery codes"),
    "nav.logout": ("Uitloggen", "Log out"),
    "nav.language": ("Taal", "Language"),
    "nav.switch-language": ("English", "Nederlands"),
    "footer.text": ("rosterdesk: lijsten aanleveren, controleren en bevestigen.",
                    "rosterdesk: hand in, check and confirm lists."),
    "form.required": ("verplicht", "required"),
    "form.errors-title": ("Dit moet nog worden aangepast", "Please correct the following"),
    # login
    "login.title": ("Inloggen", "Log in"),
    "login.intro": ("Log in met je e-mailadres en wachtwoord.", "Log in with your e-mail address and password."),
    "login.email": ("E-mailadres", "E-mail address"),
    "login.password": ("Wachtwoord", "Password"),
    "login.submit": ("Inloggen", "Log in"),
    "login.request": ("Eerste keer of wachtwoord vergeten? Vraag hier je wachtwoord aan.",
                      "First time, or forgot your password? Request your password here."),
    "login.failed": ("Deze combinatie van e-mailadres en wachtwoord klopt niet, of het account is niet actief. "
                     "Controleer je invoer, of vraag een nieuw wachtwoord aan via de link hieronder.",
                     "This e-mail address and password do not match, or the account is not active. Check what "
                     "you typed, or request a new password through the link below."),
    "login.throttled": ("Te veel mislukte pogingen. Wacht {minutes} minuut/minuten en probeer het dan opnieuw, of "
                        "vraag een nieuw wachtwoord aan.",
                        "Too many failed attempts. Wait {minutes} minute(s) and try again, or request a new "
                        "password."),
    "notice.expired": ("Je sessie is verlopen omdat je een tijd niets hebt gedaan. Log opnieuw in.",
                       "Your session ended because it was idle for a while. Please log in again."),
    "notice.logged-out": ("Je bent uitgelogd.", "You are logged out."),
    "notice.password-set": ("Je wachtwoord is ingesteld. Log nu in met je nieuwe wachtwoord.",
                            "Your password is set. Log in with your new password now."),
    "notice.login-first": ("Log eerst in om deze pagina te openen.", "Please log in first to open this page."),
    # second factor
    "code.title": ("Code uit je authenticator-app", "Code from your authenticator app"),
    "code.intro": ("Open je authenticator-app en typ de zescijferige code voor rosterdesk. Lukt dat niet? Typ dan "
                   "een van je herstelcodes.",
                   "Open your authenticator app and type the six-digit code for rosterdesk. Can't? Type one of your "
                   "recovery codes instead."),
    "code.label": ("Code of herstelcode", "Code or recovery code"),
    "code.submit": ("Controleren", "Verify"),
    "code.cancel": ("Annuleren en opnieuw inloggen", "Cancel and log in again"),
    "code.wrong": ("Deze code klopt niet of is al gebruikt. Wacht op de volgende code in je app (elke 30 seconden) "
                   "en typ die, of gebruik een herstelcode.",
                   "This code is wrong or was already used. Wait for the next code in your app (every 30 seconds) "
                   "and type that one, or use a recovery code."),
    "code.wrong-enrol": ("Deze code klopt niet. Controleer of de klok van je telefoon goed staat en typ de code die "
                         "je app nu toont.",
                         "This code is not right. Check that your phone's clock is correct and type the code your "
                         "app shows now."),
    # enrolment
    "enrol.title": ("Tweestapsverificatie instellen", "Set up two-step verification"),
    "enrol.intro": ("Je logt voortaan in met je wachtwoord én een code uit een authenticator-app (bijvoorbeeld "
                    "Microsoft Authenticator, Google Authenticator of FreeOTP).",
                    "From now on you log in with your password and a code from an authenticator app (for example "
                    "Microsoft Authenticator, Google Authenticator or FreeOTP)."),
    "enrol.step-scan": ("1. Scan deze QR-code met je app.", "1. Scan this QR code with your app."),
    "enrol.step-key": ("Scannen lukt niet? Voer deze sleutel handmatig in:", "Can't scan? Enter this key by hand:"),
    "enrol.step-code": ("2. Typ de zescijferige code die je app nu toont.",
                        "2. Type the six-digit code your app shows now."),
    "enrol.code": ("Code", "Code"),
    "enrol.password": ("Je huidige wachtwoord (ter bevestiging)", "Your current password (to confirm)"),
    "enrol.submit": ("Koppelen", "Link app"),
    "enrol.relink-note": ("Na het koppelen werkt je oude app niet meer en krijg je nieuwe herstelcodes.",
                          "After linking, your old app stops working and you get new recovery codes."),
    "recovery.title": ("Je herstelcodes", "Your recovery codes"),
    "recovery.intro": ("Bewaar deze tien codes op een veilige plek (bijvoorbeeld in je wachtwoordmanager). Elke code "
                       "werkt één keer, als je je telefoon niet bij de hand hebt. Je ziet ze alleen nu.",
                       "Keep these ten codes somewhere safe (for example in your password manager). Each code works "
                       "once, for when you don't have your phone. You only see them now."),
    "recovery.continue": ("Ik heb de codes bewaard, verder", "I have saved the codes, continue"),
    "recovery.regenerate-title": ("Nieuwe herstelcodes maken", "Make new recovery codes"),
    "recovery.regenerate-intro": ("Je hebt nog {left} ongebruikte herstelcodes. Nieuwe codes maken zet alle oude "
                                  "codes buiten werking.",
                                  "You have {left} unused recovery codes. Making new codes switches off all old "
                                  "codes."),
    "recovery.regenerate-submit": ("Nieuwe codes maken", "Make new codes"),
    # password links
    "request.title": ("Wachtwoord aanvragen", "Request your password"),
    "request.intro": ("Vul je e-mailadres in. Je ontvangt een e-mail met een link om je wachtwoord in te stellen.",
                      "Enter your e-mail address. You will receive an e-mail with a link to set your password."),
    "request.submit": ("Link versturen", "Send link"),
    "request.sent": ("Als dit e-mailadres bij ons bekend is, ontvang je binnen enkele minuten een e-mail met een "
                     "link. Geen e-mail? Kijk in je spammap of vraag je beheerder of je account bestaat.",
                     "If this e-mail address is known to us, you will receive an e-mail with a link within a few "
                     "minutes. No e-mail? Check your spam folder or ask your administrator whether your account "
                     "exists."),
    "request.back": ("Terug naar inloggen", "Back to log in"),
    "set.title": ("Wachtwoord instellen", "Set your password"),
    "set.intro": ("Kies een wachtwoord van minstens {minimum} tekens. Een zin van een paar woorden werkt goed.",
                  "Choose a password of at least {minimum} characters. A sentence of a few words works well."),
    "set.password": ("Nieuw wachtwoord", "New password"),
    "set.confirm": ("Herhaal het nieuwe wachtwoord", "Repeat the new password"),
    "set.submit": ("Wachtwoord opslaan", "Save password"),
    "link.invalid": ("Deze link werkt niet meer: hij is al gebruikt of verlopen. Vraag een nieuwe link aan.",
                     "This link no longer works: it was already used or has expired. Request a new link."),
    "change-required.title": ("Kies je eigen wachtwoord", "Choose your own password"),
    "change-required.intro": ("Je bent ingelogd met een eenmalig wachtwoord. Kies nu een eigen wachtwoord van "
                              "minstens {minimum} tekens.",
                              "You logged in with a one-time password. Choose your own password of at least "
                              "{minimum} characters now."),
    "password.current": ("Huidige wachtwoord", "Current password"),
    "password.too-short": ("Het wachtwoord is te kort. Gebruik minstens {minimum} tekens.",
                           "The password is too short. Use at least {minimum} characters."),
    "password.too-long": ("Het wachtwoord is te lang. Gebruik hoogstens {maximum} tekens.",
                          "The password is too long. Use at most {maximum} characters."),
    "password.is-email": ("Gebruik niet je e-mailadres als wachtwoord. Kies iets anders.",
                          "Don't use your e-mail address as your password. Choose something else."),
    "password.mismatch": ("De twee wachtwoorden zijn niet gelijk. Typ hetzelfde wachtwoord twee keer.",
                          "The two passwords differ. Type the same password twice."),
    "password.current-wrong": ("Je huidige wachtwoord klopt niet. Typ het opnieuw.",
                               "Your current password is not right. Type it again."),
    "password.changed": ("Je wachtwoord is gewijzigd. Je krijgt hierover een e-mail.",
                         "Your password was changed. You will get an e-mail about it."),
    "email.invalid": ("Dit is geen geldig e-mailadres. Controleer het, bijvoorbeeld naam@school.nl.",
                      "This is not a valid e-mail address. Check it, e.g. name@school.nl."),
    # account
    "account.title": ("Mijn account", "My account"),
    "account.name": ("Naam", "Name"),
    "account.email": ("E-mailadres", "E-mail address"),
    "account.roles": ("Rollen", "Roles"),
    "account.language": ("Taal van pagina's en e-mails", "Language of pages and e-mails"),
    "account.save-language": ("Taal opslaan", "Save language"),
    # start page
    "home.title": ("Startpagina", "Start page"),
    "home.welcome": ("Welkom, {name}.", "Welcome, {name}."),
    "home.choose": ("Wat wil je doen?", "What would you like to do?"),
    "home.institution": ("Instelling", "Institution"),
    "home.switch": ("Andere instelling", "Other institution"),
    "home.no-profiles": ("Voor deze instelling staan nog geen lijsten aan. Vraag de helpdesk om ze aan te zetten.",
                         "No lists are switched on for this institution yet. Ask the helpdesk to switch them on."),
    "home.no-institution": ("Je hoort nog bij geen enkele instelling. Vraag de beheerder van je school om je uit "
                            "te nodigen.",
                            "You don't belong to any institution yet. Ask your school's administrator to invite "
                            "you."),
    "home.soon": ("Binnenkort beschikbaar", "Available soon"),
    "home.staff": ("Beheer", "Administration"),
    # tenants
    "inst.title": ("Instellingen", "Institutions"),
    "inst.new": ("Nieuwe instelling", "New institution"),
    "inst.edit": ("Instelling wijzigen", "Edit institution"),
    "inst.name": ("Naam", "Name"),
    "inst.kind": ("Soort onderwijs", "Type of education"),
    "inst.brin": ("BRIN/OIE-code", "BRIN/OIE code"),
    "inst.brin-help": ("Vier tekens, bijvoorbeeld 21XY.", "Four characters, e.g. 21XY."),
    "inst.locations": ("Vestigingscodes", "Location codes"),
    "inst.locations-help": ("Gescheiden door komma's, bijvoorbeeld 21XY00, 21XY01.",
                            "Separated by commas, e.g. 21XY00, 21XY01."),
    "inst.profiles": ("Lijsten die deze instelling mag aanleveren", "Lists this institution may hand in"),
    "inst.two-factor": ("Tweestapsverificatie verplicht voor alle gebruikers",
                        "Two-step verification required for all users"),
    "inst.first-admin": ("E-mailadres van de eerste beheerder (krijgt een uitnodiging)",
                         "E-mail address of the first administrator (gets an invitation)"),
    "inst.save": ("Opslaan", "Save"),
    "inst.saved": ("De instelling is opgeslagen.", "The institution was saved."),
    "inst.members": ("Gebruikers", "Users"),
    "inst.none": ("Er zijn nog geen instellingen.", "There are no institutions yet."),
    "inst.name-missing": ("Vul de naam van de instelling in.", "Enter the institution's name."),
    "inst.kind-invalid": ("Kies VO, MBO of HO.", "Choose VO, MBO or HO."),
    "inst.brin-invalid": ("Een BRIN/OIE-code bestaat uit twee cijfers en twee letters of cijfers, bijvoorbeeld 21XY.",
                          "A BRIN/OIE code is two digits followed by two letters or digits, e.g. 21XY."),
    "inst.location-invalid": ("Vestigingscode {code} klopt niet: gebruik de BRIN-code plus twee cijfers, "
                              "bijvoorbeeld 21XY00.",
                              "Location code {code} is not right: use the BRIN code plus two digits, e.g. 21XY00."),
    "members.title": ("Gebruikers van {institution}", "Users of {institution}"),
    "members.email": ("E-mailadres", "E-mail address"),
    "members.name": ("Naam", "Name"),
    "members.role": ("Rol", "Role"),
    "members.actions": ("Acties", "Actions"),
    "members.change-role": ("Rol wijzigen", "Change role"),
    "members.remove": ("Verwijderen", "Remove"),
    "members.invite": ("Iemand uitnodigen", "Invite someone"),
    "members.invite-submit": ("Uitnodiging versturen", "Send invitation"),
    "members.invited": ("Uitnodiging verstuurd naar {email}.", "Invitation sent to {email}."),
    "members.added": ("{email} heeft nu toegang en krijgt daarover een e-mail.",
                      "{email} now has access and gets an e-mail about it."),
    "members.already": ("{email} hoort al bij deze instelling. Wijzig de rol in de lijst hieronder.",
                        "{email} already belongs to this institution. Change the role in the list below."),
    "members.role-changed": ("De rol is gewijzigd.", "The role was changed."),
    "members.removed": ("De gebruiker heeft geen toegang meer tot deze instelling.",
                        "The user no longer has access to this institution."),
    "members.last-admin": ("Dit is de laatste beheerder. Maak eerst iemand anders beheerder.",
                           "This is the last administrator. Make someone else administrator first."),
    "members.role-invalid": ("Kies een rol: beheerder, uploader of kijker.",
                             "Choose a role: administrator, uploader or viewer."),
    "role.admin": ("beheerder", "administrator"),
    "role.uploader": ("uploader", "uploader"),
    "role.viewer": ("kijker", "viewer"),
    "role.helpdesk": ("helpdesk", "helpdesk"),
    "role.superadmin": ("superbeheerder", "superadmin"),
    # audit
    "audit.title": ("Logboek", "Audit log"),
    "audit.title-institution": ("Logboek van {institution}", "Audit log of {institution}"),
    "audit.user": ("Gebruiker (e-mail bevat)", "User (e-mail contains)"),
    "audit.action": ("Actie", "Action"),
    "audit.any-action": ("Alle acties", "All actions"),
    "audit.since": ("Vanaf", "From"),
    "audit.until": ("Tot en met", "Up to and including"),
    "audit.filter": ("Filteren", "Filter"),
    "audit.when": ("Wanneer (UTC)", "When (UTC)"),
    "audit.who": ("Wie", "Who"),
    "audit.what": ("Wat", "What"),
    "audit.where": ("Instelling", "Institution"),
    "audit.target": ("Betreft", "Concerns"),
    "audit.none": ("Geen gebeurtenissen gevonden. Maak de filters ruimer.", "No events found. Widen the filters."),
    "audit.limit": ("De nieuwste {count} gebeurtenissen.", "The newest {count} events."),
    "audit.older-page": ("Oudere gebeurtenissen, {count} per pagina.", "Older events, {count} per page."),
    "audit.pages": ("Pagina's van het logboek", "Pages of the audit log"),
    "audit.newest": ("« Nieuwste", "« Newest"),
    "audit.older": ("Oudere »", "Older »"),
    # outbox
    "outbox.title": ("Verzonden e-mail", "Sent mail"),
    "outbox.intro": ("Zonder SMTP-server blijven e-mails hier staan. Alleen de superbeheerder ziet deze pagina.",
                     "Without an SMTP server, mails stay here. Only the superadmin sees this page."),
    "outbox.smtp": ("E-mail gaat via SMTP; hier staat alleen wie wat kreeg en of het lukte.",
                    "Mail goes through SMTP; this page only shows who got what and whether it worked."),
    "outbox.none": ("Nog geen e-mail verstuurd.", "No mail sent yet."),
    "outbox.to": ("Aan", "To"),
    "outbox.subject": ("Onderwerp", "Subject"),
    "outbox.failed": ("niet afgeleverd", "not delivered"),
    # errors
    "error.title": ("Er ging iets mis", "Something went wrong"),
    "error.404": ("Deze pagina bestaat niet of je hebt er geen toegang toe. Ga terug naar de startpagina.",
                  "This page does not exist or you have no access to it. Go back to the start page."),
    "error.403": ("Je hebt geen toegang tot deze pagina. Vraag je beheerder om de juiste rol als je hem nodig hebt.",
                  "You have no access to this page. Ask your administrator for the right role if you need it."),
    "error.csrf": ("Het formulier is verlopen of niet van deze site. Laad de pagina opnieuw en probeer het nog eens.",
                   "The form has expired or did not come from this site. Reload the page and try again."),
    "error.405": ("Dit kan niet op deze manier. Ga terug naar de startpagina en probeer het via de knoppen.",
                  "This cannot be done this way. Go back to the start page and use the buttons."),
    "error.413": ("Wat je verstuurde is te groot. Maak het kleiner en probeer het opnieuw.",
                  "What you sent is too large. Make it smaller and try again."),
    "error.400": ("Het verzoek klopt niet. Ga terug en probeer het opnieuw.",
                  "The request is not valid. Go back and try again."),
    "error.500": ("Er ging bij ons iets mis. Het is vastgelegd en we kijken ernaar. Probeer het over een paar "
                  "minuten opnieuw; blijft het misgaan, neem dan contact op met de helpdesk.",
                  "Something went wrong on our side. It has been logged and we will look into it. Try again in a "
                  "few minutes; if it keeps failing, contact the helpdesk."),
    "error.home": ("Naar de startpagina", "To the start page"),
    # the upload wizard and version history (upload_texts.py)
    **UPLOAD_TEXTS,
    # reference data and upload periods (reference_texts.py)
    **REFERENCE_TEXTS,
    # the records pages and manual forms (records/texts.py)
    **RECORDS_TEXTS,
    **CJP_TEXTS,
    **NSE_TEXTS,
    # the helpdesk review (review/texts.py)
    **REVIEW_TEXTS,
    **ROSTER_TEXTS,
    # the validation tool (validation_tool/texts.py)
    **TOOL_TEXTS,
    # school type, submitter details, submission links (submission/texts.py)
    **SUBMISSION_TEXTS,
    # the column mapping step (roster/mapping_texts.py)
    **MAPPING_TEXTS,
}


def translate(key: str, lang: str, **params: object) -> str:
    """The text for ``key`` in ``lang`` (nl if unknown), with ``params`` filled in."""
    nl, en = TEXTS[key]
    text = en if lang == "en" else nl
    return text.format(**params) if params else text
