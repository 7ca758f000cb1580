# Built-in interface strings of privsite (Estonian). A site overrides any
# message by defining it again in its own locales/et/*.ftl.

language-name = Eesti
site-title = Andmekaitse: { $name }
skip-to-content = Mine sisu juurde
language-switcher = Keel
choose-language = Palun valige keel.
documents = Dokumendid
contents = Sisukord
version = Versioon { $number }
kind-major = Oluline muudatus
kind-minor = Toimetuslik muudatus
published = Avaldatud
effective = Kehtib alates
in-effect-since = Kehtib alates
last-modified = Viimati muudetud
section-count = { $count ->
    [one] üks jaotis
   *[other] { $count } jaotist
}
history = Versiooniajalugu
history-intro = Selle dokumendi kõik avaldatud versioonid, uusim eespool.
release-notes = Mis muutus
status-current = Kehtiv versioon
status-upcoming = Teatatud
status-archived = Varasem versioon
archived-notice = Loete varasemat versiooni (versioon { $number }).
archived-link = Loe kehtivat versiooni
upcoming-notice = Uus versioon (versioon { $number }) jõustub { $date }.
upcoming-link = Loe uut versiooni
notice-binding = See on tõlge. Õiguslikult siduv on üksnes originaalkeelne tekst ({ $binding-language }); kahtluse korral lähtutakse originaalkeelsest tekstist.
notice-binding-link = Loe originaalkeelset teksti ({ $binding-language })
outdated-notice = See tõlge ei pruugi vastata kehtivale originaalkeelsele tekstile ({ $binding-language }).
outdated-link = Loe jaotist originaalkeeles ({ $binding-language })
untranslated-notice = Seda jaotist ei ole veel tõlgitud. Näidatakse originaalkeelset teksti ({ $binding-language }).
not-found-title = Lehte ei leitud
not-found-text = Seda lehte ei ole (enam) olemas. Kõik dokumendid leiate siit:
generated-by = Tehtud privsite’iga
changes-title = Muudatused versioonis { $number }
compare-title = Muudatused versioonist { $from } versioonini { $to }
changes-intro = Mis on versiooniga { $from } võrreldes muutunud, sõna-sõnalt: lisatud tekst on alla joonitud, eemaldatud tekst läbi kriipsutatud.
changes-legend-inserted = lisatud
changes-legend-deleted = eemaldatud
changes-link = Muudatused
compare-with-current = Võrdle kehtiva versiooniga
section-added = Uus jaotis
section-removed = Jaotis eemaldatud
section-changed = Muudetud
section-moved = Teisaldatud
section-renamed = Ümber nimetatud, varem „{ $from }“
section-old-title = Varasem pealkiri: { $title }
unchanged-sections = Muutmata
no-changes = Tekst on muutmata.
feed-title = { $site } – muudatused
feed-entry-title = { $doc }: versioon { $number }
feed = Muudatused voona
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Mustand: versioon { $number } ei ole veel avaldatud. See eelvaade näitab kausta content/ avaldamata teksti.
draft-changes-link = Mis muutus
draft-status = Mustand, veel avaldamata

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Lühidalt
glance-section = Jaotis
summary-label = Kokkuvõttes
permalink-label = Link sellele jaotisele: { $title }
section-timelines = Muudatused jaotiste kaupa
section-timelines-intro = Versioonid, milles iga jaotise tekst muutus.
section-changed-in = Muudetud versioonis
changed-summaries = Muudetud jaotised lühidalt

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = See dokument on tagasi võetud ega kehti enam. Tagasivõtmise kuupäev: { $date }.
withdrawn-versions = Selle dokumendi versioonid

# The archival PDF of a version.
pdf-link = Laadi alla PDF-ina ({ $kb } kB)
pdf-page = Lehekülg { $page }/{ $total }
pdf-sha256 = Selle teksti SHA-256
pdf-online = See versioon veebis
