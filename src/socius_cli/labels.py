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
    "page_of": "pagina {page} van {pages}",
    "logo_alt": "Logo van {organisation}",
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
    "kf_note_cards": "Onder elk kerncijfer: de waarde in {previous} en het verschil met {year}.",
    "kf_note_brackets": "Tussen haakjes bij elk kerncijfer: de waarde in {previous} en het verschil met {year}.",
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
    "row_decision": "Beslissing",
    "row_supported": "Uitgemond in ondersteuning",
    "row_supported_primary": "Ondersteund, primaire doelgroep",
    "row_supported_secondary": "Ondersteund, secundaire doelgroep",
    "row_support_participants": "Deelnemers aan de ondersteuning",
    "row_requests_received": "Vragen ontvangen",
    "row_requests_supported": "Vragen ondersteund",
    "row_requests_declined": "Vragen afgewezen",
    "row_requests_accepted": "Vragen aanvaard",
    "row_requests_pending": "Vragen in behandeling",
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
    "ch_funnel_alt": (
        "Balken van de vragen: de ontvangen vragen, dezelfde vragen verdeeld naar de "
        "beslissing, en de aanvaarde vragen die tot een ondersteuning leidden: {items}."
    ),
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
    "no_themes": "Er zijn geen thema's geregistreerd.",
    "no_theme": "(zonder thema)",
    "no_topic": "(zonder onderwerp)",
    "no_topics": "Er zijn geen onderwerpen geregistreerd.",
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
    # Recommendation (NPS)
    "kf_nps": "NPS (aanbeveling)",
    "row_nps": "NPS (aanbeveling)",
    "row_recommend_answers": "Antwoorden op de aanbevelingsvraag",
    "fact_nps": (
        "Op de vraag of ze de activiteit zouden aanraden, gaven {answers} deelnemers een "
        "Net Promoter Score van {nps}."
    ),
    # Published figures
    "tbl_published": "Verschillen met de gepubliceerde cijfers ({date})",
    "col_published": "Gepubliceerd",
    "col_now": "Nu",
    "published_note": (
        "De cijfers van {year} werden gepubliceerd op {date}; {n} cijfers verschillen nu van "
        "wat gepubliceerd werd."
    ),
    "published_same": "De cijfers van {year} werden gepubliceerd op {date} en zijn sindsdien niet veranderd.",
    # Annex (report) and `socius explain`
    "annex_activities": "Activiteiten {year}",
    "annex_sheet": "Bijlage {section}",
    "annex_reach": "Erkende organisaties {year}",
    "annex_requests": "Vragen {year}",
    "annex_note": "Per activiteit: aantallen, nooit personen.",
    "ex_title": "{indicator} {year}: {value}",
    "ex_total": "Totaal",
    "ex_col_code": "Code",
    "ex_col_date": "Datum",
    "ex_col_title": "Titel",
    "ex_col_format": "Werkvorm",
    "ex_col_half_days": "Dagdelen",
    "ex_col_theme": "Thema",
    "ex_col_registrations": "Inschrijvingen",
    "ex_col_absent": "Niet aanwezig",
    "ex_col_participations": "Deelnames",
    "ex_col_primary": "Primair",
    "ex_col_secondary": "Secundair",
    "ex_col_unknown": "Doelgroep onbekend",
    "ex_col_evaluations": "Evaluaties",
    "ex_col_satisfaction_pct": "Tevredenheid",
    "ex_col_recommend_answers": "Antwoorden aanbeveling",
    "ex_col_promoters": "Promotors (9-10)",
    "ex_col_passives": "Passief (7-8)",
    "ex_col_detractors": "Criticasters (0-6)",
    "ex_col_nps": "NPS",
    "ex_col_organisation": "Organisatie",
    "ex_col_sector": "Sector",
    "ex_col_period": "Periode",
    "ex_col_reached": "Bereikt",
    "ex_col_id": "Nr",
    "ex_col_received": "Ontvangen",
    "ex_col_status": "Beslissing",
    "ex_col_supported": "Ondersteund",
    "ex_col_target_group": "Doelgroep",
    "ex_col_topic": "Onderwerp",
    "ex_col_decline_reason": "Reden afwijzing",
    "ex_col_participants": "Deelnemers",
    "yes": "ja",
    "no": "nee",
    "every_year": "elk jaar",
    "period_of": "periode {period}",
    "sum_activities": "Samen: {activities} activiteiten in {year}.",
    "sum_half_days": "Samen: {half_days} dagdelen, de som over de {activities} activiteiten.",
    "sum_annex_activities": "Samen: {activities} activiteiten, {half_days} dagdelen en {participations} deelnames.",
    "sum_formats": "{onsite} fysiek + {online} online + {blended} blended = {activities} activiteiten.",
    "sum_themes": (
        "Per thema: {items}; samen {activities} activiteiten, {half_days} dagdelen en "
        "{participations} deelnames."
    ),
    "sum_participations": (
        "{registrations} inschrijvingen − {absent} niet aanwezig = {participations} deelnames."
    ),
    "sum_persons_reached": (
        "De {participations} deelnames zijn van {persons} verschillende personen: wie aan meer "
        "dan één activiteit deelnam, telt één keer ({items}; personen × activiteiten)."
    ),
    "sum_primary_share_pct": (
        "{primary} primair / ({primary} primair + {secondary} secundair) = {pct}."
    ),
    "sum_secondary_share_pct": (
        "{secondary} secundair / ({primary} primair + {secondary} secundair) = {pct}."
    ),
    "sum_unknown_part": " {unknown} deelnames met een onbekende doelgroep tellen niet mee.",
    "sum_unknown_target_group": (
        "Samen: {unknown} van de {participations} deelnames hebben een onbekende doelgroep."
    ),
    "sum_satisfaction_pct": (
        "Het gemiddelde van 100 × cijfer / schaal over alle {answers} antwoorden (niet over de "
        "activiteiten): {points} / {answers} = {pct}."
    ),
    "sum_nps": (
        "({promoters} promotors − {detractors} criticasters) / {answers} antwoorden = {nps}; "
        "{passives} antwoorden zijn passief."
    ),
    "sum_recommend_answers": (
        "Samen: {answers} antwoorden op de aanbevelingsvraag: {promoters} promotors, "
        "{passives} passief, {detractors} criticasters."
    ),
    "sum_recognised_orgs_total": (
        "{total} erkende organisaties in het register van {year} ({periods}): {reached} bereikt, "
        "{not_reached} niet bereikt."
    ),
    "sum_recognised_orgs_reached": (
        "{reached} van de {total} erkende organisaties hadden minstens één deelname in {year}; "
        "{not_reached} niet."
    ),
    "sum_recognised_reach_pct": "{reached} bereikt / {total} erkend = {pct}.",
    "sum_requests_received": (
        "{declined} afgewezen + {accepted} aanvaard + {pending} in behandeling = {received} "
        "vragen ontvangen."
    ),
    "sum_requests_status": "Samen: {n} van de {received} ontvangen vragen.",
    "sum_requests_supported": (
        "{supported} van de {accepted} aanvaarde vragen leidden tot een ondersteuning: "
        "{primary} primair + {secondary} secundair{unknown}."
    ),
    "sum_supported_unknown": " + {unknown} onbekend",
    "sum_supported_group": "Samen: {n} van de {supported} ondersteunde vragen.",
    "sum_support_participants": (
        "De som van de deelnemers over de {supported} ondersteunde vragen: {participants}."
    ),
    "sum_topics": "Per onderwerp: {items}; samen {received} vragen.",
    "sum_purged": (
        "De deelnemersgegevens van {year} werden verwijderd met socius purge: stats en het "
        "rapport tonen het bevroren cijfer, {frozen}."
    ),
    # History
    "hist_title": "Geschiedenis van de store",
    "hist_when": "Wanneer (UTC)",
    "hist_user": "Gebruiker",
    "hist_action": "Actie",
    "hist_what": "Wat",
    "hist_import": "import",
    "hist_publish": "publicatie",
    "hist_counts": "{added} toegevoegd, {updated} bijgewerkt, {removed} verwijderd",
    "hist_published_year": "cijfers van {year} gepubliceerd",
    "hist_published_changes": "{n} gepubliceerde cijfers gewijzigd (toegestaan)",
    "hist_empty": "Nog geen imports of publicaties.",
    # Targets (streefcijfers)
    "targets": "Streefcijfers",
    "tbl_targets": "Streefcijfers {year}",
    "col_goal": "Doelstelling",
    "col_target": "Streefcijfer",
    "col_realised": "Gerealiseerd",
    "col_met": "Behaald",
    "met_yes": "ja ✓",
    "met_no": "nee ✗",
    "no_goal": "Zonder doelstelling",
    "dir_at_least": "minstens",
    "dir_at_most": "hoogstens",
    "imp_targets": "Streefcijfers",
    "fact_targets": "{met} van de {n} streefcijfers voor {period} zijn behaald.",
    "fact_targets_span": "{met} van de {n} streefcijfers, voor de periode {period} en voor haar jaren, zijn behaald.",
    "fact_targets_span_met_one": "1 van de {n} streefcijfers, voor de periode {period} en voor haar jaren, is behaald.",
    "fact_targets_met_one": "1 van de {n} streefcijfers voor {period} is behaald.",
    "fact_targets_open": "Voor {open} streefcijfers is er geen cijfer: die zijn (nog) niet te beoordelen.",
    "fact_targets_open_one": "Voor 1 streefcijfer is er geen cijfer: het is (nog) niet te beoordelen.",
    "fact_target_met": "Het streefcijfer voor {period} is behaald.",
    "fact_target_not_met": "Het streefcijfer voor {period} is niet behaald.",
    "fact_target_open": "Voor het streefcijfer voor {period} is er geen cijfer: het is (nog) niet te beoordelen.",
    "targets_note": (
        "Behaald: het cijfer zoals de tabellen het tonen (een percentage afgerond op een heel getal), "
        "vergeleken met het streefcijfer; ≥ is minstens, ≤ is hoogstens."
    ),
    # A period report (socius report 2016-2020) and targets
    "period_title": "Voortgangsrapport {period}",
    "period_subtitle": "Beleidsperiode {period}",
    "indicators_by_year": "Cijfers per jaar",
    "the_years": "De jaren",
    "period_note": (
        "Elk kerncijfer is het totaal over {period}: wie in meer dan één jaar deelnam, telt één "
        "keer, en de percentages zijn berekend over alle deelnames, evaluaties en antwoorden van "
        "de periode, niet als gemiddelde van de jaren. Het lijntje eronder toont elk jaar."
    ),
    "period_note_md": (
        "Elk kerncijfer is het totaal over {period}: wie in meer dan één jaar deelnam, telt één "
        "keer, en de percentages zijn berekend over alle deelnames, evaluaties en antwoorden van "
        "de periode, niet als gemiddelde van de jaren. Tussen haakjes: de waarde van elk jaar."
    ),
    "period_missing": "Voor {years} zijn er geen gegevens.",
    "period_years": "Gegevens over {years}.",
    "period_purged": (
        "Sommige totalen zijn onbekend (–): de deelnemersgegevens van een jaar van de periode "
        "werden verwijderd met socius purge, zodat personen niet meer één keer geteld kunnen worden."
    ),
    "and": "en",
    "spark_alt": "Per jaar: {items}.",
    "ch_by_year": "{indicator} per jaar",
    "ch_by_year_alt": "{indicator} per jaar, als staafdiagram: {items}.",
    "ch_by_year_targets_alt": " Streefcijfer van het jaar: {items}.",
    "legend_year_target": "streefcijfer van het jaar",
    "span_target": (
        "Streefcijfer voor de hele periode {period} (voor het totaal, niet voor elk jaar): "
        "{target}; totaal {realised}: {met}."
    ),
    "no_data": "geen gegevens",
    "col_year": "Jaar",
    "col_period": "Periode",
    "met_said_yes": "behaald ✓",
    "met_said_no": "niet behaald ✗",
    "met_said_unknown": "niet te berekenen",
    "tbl_targets_by_goal": "Streefcijfers per doelstelling",
    "targets_note_period": (
        "Een streefcijfer van een periode geldt voor het totaal over die periode, niet voor elk "
        "jaar."
    ),
    "no_targets": "Er zijn geen streefcijfers voor deze periode of haar jaren.",
    "tbl_years_open": "Open aanbod per jaar",
    "tbl_years_target_groups": "Deelnames per doelgroep per jaar",
    "tbl_years_formats": "Activiteiten per werkvorm per jaar",
    "tbl_years_demand": "Vraaggestuurde werking per jaar",
    "tbl_years_themes": "Activiteiten per thema per jaar",
    "tbl_years_topics": "Vragen per onderwerp per jaar",
}

EN: dict[str, str] = {
    "report_title": "Progress report {year}",
    "report_subtitle": "{organisation} in {year}: the year in figures and pictures",
    "made_on": "Made on {date} with socius.",
    "contents": "Contents",
    "key_figures": "Key figures",
    "page_of": "page {page} of {pages}",
    "logo_alt": "Logo of {organisation}",
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
    "kf_note_cards": "Under each key figure: the value in {previous} and the change to {year}.",
    "kf_note_brackets": "In brackets after each key figure: the value in {previous} and the change to {year}.",
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
    "row_decision": "Decision",
    "row_supported": "Resulting in support",
    "row_supported_primary": "Supported, primary target group",
    "row_supported_secondary": "Supported, secondary target group",
    "row_support_participants": "Participants in the support",
    "row_requests_received": "Requests received",
    "row_requests_supported": "Requests supported",
    "row_requests_declined": "Requests declined",
    "row_requests_accepted": "Requests accepted",
    "row_requests_pending": "Requests pending",
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
    "ch_funnel_alt": (
        "Bars of the requests: the requests received, the same requests split by "
        "decision, and the accepted requests that resulted in support: {items}."
    ),
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
    "no_themes": "No themes were recorded.",
    "no_theme": "(no theme)",
    "no_topic": "(no topic)",
    "no_topics": "No topics were recorded.",
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
    "kf_nps": "NPS (recommendation)",
    "row_nps": "NPS (recommendation)",
    "row_recommend_answers": "Answers to the recommendation question",
    "fact_nps": (
        "Asked whether they would recommend the activity, {answers} participants gave a "
        "Net Promoter Score of {nps}."
    ),
    "tbl_published": "Differences with the published figures ({date})",
    "col_published": "Published",
    "col_now": "Now",
    "published_note": (
        "The figures of {year} were published on {date}; {n} figures now differ from what was "
        "published."
    ),
    "published_same": "The figures of {year} were published on {date} and have not changed since.",
    "annex_activities": "Activities {year}",
    "annex_sheet": "Annex {section}",
    "annex_reach": "Recognised organisations {year}",
    "annex_requests": "Requests {year}",
    "annex_note": "Per activity: counts, never persons.",
    "ex_title": "{indicator} {year}: {value}",
    "ex_total": "Total",
    "ex_col_code": "Code",
    "ex_col_date": "Date",
    "ex_col_title": "Title",
    "ex_col_format": "Format",
    "ex_col_half_days": "Half days",
    "ex_col_theme": "Theme",
    "ex_col_registrations": "Registrations",
    "ex_col_absent": "Absent",
    "ex_col_participations": "Participations",
    "ex_col_primary": "Primary",
    "ex_col_secondary": "Secondary",
    "ex_col_unknown": "Target group unknown",
    "ex_col_evaluations": "Evaluations",
    "ex_col_satisfaction_pct": "Satisfaction",
    "ex_col_recommend_answers": "Recommendation answers",
    "ex_col_promoters": "Promoters (9-10)",
    "ex_col_passives": "Passives (7-8)",
    "ex_col_detractors": "Detractors (0-6)",
    "ex_col_nps": "NPS",
    "ex_col_organisation": "Organisation",
    "ex_col_sector": "Sector",
    "ex_col_period": "Period",
    "ex_col_reached": "Reached",
    "ex_col_id": "No.",
    "ex_col_received": "Received",
    "ex_col_status": "Decision",
    "ex_col_supported": "Supported",
    "ex_col_target_group": "Target group",
    "ex_col_topic": "Topic",
    "ex_col_decline_reason": "Reason declined",
    "ex_col_participants": "Participants",
    "yes": "yes",
    "no": "no",
    "every_year": "every year",
    "period_of": "period {period}",
    "sum_activities": "Together: {activities} activities in {year}.",
    "sum_half_days": "Together: {half_days} half-day sessions, the sum over the {activities} activities.",
    "sum_annex_activities": (
        "Together: {activities} activities, {half_days} half-day sessions and {participations} participations."
    ),
    "sum_formats": "{onsite} on site + {online} online + {blended} blended = {activities} activities.",
    "sum_themes": (
        "By theme: {items}; together {activities} activities, {half_days} half-day sessions "
        "and {participations} participations."
    ),
    "sum_participations": (
        "{registrations} registrations − {absent} absent = {participations} participations."
    ),
    "sum_persons_reached": (
        "The {participations} participations are by {persons} different people: whoever took part "
        "in more than one activity counts once ({items}; people × activities)."
    ),
    "sum_primary_share_pct": (
        "{primary} primary / ({primary} primary + {secondary} secondary) = {pct}."
    ),
    "sum_secondary_share_pct": (
        "{secondary} secondary / ({primary} primary + {secondary} secondary) = {pct}."
    ),
    "sum_unknown_part": " {unknown} participations with an unknown target group do not count.",
    "sum_unknown_target_group": (
        "Together: {unknown} of the {participations} participations have an unknown target group."
    ),
    "sum_satisfaction_pct": (
        "The mean of 100 × score / scale over all {answers} answers (not over the activities): "
        "{points} / {answers} = {pct}."
    ),
    "sum_nps": (
        "({promoters} promoters − {detractors} detractors) / {answers} answers = {nps}; "
        "{passives} answers are passive."
    ),
    "sum_recommend_answers": (
        "Together: {answers} answers to the recommendation question: {promoters} promoters, "
        "{passives} passives, {detractors} detractors."
    ),
    "sum_recognised_orgs_total": (
        "{total} recognised organisations in the register of {year} ({periods}): {reached} "
        "reached, {not_reached} not reached."
    ),
    "sum_recognised_orgs_reached": (
        "{reached} of the {total} recognised organisations had at least one participation in "
        "{year}; {not_reached} did not."
    ),
    "sum_recognised_reach_pct": "{reached} reached / {total} recognised = {pct}.",
    "sum_requests_received": (
        "{declined} declined + {accepted} accepted + {pending} pending = {received} requests "
        "received."
    ),
    "sum_requests_status": "Together: {n} of the {received} requests received.",
    "sum_requests_supported": (
        "{supported} of the {accepted} accepted requests resulted in support: {primary} primary "
        "+ {secondary} secondary{unknown}."
    ),
    "sum_supported_unknown": " + {unknown} unknown",
    "sum_supported_group": "Together: {n} of the {supported} supported requests.",
    "sum_support_participants": (
        "The sum of the participants over the {supported} supported requests: {participants}."
    ),
    "sum_topics": "By topic: {items}; together {received} requests.",
    "sum_purged": (
        "The participant data of {year} was removed with socius purge: stats and the report "
        "show the frozen figure, {frozen}."
    ),
    "hist_title": "History of the store",
    "hist_when": "When (UTC)",
    "hist_user": "User",
    "hist_action": "Action",
    "hist_what": "What",
    "hist_import": "import",
    "hist_publish": "publication",
    "hist_counts": "{added} added, {updated} updated, {removed} removed",
    "hist_published_year": "figures of {year} published",
    "hist_published_changes": "{n} published figures changed (allowed)",
    "hist_empty": "No imports or publications yet.",
    "targets": "Targets",
    "tbl_targets": "Targets {year}",
    "col_goal": "Goal",
    "col_target": "Target",
    "col_realised": "Realised",
    "col_met": "Met",
    "met_yes": "yes ✓",
    "met_no": "no ✗",
    "no_goal": "No goal",
    "dir_at_least": "at least",
    "dir_at_most": "at most",
    "imp_targets": "Targets",
    "fact_targets": "{met} of the {n} targets for {period} were met.",
    "fact_targets_span": "{met} of the {n} targets, for the period {period} and for its years, were met.",
    "fact_targets_span_met_one": "1 of the {n} targets, for the period {period} and for its years, was met.",
    "fact_targets_met_one": "1 of the {n} targets for {period} was met.",
    "fact_targets_open": "{open} targets have no figure: they cannot be assessed (yet).",
    "fact_targets_open_one": "1 target has no figure: it cannot be assessed (yet).",
    "fact_target_met": "The target for {period} was met.",
    "fact_target_not_met": "The target for {period} was not met.",
    "fact_target_open": "The target for {period} has no figure: it cannot be assessed (yet).",
    "targets_note": (
        "Met: the figure as the tables show it (a percentage rounded to a whole number), compared "
        "with the target; ≥ is at least, ≤ is at most."
    ),
    # A period report (socius report 2016-2020) and targets
    "period_title": "Progress report {period}",
    "period_subtitle": "Policy period {period}",
    "indicators_by_year": "Year by year",
    "the_years": "The years",
    "period_note": (
        "Each key figure is the total over {period}: a person who took part in more than one "
        "year counts once, and the percentages are over all the participations, evaluations and "
        "answers of the period, not a mean of the years. The line under it shows each year."
    ),
    "period_note_md": (
        "Each key figure is the total over {period}: a person who took part in more than one "
        "year counts once, and the percentages are over all the participations, evaluations and "
        "answers of the period, not a mean of the years. In brackets: the value of each year."
    ),
    "period_missing": "There are no data for {years}.",
    "period_years": "Data for {years}.",
    "period_purged": (
        "Some totals are unknown (–): the participant rows of a year of the period were removed "
        "with socius purge, so persons can no longer be counted once."
    ),
    "and": "and",
    "spark_alt": "Per year: {items}.",
    "ch_by_year": "{indicator} per year",
    "ch_by_year_alt": "{indicator} per year, as a bar chart: {items}.",
    "ch_by_year_targets_alt": " Target of the year: {items}.",
    "legend_year_target": "target of the year",
    "span_target": (
        "Target for the whole period {period} (for the total, not for each year): {target}; "
        "total {realised}: {met}."
    ),
    "no_data": "no data",
    "col_year": "Year",
    "col_period": "Period",
    "met_said_yes": "met ✓",
    "met_said_no": "not met ✗",
    "met_said_unknown": "cannot be computed",
    "tbl_targets_by_goal": "Targets by goal",
    "targets_note_period": (
        "A target of a period is for the total over that period, not for each year."
    ),
    "no_targets": "There are no targets for this period or its years.",
    "tbl_years_open": "Open offering per year",
    "tbl_years_target_groups": "Participations by target group per year",
    "tbl_years_formats": "Activities by format per year",
    "tbl_years_demand": "Demand-driven work per year",
    "tbl_years_themes": "Activities by theme per year",
    "tbl_years_topics": "Requests by topic per year",
}

CATALOGUES: dict[str, dict[str, str]] = {"nl": NL, "en": EN}

# The catalogue's word for each indicator: the terminal, the report and the targets table name a
# figure alike (`output.ROW`), and a target's indicator cell may be this label in either language.
ROW = {
    "activities": "row_activities", "half_days": "row_half_days", "participations": "row_participations",
    "persons_reached": "row_persons_reached", "satisfaction_pct": "row_satisfaction",
    "recognised_orgs_total": "row_recognised_total", "recognised_orgs_reached": "row_recognised_reached",
    "recognised_reach_pct": "row_reach", "primary_share_pct": "row_primary",
    "nps": "row_nps", "recommend_answers": "row_recommend_answers",
    "secondary_share_pct": "row_secondary", "unknown_target_group": "row_unknown",
    "onsite": "row_onsite", "online": "row_online", "blended": "row_blended",
    "requests_received": "row_received", "requests_declined": "row_declined",
    "requests_accepted": "row_accepted", "requests_pending": "row_pending",
    "requests_supported": "row_supported", "supported_primary": "row_supported_primary",
    "supported_secondary": "row_supported_secondary", "support_participants": "row_support_participants",
}
# How a target names its indicator where the tables' own row label needs its table to be
# understood ("Afgewezen" under "Vraaggestuurde werking"): a target's indicator cell may be
# either label, and the targets table and the template show this one.
TARGET_ROW = {**ROW, "requests_declined": "row_requests_declined", "requests_accepted": "row_requests_accepted",
              "requests_pending": "row_requests_pending", "requests_supported": "row_requests_supported"}
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
