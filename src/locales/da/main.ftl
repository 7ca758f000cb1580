# Built-in interface strings of privsite (Danish). A site overrides any
# message by defining it again in its own locales/da/*.ftl.

language-name = Dansk
site-title = Databeskyttelse hos { $name }
skip-to-content = Gå til indholdet
language-switcher = Sprog
choose-language = Vælg dit sprog.
documents = Dokumenter
contents = Indhold
version = Version { $number }
kind-major = Væsentlig ændring
kind-minor = Redaktionel ændring
published = Offentliggjort
effective = Gælder fra
in-effect-since = I kraft siden
last-modified = Sidst ændret
section-count = { $count ->
    [one] ét afsnit
   *[other] { $count } afsnit
}
history = Versionshistorik
history-intro = Alle offentliggjorte versioner af dette dokument, den nyeste først.
release-notes = Hvad er ændret
status-current = Gældende version
status-upcoming = Varslet
status-archived = Tidligere version
archived-notice = Du læser en tidligere version (version { $number }).
archived-link = Læs den gældende version
upcoming-notice = En ny version (version { $number }) træder i kraft den { $date }.
upcoming-link = Læs den nye version
notice-binding = Dette er en oversættelse. Kun teksten på { $binding-language } er juridisk bindende; i tvivlstilfælde har teksten på { $binding-language } forrang.
notice-binding-link = Læs teksten på { $binding-language }
outdated-notice = Denne oversættelse svarer muligvis ikke til den aktuelle tekst på { $binding-language }.
outdated-link = Læs afsnittet på { $binding-language }
untranslated-notice = Dette afsnit er endnu ikke oversat. Teksten på { $binding-language } vises.
not-found-title = Siden blev ikke fundet
not-found-text = Denne side findes ikke (længere). Du finder alle dokumenter her:
generated-by = Lavet med privsite
changes-title = Ændringer i version { $number }
compare-title = Ændringer fra version { $from } til version { $to }
changes-intro = Hvad der er ændret siden version { $from }, ord for ord: tilføjet tekst er understreget, fjernet tekst er gennemstreget.
changes-legend-inserted = tilføjet
changes-legend-deleted = fjernet
changes-link = Ændringer
compare-with-current = Sammenlign med den gældende version
section-added = Nyt afsnit
section-removed = Afsnit fjernet
section-changed = Ændret
section-moved = Flyttet
section-renamed = Omdøbt, tidligere “{ $from }”
section-old-title = Tidligere titel: { $title }
unchanged-sections = Uændret
no-changes = Teksten er uændret.
feed-title = { $site } – ændringer
feed-entry-title = { $doc }: version { $number }
feed = Ændringer som feed
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Udkast: version { $number } er endnu ikke offentliggjort. Denne forhåndsvisning viser den ikke-offentliggjorte tekst fra content/.
draft-changes-link = Hvad er ændret
draft-status = Udkast, endnu ikke offentliggjort

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Kort fortalt
glance-section = Afsnit
summary-label = Kort sagt
permalink-label = Link til dette afsnit: { $title }
section-timelines = Ændringer pr. afsnit
section-timelines-intro = De versioner, hvor teksten i hvert afsnit er ændret.
section-changed-in = Ændret i
changed-summaries = De ændrede afsnit i korte træk

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Dette dokument blev trukket tilbage den { $date } og gælder ikke længere.
withdrawn-versions = Versioner af dette dokument

# The archival PDF of a version.
pdf-link = Download som PDF ({ $kb } kB)
pdf-page = Side { $page } af { $total }
pdf-sha256 = SHA-256 for denne tekst
pdf-online = Denne version online
