"""Texts of the helpdesk review and of the wizard's submitted/rejected states, Dutch and English."""

from __future__ import annotations

REVIEW_TEXTS: dict[str, tuple[str, str]] = {
    "nav.reviews": ("Te controleren lijsten", "Lists to review"),
    "state.submitted": ("opgestuurd, wacht op de helpdesk", "submitted, waiting for the helpdesk"),
    "state.rejected": ("afgekeurd door de helpdesk", "rejected by the helpdesk"),
    # the wizard: submitting and what the uploader sees afterwards
    "review.submit": ("Opsturen", "Submit"),
    "review.submit-intro": ("De helpdesk controleert deze lijst voordat hij wordt ingeladen. Je krijgt een e-mail "
                            "als de lijst is opgestuurd en als de helpdesk heeft besloten.",
                            "The helpdesk checks this list before it is loaded. You get an e-mail when the list "
                            "has been submitted and when the helpdesk has decided."),
    "review.remark": ("Toelichting voor de helpdesk (niet verplicht)", "Remark for the helpdesk (optional)"),
    "review.submitted-title": ("Lijst succesvol opgestuurd", "List submitted successfully"),
    "review.submitted-text": ("Versie {number} is opgestuurd op {when}. Let op: de gegevens verschijnen niet direct "
                              "in het systeem. De helpdesk controleert de lijst eerst en laadt hem daarna in. Je "
                              "krijgt een e-mail met het besluit.",
                              "Version {number} was submitted on {when}. Please note: the data do not appear "
                              "straight away. The helpdesk checks the list first and then loads it. You will get an "
                              "e-mail with the decision."),
    "review.held-change": ("Deze versie zou {share}% van de bestaande gegevens wijzigen of verwijderen. Daarom "
                           "controleert de helpdesk hem eerst; tot dan blijft de vorige versie gelden.",
                           "This version would change or remove {share}% of the existing data, so the helpdesk "
                           "checks it first; until then the previous version stays in force."),
    "review.another": ("Nog een lijst opsturen", "Submit another list"),
    "review.rejected-title": ("Lijst afgekeurd", "List rejected"),
    "review.rejected-text": ("De helpdesk heeft versie {number} afgekeurd op {when}. Er is niets ingeladen; de "
                             "vorige versie blijft gelden. Pas het bestand aan en stuur het opnieuw op.",
                             "The helpdesk rejected version {number} on {when}. Nothing was loaded; the previous "
                             "version stays in force. Fix the file and submit it again."),
    "review.rejected-reason": ("Reden van de helpdesk", "The helpdesk's reason"),
    "review.your-remark": ("Je toelichting", "Your remark"),
    "review.start-again": ("Een verbeterde lijst uploaden", "Upload a corrected list"),
    # the helpdesk's queue
    "review.queue-title": ("Te controleren lijsten", "Lists to review"),
    "review.queue-intro": ("Lijsten die pas meetellen als de helpdesk ze heeft goedgekeurd, van alle instellingen, "
                           "de oudste bovenaan.",
                           "Lists that only count once the helpdesk has approved them, from every institution, "
                           "oldest first."),
    "review.queue-empty": ("Er wachten geen lijsten op controle.", "No lists are waiting for review."),
    "review.institution": ("Instelling", "Institution"),
    "review.profile": ("Soort lijst", "Kind of list"),
    "review.version": ("Versie", "Version"),
    "review.submitter": ("Opgestuurd door", "Submitted by"),
    "review.submitted-at": ("Opgestuurd op", "Submitted on"),
    "review.rows": ("Rijen", "Rows"),
    "review.errors": ("Fouten", "Errors"),
    "review.warnings": ("Waarschuwingen", "Warnings"),
    "review.age": ("Wacht al", "Waiting for"),
    "review.why": ("Waarom", "Why"),
    "review.why-profile": ("altijd controle", "always reviewed"),
    "review.why-change-share": ("grote wijziging ({share}%)", "large change ({share}%)"),
    "review.open": ("Bekijken", "Open"),
    "review.age-minutes": ("{count} min.", "{count} min"),
    "review.age-hours": ("{count} uur", "{count} h"),
    "review.age-days": ("{count} dagen", "{count} days"),
    # one review
    "review.title": ("Controle: {profile} van {institution}, versie {number}",
                     "Review: {profile} of {institution}, version {number}"),
    "review.back": ("Terug naar de lijst", "Back to the queue"),
    "review.facts": ("Gegevens van de inzending", "About this submission"),
    "review.file": ("Bestand", "File"),
    "review.remark-shown": ("Toelichting van de inzender", "The submitter's remark"),
    "review.no-remark": ("geen", "none"),
    "review.report": ("Resultaat van de controle", "Result of the check"),
    "review.sample": ("Tien willekeurige rijen", "Ten random rows"),
    "review.sample-unavailable": ("De rijen kunnen niet worden getoond: {reason}",
                                  "The rows cannot be shown: {reason}"),
    "review.row": ("Rij", "Row"),
    "review.change": ("Wijziging ten opzichte van de huidige gegevens", "Change against the current data"),
    "review.change-none": ("Er zijn nog geen gegevens van deze instelling voor deze lijst: alles is nieuw.",
                           "There are no data of this institution for this list yet: everything is new."),
    "review.change-summary": ("{added} toegevoegd, {removed} verwijderd, {changed} gewijzigd, {unchanged} gelijk "
                              "({share}% van de {old} huidige records verwijderd of gewijzigd).",
                              "{added} added, {removed} removed, {changed} changed, {unchanged} the same "
                              "({share}% of the {old} current records removed or changed)."),
    "review.decide": ("Besluit", "Decision"),
    "review.approve": ("Goedkeuren en inladen", "Approve and load"),
    "review.approve-help": ("De gegevens worden ingeladen en deze versie gaat gelden; de inzender krijgt een e-mail.",
                            "The data are loaded and this version comes into force; the submitter gets an e-mail."),
    "review.reject": ("Afkeuren", "Reject"),
    "review.reason": ("Reden van afkeuren (de inzender krijgt deze tekst per e-mail)",
                      "Reason for rejecting (the submitter gets this text by e-mail)"),
    "review.reason-required": ("Vul een reden in, zodat de inzender weet wat er moet worden aangepast.",
                               "Please give a reason, so the submitter knows what to change."),
    "review.already-decided": ("Deze lijst is al behandeld (nu: {state}). Er is niets gewijzigd.",
                               "This list has already been decided (now: {state}). Nothing was changed."),
    "review.approved-notice": ("Goedgekeurd en ingeladen. De inzender krijgt een e-mail.",
                               "Approved and loaded. The submitter gets an e-mail."),
    "review.rejected-notice": ("Afgekeurd. De inzender krijgt een e-mail met de reden.",
                               "Rejected. The submitter gets an e-mail with the reason."),
    "review.decided": ("{decision} door {who} op {when}.", "{decision} by {who} on {when}."),
    "review.decision-approved": ("Goedgekeurd", "Approved"),
    "review.decision-rejected": ("Afgekeurd", "Rejected"),
    "review.decision-withdrawn": ("Vervangen door een nieuwere lijst", "Replaced by a newer list"),
    "review.wizard-link": ("Deze versie in de uploadwizard", "This version in the upload wizard"),
}
