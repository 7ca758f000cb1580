# Built-in interface strings of privsite (Norwegian Bokmål). A site overrides any
# message by defining it again in its own locales/nb/*.ftl.

language-name = Norsk bokmål
site-title = Personvern hos { $name }
skip-to-content = Gå til innholdet
language-switcher = Språk
choose-language = Velg språket ditt.
documents = Dokumenter
contents = Innhold
version = Versjon { $number }
kind-major = Vesentlig endring
kind-minor = Redaksjonell endring
published = Publisert
effective = Gjelder fra
in-effect-since = I kraft siden
last-modified = Sist endret
section-count = { $count ->
    [one] ett avsnitt
   *[other] { $count } avsnitt
}
history = Versjonshistorikk
history-intro = Alle publiserte versjoner av dette dokumentet, den nyeste først.
release-notes = Hva som er endret
status-current = Gjeldende versjon
status-upcoming = Varslet
status-archived = Tidligere versjon
archived-notice = Du leser en tidligere versjon (versjon { $number }).
archived-link = Les den gjeldende versjonen
upcoming-notice = En ny versjon (versjon { $number }) trer i kraft { $date }.
upcoming-link = Les den nye versjonen
notice-binding = Dette er en oversettelse. Bare teksten på { $binding-language } er juridisk bindende; ved tvil gjelder teksten på { $binding-language }.
notice-binding-link = Les teksten på { $binding-language }
outdated-notice = Denne oversettelsen samsvarer kanskje ikke med den gjeldende teksten på { $binding-language }.
outdated-link = Les avsnittet på { $binding-language }
untranslated-notice = Dette avsnittet er ikke oversatt ennå. Teksten på { $binding-language } vises.
not-found-title = Fant ikke siden
not-found-text = Denne siden finnes ikke (lenger). Du finner alle dokumentene her:
generated-by = Laget med privsite
changes-title = Endringer i versjon { $number }
compare-title = Endringer fra versjon { $from } til versjon { $to }
changes-intro = Hva som er endret siden versjon { $from }, ord for ord: tilføyd tekst er understreket, fjernet tekst er gjennomstreket.
changes-legend-inserted = tilføyd
changes-legend-deleted = fjernet
changes-link = Endringer
compare-with-current = Sammenlign med den gjeldende versjonen
section-added = Nytt avsnitt
section-removed = Avsnitt fjernet
section-changed = Endret
section-moved = Flyttet
section-renamed = Omdøpt, tidligere «{ $from }»
section-old-title = Tidligere tittel: { $title }
unchanged-sections = Uendret
no-changes = Teksten er uendret.
feed-title = { $site } – endringer
feed-entry-title = { $doc }: versjon { $number }
feed = Endringer som feed
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Utkast: versjon { $number } er ikke publisert ennå. Denne forhåndsvisningen viser den upubliserte teksten fra content/.
draft-changes-link = Hva som er endret
draft-status = Utkast, ikke publisert ennå

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Kort fortalt
glance-section = Avsnitt
summary-label = Kort sagt
permalink-label = Lenke til dette avsnittet: { $title }
section-timelines = Endringer per avsnitt
section-timelines-intro = Versjonene der teksten i hvert avsnitt er endret.
section-changed-in = Endret i
changed-summaries = De endrede avsnittene i korte trekk

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Dette dokumentet ble trukket tilbake { $date } og gjelder ikke lenger.
withdrawn-versions = Versjoner av dette dokumentet

# The archival PDF of a version.
pdf-link = Last ned som PDF ({ $kb } kB)
pdf-page = Side { $page } av { $total }
pdf-sha256 = SHA-256 for denne teksten
pdf-online = Denne versjonen på nett
