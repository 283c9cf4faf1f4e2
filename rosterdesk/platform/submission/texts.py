"""Texts of the school type, the submitter's details and the submission links, Dutch and English."""

from __future__ import annotations

SUBMISSION_TEXTS: dict[str, tuple[str, str]] = {
    # the members page: VO or MBO beheerder (seed 003)
    "members.school-type": ("Schoolsoort (Intergrip)", "School type (Intergrip)"),
    "members.school-type-none": ("niet ingesteld", "not set"),
    "members.school-type-VO": ("VO-beheerder", "VO administrator"),
    "members.school-type-MBO": ("MBO-beheerder", "MBO administrator"),
    "members.change-school-type": ("Schoolsoort opslaan", "Save school type"),
    "members.school-type-changed": ("De schoolsoort is opgeslagen.", "The school type was saved."),
    "members.school-type-invalid": ("Kies VO, MBO of niet ingesteld.", "Choose VO, MBO or not set."),
    "step1.fixed-option": ("ingevuld vanuit je rol", "filled in from your role"),
    # the submit form (seed 003, step 4)
    "submission.details": ("Gegevens van de aanlevering", "Submission details"),
    "submission.instantie": ("Instantie", "Institution"),
    "submission.choose-instantie": ("Kies de instantie", "Choose the institution"),
    "submission.name": ("Uw naam", "Your name"),
    "submission.email": ("Uw e-mailadres", "Your e-mail address"),
    "submission.all-required": ("Alle velden met * zijn verplicht.", "All fields marked * are required."),
    "submission.instantie-required": ("Kies de instantie waarvoor u de lijst opstuurt.",
                                      "Choose the institution you are submitting the list for."),
    "submission.name-required": ("Vul uw naam in.", "Fill in your name."),
    "submission.email-required": ("Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.",
                                  "Fill in a valid e-mail address, e.g. name@school.nl."),
    "submission.form-errors": ("Vul de gegevens hieronder aan voordat u de lijst opstuurt.",
                               "Complete the details below before you submit the list."),
    "submission.by": ("Opgestuurd door", "Submitted by"),
    "submission.via-link": ("via aanleverlink", "through submission link"),
    "submission.learner-kind": ("Soort leerling", "Kind of learner"),
    "submission.school-type": ("Schoolsoort", "School type"),
    # the admin's links
    "links.title": ("Aanleverlinks", "Submission links"),
    "links.nav": ("Aanleverlinks", "Submission links"),
    "links.intro": ("Met een aanleverlink kan iemand zonder account een leerlinglijst voor deze instelling "
                    "opsturen. De lijst krijgt dezelfde controles en gaat altijd eerst naar de helpdesk. Wie de "
                    "link heeft, ziet alleen de eigen aanlevering.",
                    "With a submission link someone without an account can submit a learner list for this "
                    "institution. The list gets the same checks and always goes to the helpdesk first. Whoever "
                    "has the link sees only their own submission."),
    "links.new": ("Nieuwe link maken", "Make a new link"),
    "links.profile": ("Lijst", "List"),
    "links.label": ("Omschrijving (bijv. voor wie)", "Description (e.g. who it is for)"),
    "links.days": ("Geldig (dagen)", "Valid (days)"),
    "links.create": ("Link maken", "Make link"),
    "links.created": ("De link is gemaakt. Kopieer hem nu: hij wordt maar één keer getoond.",
                      "The link was made. Copy it now: it is shown only once."),
    "links.url": ("Aanleverlink", "Submission link"),
    "links.none": ("Er zijn nog geen aanleverlinks.", "There are no submission links yet."),
    "links.no-profile": ("Deze instelling heeft geen lijst die via de helpdesk gaat; een aanleverlink kan niet.",
                         "This institution has no list that goes through the helpdesk; a link is not possible."),
    "links.created-at": ("Gemaakt", "Made"),
    "links.expires": ("Verloopt", "Expires"),
    "links.uses": ("Opgestuurd", "Submitted"),
    "links.status": ("Status", "Status"),
    "links.active": ("actief", "active"),
    "links.expired": ("verlopen", "expired"),
    "links.revoked": ("ingetrokken", "revoked"),
    "links.revoke": ("Intrekken", "Revoke"),
    "links.revoked-notice": (
        "De link is ingetrokken en werkt niet meer.", "The link was revoked and no longer works."),
    "links.days-invalid": (
        "Vul een aantal dagen in van 1 tot en met {max}.", "Fill in a number of days from 1 to {max}."),
    "links.profile-invalid": (
        "Kies een lijst die via de helpdesk gaat.", "Choose a list that goes through the helpdesk."),
    # the public pages
    "public.title": ("Leerlinglijst aanleveren", "Submit a learner list"),
    "public.for": ("Voor {institution}", "For {institution}"),
    "public.invalid-title": ("Deze link werkt niet", "This link does not work"),
    "public.invalid-text": ("De link is onbekend, verlopen of ingetrokken. Vraag de school om een nieuwe link.",
                            "The link is unknown, has expired or was revoked. Ask the school for a new link."),
    "public.throttled": ("U heeft te vaak achter elkaar iets opgestuurd. Probeer het over een uur opnieuw.",
                         "You have sent too much in a short time. Please try again in an hour."),
    "public.start-again": ("Nog een lijst opsturen", "Submit another list"),
}
