# Built-in interface strings of privsite (Dutch). A site overrides any
# message by defining it again in its own locales/nl/*.ftl.

language-name = Nederlands
site-title = Privacy bij { $name }
skip-to-content = Naar de inhoud
language-switcher = Taal
choose-language = Kies uw taal.
documents = Documenten
contents = Inhoud
version = Versie { $number }
kind-major = Wezenlijke wijziging
kind-minor = Redactionele wijziging
published = Gepubliceerd
effective = Geldig vanaf
in-effect-since = Van kracht sinds
last-modified = Laatst gewijzigd
section-count = { $count ->
    [one] één onderdeel
   *[other] { $count } onderdelen
}
history = Versiegeschiedenis
history-intro = Alle gepubliceerde versies van dit document, de nieuwste eerst.
release-notes = Wat er is gewijzigd
status-current = Huidige versie
status-upcoming = Aangekondigd
status-archived = Eerdere versie
archived-notice = U leest een eerdere versie (versie { $number }).
archived-link = Naar de huidige versie
upcoming-notice = Een nieuwe versie (versie { $number }) treedt in werking op { $date }.
upcoming-link = De nieuwe versie lezen
notice-binding = Dit is een vertaling. Alleen de tekst in het { $binding-language } is juridisch bindend; in geval van twijfel heeft de tekst in het { $binding-language } voorrang.
notice-binding-link = De tekst in het { $binding-language } lezen
outdated-notice = Deze vertaling komt mogelijk niet overeen met de huidige tekst in het { $binding-language }.
outdated-link = Het onderdeel in het { $binding-language } lezen
untranslated-notice = Dit onderdeel is nog niet vertaald. De tekst in het { $binding-language } wordt getoond.
not-found-title = Pagina niet gevonden
not-found-text = Deze pagina bestaat niet (meer). U vindt alle documenten hier:
generated-by = Gemaakt met privsite
changes-title = Wijzigingen in versie { $number }
compare-title = Wijzigingen van versie { $from } naar versie { $to }
changes-intro = Wat er sinds versie { $from } is gewijzigd, woord voor woord: toegevoegde tekst is onderstreept, verwijderde tekst is doorgehaald.
changes-legend-inserted = toegevoegd
changes-legend-deleted = verwijderd
changes-link = Wijzigingen
compare-with-current = Vergelijken met de huidige versie
section-added = Nieuw onderdeel
section-removed = Onderdeel verwijderd
section-changed = Gewijzigd
section-moved = Verplaatst
section-renamed = Hernoemd, voorheen ‘{ $from }’
section-old-title = Vorige titel: { $title }
unchanged-sections = Ongewijzigd
no-changes = De tekst is ongewijzigd.
feed-title = { $site } – wijzigingen
feed-entry-title = { $doc }: versie { $number }
feed = Wijzigingen als feed
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Concept: versie { $number } is nog niet gepubliceerd. Deze voorvertoning toont de ongepubliceerde tekst uit content/.
draft-changes-link = Wat er is gewijzigd
draft-status = Concept, nog niet gepubliceerd

# Layered notices: section summaries, their table, links to a section.
at-a-glance = In één oogopslag
glance-section = Onderdeel
summary-label = Kort gezegd
permalink-label = Link naar dit onderdeel: { $title }
section-timelines = Wijzigingen per onderdeel
section-timelines-intro = De versies waarin de tekst van elk onderdeel is gewijzigd.
section-changed-in = Gewijzigd in
changed-summaries = De gewijzigde onderdelen in het kort

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Dit document is op { $date } ingetrokken en is niet meer van toepassing.
withdrawn-versions = Versies van dit document

# The archival PDF of a version.
pdf-link = Downloaden als pdf ({ $kb } kB)
pdf-page = Pagina { $page } van { $total }
pdf-sha256 = SHA-256 van deze tekst
pdf-online = Deze versie online
