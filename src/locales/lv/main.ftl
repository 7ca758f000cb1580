# Built-in interface strings of privsite (Latvian). A site overrides any
# message by defining it again in its own locales/lv/*.ftl.

language-name = Latviešu
site-title = Datu aizsardzība – { $name }
skip-to-content = Pāriet uz saturu
language-switcher = Valoda
choose-language = Lūdzu, izvēlieties valodu.
documents = Dokumenti
contents = Saturs
version = { $number }. versija
kind-major = Būtiskas izmaiņas
kind-minor = Redakcionālas izmaiņas
published = Publicēts
effective = Spēkā no
in-effect-since = Spēkā kopš
last-modified = Pēdējās izmaiņas
section-count = { $count ->
    [zero] { $count } sadaļu
    [one] { $count } sadaļa
   *[other] { $count } sadaļas
}
history = Versiju vēsture
history-intro = Visas šī dokumenta publicētās versijas, sākot ar jaunāko.
release-notes = Kas mainījās
status-current = Spēkā esošā versija
status-upcoming = Izziņota
status-archived = Iepriekšējā versija
archived-notice = Jūs lasāt iepriekšējo versiju ({ $number }. versija).
archived-link = Lasīt spēkā esošo versiju
upcoming-notice = Jauna versija ({ $number }. versija) stāsies spēkā { $date }.
upcoming-link = Lasīt jauno versiju
notice-binding = Šis ir tulkojums. Juridiski saistošs ir tikai teksts oriģinālvalodā ({ $binding-language }); šaubu gadījumā noteicošais ir teksts oriģinālvalodā.
notice-binding-link = Lasīt tekstu oriģinālvalodā ({ $binding-language })
outdated-notice = Šis tulkojums, iespējams, neatbilst pašreizējam tekstam oriģinālvalodā ({ $binding-language }).
outdated-link = Lasīt sadaļu oriģinālvalodā ({ $binding-language })
untranslated-notice = Šī sadaļa vēl nav iztulkota. Tiek rādīts teksts oriģinālvalodā ({ $binding-language }).
not-found-title = Lapa nav atrasta
not-found-text = Šī lapa neeksistē (vairs). Visus dokumentus atradīsiet šeit:
generated-by = Izveidots ar privsite
changes-title = Izmaiņas { $number }. versijā
compare-title = Izmaiņas no { $from }. līdz { $to }. versijai
changes-intro = Kas mainījies kopš { $from }. versijas, vārds pa vārdam: pievienotais teksts ir pasvītrots, dzēstais teksts – pārsvītrots.
changes-legend-inserted = pievienots
changes-legend-deleted = dzēsts
changes-link = Izmaiņas
compare-with-current = Salīdzināt ar spēkā esošo versiju
section-added = Jauna sadaļa
section-removed = Sadaļa dzēsta
section-changed = Mainīta
section-moved = Pārvietota
section-renamed = Pārdēvēta, iepriekš “{ $from }”
section-old-title = Iepriekšējais nosaukums: { $title }
unchanged-sections = Nemainītas
no-changes = Teksts nav mainīts.
feed-title = { $site } – izmaiņas
feed-entry-title = { $doc }: { $number }. versija
feed = Izmaiņas kā plūsma
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Melnraksts: { $number }. versija vēl nav publicēta. Šajā priekšskatījumā redzams nepublicētais teksts no content/.
draft-changes-link = Kas mainījās
draft-status = Melnraksts, vēl nav publicēts

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Īsumā
glance-section = Sadaļa
summary-label = Īsi sakot
permalink-label = Saite uz šo sadaļu: { $title }
section-timelines = Izmaiņas pa sadaļām
section-timelines-intro = Versijas, kurās mainījās katras sadaļas teksts.
section-changed-in = Mainīta versijā
changed-summaries = Mainītās sadaļas īsumā

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Šis dokuments ir atsaukts un vairs nav spēkā. Atsaukšanas datums: { $date }.
withdrawn-versions = Šī dokumenta versijas

# The archival PDF of a version.
pdf-link = Lejupielādēt PDF formātā ({ $kb } kB)
pdf-page = { $page }. lapa no { $total }
pdf-sha256 = Šī teksta SHA-256
pdf-online = Šī versija tiešsaistē
