# Built-in interface strings of privsite (Slovenian). A site overrides any
# message by defining it again in its own locales/sl/*.ftl.

language-name = Slovenščina
site-title = Varstvo podatkov – { $name }
skip-to-content = Na vsebino
language-switcher = Jezik
choose-language = Izberite jezik.
documents = Dokumenti
contents = Vsebina
version = Različica { $number }
kind-major = Bistvena sprememba
kind-minor = Redakcijska sprememba
published = Objavljeno
effective = Velja od
in-effect-since = Velja od
last-modified = Nazadnje spremenjeno
section-count = { $count ->
    [one] { $count } razdelek
    [two] { $count } razdelka
    [few] { $count } razdelki
   *[other] { $count } razdelkov
}
history = Zgodovina različic
history-intro = Vse objavljene različice tega dokumenta, najnovejša najprej.
release-notes = Kaj se je spremenilo
status-current = Veljavna različica
status-upcoming = Napovedano
status-archived = Prejšnja različica
archived-notice = Berete prejšnjo različico (različica { $number }).
archived-link = Preberite veljavno različico
upcoming-notice = Nova različica (različica { $number }) začne veljati { $date }.
upcoming-link = Preberite novo različico
notice-binding = To je prevod. Pravno zavezujoče je samo besedilo v izvirnem jeziku ({ $binding-language }); v primeru dvoma prevlada besedilo v izvirnem jeziku.
notice-binding-link = Preberite besedilo v izvirnem jeziku ({ $binding-language })
outdated-notice = Ta prevod morda ne ustreza veljavnemu besedilu v izvirnem jeziku ({ $binding-language }).
outdated-link = Preberite razdelek v izvirnem jeziku ({ $binding-language })
untranslated-notice = Ta razdelek še ni preveden. Prikazano je besedilo v izvirnem jeziku ({ $binding-language }).
not-found-title = Strani ni mogoče najti
not-found-text = Ta stran ne obstaja (več). Vse dokumente najdete tukaj:
generated-by = Narejeno s privsite
changes-title = Spremembe v različici { $number }
compare-title = Spremembe od različice { $from } do različice { $to }
changes-intro = Kaj se je spremenilo od različice { $from }, besedo za besedo: dodano besedilo je podčrtano, odstranjeno besedilo prečrtano.
changes-legend-inserted = dodano
changes-legend-deleted = odstranjeno
changes-link = Spremembe
compare-with-current = Primerjaj z veljavno različico
section-added = Nov razdelek
section-removed = Razdelek odstranjen
section-changed = Spremenjeno
section-moved = Premaknjeno
section-renamed = Preimenovano, prej »{ $from }«
section-old-title = Prejšnji naslov: { $title }
unchanged-sections = Nespremenjeno
no-changes = Besedilo je nespremenjeno.
feed-title = { $site } – spremembe
feed-entry-title = { $doc }: različica { $number }
feed = Spremembe kot vir
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Osnutek: različica { $number } še ni objavljena. Ta predogled prikazuje neobjavljeno besedilo iz content/.
draft-changes-link = Kaj se je spremenilo
draft-status = Osnutek, še ni objavljeno

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Na kratko
glance-section = Razdelek
summary-label = Povzetek
permalink-label = Povezava do tega razdelka: { $title }
section-timelines = Spremembe po razdelkih
section-timelines-intro = Različice, v katerih se je spremenilo besedilo posameznega razdelka.
section-changed-in = Spremenjeno v
changed-summaries = Spremenjeni razdelki na kratko

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Ta dokument je bil umaknjen in ne velja več. Datum umika: { $date }.
withdrawn-versions = Različice tega dokumenta

# The archival PDF of a version.
pdf-link = Prenesi kot PDF ({ $kb } kB)
pdf-page = Stran { $page } od { $total }
pdf-sha256 = SHA-256 tega besedila
pdf-online = Ta različica na spletu
