"""Every word socius shows in tables and reports, one catalogue per language (Dutch first, English second).

Sentences take `str.format` fields; numbers arrive already formatted for the language.
A test checks that both catalogues have the same keys.
"""

from __future__ import annotations

NL: dict[str, str] = {
    # Title block and navigation
    "report_title": "Voortgangsrapport {year}",
    "report_subtitle": "{organisation} in {year}: het jaar in cijfers en beelden",
    "made_on": "Gemaakt op {date} met socius.",
    "contents": "Inhoud",
    "key_figures": "Kerncijfers",
    "previous_short": "{year}:",
    # Sections
    "year_in_short": "Het jaar in het kort",
    "open_offering": "Open aanbod",
    "digital_shift": "Digitale omslag",
    "demand_driven": "Vraaggestuurde werking",
    "communication": "Communicatie",
    "photos": "Foto's",
    # Key figures
    "kf_activities": "activiteiten",
    "kf_half_days": "dagdelen",
    "kf_persons_reached": "personen bereikt",
    "kf_satisfaction": "tevredenheid",
    "kf_reach": "erkende organisaties bereikt",
    "kf_supported": "vragen ondersteund",
    # Table headers
    "col_indicator": "Indicator",
    "col_change": "Verschil",
    "col_theme": "Thema",
    "col_topic": "Onderwerp",
    "col_activities": "Activiteiten",
    "col_half_days": "Dagdelen",
    "col_participations": "Deelnames",
    "col_requests": "Vragen",
    "col_format": "Werkvorm",
    "col_share": "Aandeel",
    "col_target_group": "Doelgroep",
    "col_step": "Stap",
    "col_activities_year": "Activiteiten {year}",
    "col_requests_year": "Vragen {year}",
    "pp_note": "pp = procentpunt: het verschil tussen twee percentages.",
    # Rows
    "row_activities": "Activiteiten",
    "row_half_days": "Dagdelen",
    "row_participations": "Deelnames",
    "row_persons_reached": "Personen bereikt",
    "row_satisfaction": "Gemiddelde tevredenheid",
    "row_recognised_total": "Erkende organisaties in het register",
    "row_recognised_reached": "Erkende organisaties bereikt",
    "row_reach": "Bereik van de erkende organisaties",
    "row_primary": "Primaire doelgroep",
    "row_secondary": "Secundaire doelgroep",
    "row_unknown": "Doelgroep onbekend",
    "row_onsite": "Fysiek",
    "row_online": "Online",
    "row_blended": "Blended",
    "row_total": "Totaal",
    "row_received": "Vragen ontvangen",
    "row_declined": "Afgewezen",
    "row_accepted": "Aanvaard",
    "row_pending": "In behandeling",
    "row_supported": "Uitgemond in ondersteuning",
    "row_supported_primary": "Ondersteund, primaire doelgroep",
    "row_supported_secondary": "Ondersteund, secundaire doelgroep",
    "row_support_participants": "Deelnemers aan de ondersteuning",
    "row_requests_received": "Vragen ontvangen",
    "row_requests_supported": "Vragen ondersteund",
    "row_other": "Overige",
    # Table captions
    "tbl_key_figures": "Kerncijfers {year}",
    "tbl_themes": "Activiteiten per thema",
    "tbl_target_groups": "Deelnames per doelgroep",
    "tbl_satisfaction_reach": "Tevredenheid en bereik",
    "tbl_formats": "Activiteiten per werkvorm",
    "tbl_funnel": "Van vraag tot ondersteuning",
    "tbl_topics": "Vragen per onderwerp",
    # Charts: titles and text alternatives
    "ch_key_figures": "Kerncijfers {previous} en {year}",
    "ch_key_figures_alt": (
        "Staafdiagrammen die per kerncijfer {previous} en {year} vergelijken: "
        "{items}."
    ),
    "ch_themes": "Activiteiten per thema",
    "ch_themes_alt": "Liggend staafdiagram van het aantal activiteiten per thema: {items}.",
    "ch_target_groups": "Deelnames per doelgroep",
    "ch_target_groups_alt": "Gestapelde balk van de deelnames per doelgroep: {items}.",
    "ch_formats": "Activiteiten per werkvorm",
    "ch_formats_alt": "Staafdiagram van het aantal activiteiten per werkvorm: {items}.",
    "ch_funnel": "Van vraag tot ondersteuning",
    "ch_funnel_alt": "Trechter van de vragen: {items}.",
    "ch_topics": "Vragen per onderwerp",
    "ch_topics_alt": "Liggend staafdiagram van het aantal vragen per onderwerp: {items}.",
    "axis_activities": "activiteiten",
    "axis_requests": "vragen",
    "axis_share": "aandeel van de deelnames",
    # Generated sentences (facts)
    "fact_offering": (
        "Het open aanbod telde {activities} activiteiten, samen goed voor {half_days} "
        "dagdelen, waarmee {organisation} {persons} personen bereikte."
    ),
    "fact_target_groups": (
        "{primary} van de deelnames kwam uit de primaire doelgroep (erkende "
        "sociaal-culturele volwassenenorganisaties), {secondary} uit de secundaire "
        "doelgroep (opleidingen, overheden, organisaties uit andere sectoren)."
    ),
    "fact_unknown": "Bij {unknown} deelnames is de doelgroep niet bekend.",
    "fact_satisfaction": "Deelnemers gaven de activiteiten gemiddeld {satisfaction} tevredenheid.",
    "fact_reach": (
        "Het aanbod bereikte {reached} van de {total} erkende organisaties: {reach}."
    ),
    "fact_formats": (
        "Van de {activities} activiteiten liepen er {online} volledig online, {blended} "
        "combineerden online en fysiek (blended) en {onsite} vonden fysiek plaats."
    ),
    "fact_requests": (
        "In {year} kreeg {organisation} {received} vragen. {declined} daarvan werden "
        "afgewezen en {accepted} aanvaard; {supported} aanvaarde vragen leidden tot een "
        "ondersteuning."
    ),
    "fact_pending": "{pending} vragen waren aan het eind van het jaar nog in behandeling.",
    "fact_supported_groups": (
        "{primary} ondersteuningen kwamen er op vraag van de primaire doelgroep, "
        "{secondary} op vraag van de secundaire doelgroep; samen telden ze {participants} "
        "deelnemers."
    ),
    "fact_compare": "Tussen haakjes bij de kerncijfers: de waarde van {previous} en het verschil.",
    "no_themes": "Er zijn geen thema's geregistreerd.",
    "no_theme": "(zonder thema)",
    "no_topic": "(zonder onderwerp)",
    "no_topics": "Er zijn geen onderwerpen geregistreerd.",
    "photo_credit_sep": " · ",
    "chart_table": "De cijfers bij deze grafiek",
    "dash_note": "Een streepje (–) betekent: niet te berekenen.",
    # The import summary (terminal)
    "imp_title": "Geïmporteerd",
    "imp_dry_run": "Wat de import zou veranderen (--dry-run: niets opgeslagen)",
    "imp_table": "Tabel",
    "imp_added": "Toegevoegd",
    "imp_updated": "Bijgewerkt",
    "imp_removed": "Verwijderd",
    "imp_unchanged": "Ongewijzigd",
    "imp_activities": "Activiteiten",
    "imp_registrations": "Inschrijvingen",
    "imp_evaluations": "Evaluaties",
    "imp_organisations": "Organisaties",
    "imp_requests": "Vragen",
}

EN: dict[str, str] = {
    "report_title": "Progress report {year}",
    "report_subtitle": "{organisation} in {year}: the year in figures and pictures",
    "made_on": "Made on {date} with socius.",
    "contents": "Contents",
    "key_figures": "Key figures",
    "previous_short": "{year}:",
    "year_in_short": "The year in short",
    "open_offering": "Open offering",
    "digital_shift": "The digital shift",
    "demand_driven": "Demand-driven work",
    "communication": "Communication",
    "photos": "Photos",
    "kf_activities": "activities",
    "kf_half_days": "half-day sessions",
    "kf_persons_reached": "people reached",
    "kf_satisfaction": "satisfaction",
    "kf_reach": "recognised organisations reached",
    "kf_supported": "requests supported",
    "col_indicator": "Indicator",
    "col_change": "Change",
    "col_theme": "Theme",
    "col_topic": "Topic",
    "col_activities": "Activities",
    "col_half_days": "Half days",
    "col_participations": "Participations",
    "col_requests": "Requests",
    "col_format": "Format",
    "col_share": "Share",
    "col_target_group": "Target group",
    "col_step": "Step",
    "col_activities_year": "Activities {year}",
    "col_requests_year": "Requests {year}",
    "pp_note": "pp = percentage points: the difference between two percentages.",
    "row_activities": "Activities",
    "row_half_days": "Half-day sessions",
    "row_participations": "Participations",
    "row_persons_reached": "People reached",
    "row_satisfaction": "Average satisfaction",
    "row_recognised_total": "Recognised organisations in the register",
    "row_recognised_reached": "Recognised organisations reached",
    "row_reach": "Reach of the recognised organisations",
    "row_primary": "Primary target group",
    "row_secondary": "Secondary target group",
    "row_unknown": "Target group unknown",
    "row_onsite": "On site",
    "row_online": "Online",
    "row_blended": "Blended",
    "row_total": "Total",
    "row_received": "Requests received",
    "row_declined": "Declined",
    "row_accepted": "Accepted",
    "row_pending": "Pending",
    "row_supported": "Resulting in support",
    "row_supported_primary": "Supported, primary target group",
    "row_supported_secondary": "Supported, secondary target group",
    "row_support_participants": "Participants in the support",
    "row_requests_received": "Requests received",
    "row_requests_supported": "Requests supported",
    "row_other": "Other",
    "tbl_key_figures": "Key figures {year}",
    "tbl_themes": "Activities by theme",
    "tbl_target_groups": "Participations by target group",
    "tbl_satisfaction_reach": "Satisfaction and reach",
    "tbl_formats": "Activities by format",
    "tbl_funnel": "From request to support",
    "tbl_topics": "Requests by topic",
    "ch_key_figures": "Key figures {previous} and {year}",
    "ch_key_figures_alt": (
        "Bar charts comparing {previous} and {year} for each key figure: "
        "{items}."
    ),
    "ch_themes": "Activities by theme",
    "ch_themes_alt": "Horizontal bar chart of the number of activities by theme: {items}.",
    "ch_target_groups": "Participations by target group",
    "ch_target_groups_alt": "Stacked bar of the participations by target group: {items}.",
    "ch_formats": "Activities by format",
    "ch_formats_alt": "Bar chart of the number of activities by format: {items}.",
    "ch_funnel": "From request to support",
    "ch_funnel_alt": "Funnel of the requests: {items}.",
    "ch_topics": "Requests by topic",
    "ch_topics_alt": "Horizontal bar chart of the number of requests by topic: {items}.",
    "axis_activities": "activities",
    "axis_requests": "requests",
    "axis_share": "share of participations",
    "fact_offering": (
        "The open offering counted {activities} activities, together {half_days} half-day "
        "sessions, through which {organisation} reached {persons} people."
    ),
    "fact_target_groups": (
        "{primary} of the participations came from the primary target group (recognised "
        "socio-cultural adult organisations), {secondary} from the secondary target group "
        "(education, government, organisations from other sectors)."
    ),
    "fact_unknown": "For {unknown} participations the target group is unknown.",
    "fact_satisfaction": (
        "Participants rated the activities at {satisfaction} satisfaction on "
        "average."
    ),
    "fact_reach": (
        "The offering reached {reached} of the {total} recognised organisations: "
        "{reach}."
    ),
    "fact_formats": (
        "Of the {activities} activities, {online} took place entirely online, {blended} "
        "combined online and on site (blended) and {onsite} took place on site."
    ),
    "fact_requests": (
        "In {year} {organisation} received {received} requests. {declined} of them could not "
        "be taken up, {accepted} were accepted and {supported} resulted in support."
    ),
    "fact_pending": "{pending} requests were still pending at the end of the year.",
    "fact_supported_groups": (
        "{primary} support projects came at the request of the primary target group, "
        "{secondary} at the request of the secondary target group; together they counted "
        "{participants} participants."
    ),
    "fact_compare": "Under each key figure: the value of {previous} and the change.",
    "no_themes": "No themes were recorded.",
    "no_theme": "(no theme)",
    "no_topic": "(no topic)",
    "no_topics": "No topics were recorded.",
    "photo_credit_sep": " · ",
    "chart_table": "The figures behind this chart",
    "dash_note": "A dash (–) means: cannot be computed.",
    # The import summary (terminal)
    "imp_title": "Imported",
    "imp_dry_run": "What the import would change (--dry-run: nothing stored)",
    "imp_table": "Table",
    "imp_added": "Added",
    "imp_updated": "Updated",
    "imp_removed": "Removed",
    "imp_unchanged": "Unchanged",
    "imp_activities": "Activities",
    "imp_registrations": "Registrations",
    "imp_evaluations": "Evaluations",
    "imp_organisations": "Organisations",
    "imp_requests": "Requests",
}

CATALOGUES: dict[str, dict[str, str]] = {"nl": NL, "en": EN}
LANGUAGES = tuple(CATALOGUES)


def catalogue(lang: str) -> dict[str, str]:
    """The labels of `lang` (nl or en)."""
    from socius_cli.errors import UsageError

    try:
        return CATALOGUES[lang]
    except KeyError:
        from socius_cli.i18n import _

        raise UsageError(
            _("unknown language '{lang}'; choose one of: {languages}").format(lang=lang, languages=", ".join(LANGUAGES))
        ) from None
