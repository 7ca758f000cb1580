# Built-in interface strings of privsite (Hungarian). A site overrides any
# message by defining it again in its own locales/hu/*.ftl.

language-name = Magyar
site-title = Adatvédelem – { $name }
skip-to-content = Ugrás a tartalomra
language-switcher = Nyelv
choose-language = Kérjük, válasszon nyelvet.
documents = Dokumentumok
contents = Tartalom
version = { $number }. verzió
kind-major = Lényeges módosítás
kind-minor = Szerkesztési módosítás
published = Közzétéve
effective = Hatályos
in-effect-since = Hatályos
last-modified = Utoljára módosítva
section-count = { $count ->
    [one] egy szakasz
   *[other] { $count } szakasz
}
history = Verziótörténet
history-intro = A dokumentum összes közzétett verziója, a legújabbal kezdve.
release-notes = Mi változott
status-current = Hatályos verzió
status-upcoming = Bejelentve
status-archived = Korábbi verzió
archived-notice = Ön egy korábbi verziót olvas ({ $number }. verzió).
archived-link = A hatályos verzió olvasása
upcoming-notice = Új verzió ({ $number }. verzió) lép hatályba: { $date }.
upcoming-link = Az új verzió olvasása
notice-binding = Ez egy fordítás. Jogilag kizárólag az eredeti nyelvű szöveg ({ $binding-language }) kötelező; kétség esetén az eredeti nyelvű szöveg az irányadó.
notice-binding-link = Az eredeti nyelvű szöveg ({ $binding-language }) olvasása
outdated-notice = Előfordulhat, hogy ez a fordítás nem felel meg a jelenlegi eredeti nyelvű szövegnek ({ $binding-language }).
outdated-link = A szakasz olvasása eredeti nyelven ({ $binding-language })
untranslated-notice = Ezt a szakaszt még nem fordították le. Az eredeti nyelvű szöveg ({ $binding-language }) látható.
not-found-title = Az oldal nem található
not-found-text = Ez az oldal nem létezik (már). Az összes dokumentumot itt találja:
generated-by = Készült a privsite segítségével
changes-title = A(z) { $number }. verzió változásai
compare-title = Változások a(z) { $from }. verziótól a(z) { $to }. verzióig
changes-intro = Mi változott a(z) { $from }. verzió óta, szóról szóra: a beszúrt szöveg aláhúzott, a törölt szöveg áthúzott.
changes-legend-inserted = beszúrva
changes-legend-deleted = törölve
changes-link = Változások
compare-with-current = Összehasonlítás a hatályos verzióval
section-added = Új szakasz
section-removed = Szakasz törölve
section-changed = Módosítva
section-moved = Áthelyezve
section-renamed = Átnevezve, korábban „{ $from }”
section-old-title = Korábbi cím: { $title }
unchanged-sections = Változatlan
no-changes = A szöveg változatlan.
feed-title = { $site } – változások
feed-entry-title = { $doc }: { $number }. verzió
feed = Változások hírcsatornaként
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Tervezet: a(z) { $number }. verzió még nincs közzétéve. Ez az előnézet a content/ mappa közzé nem tett szövegét mutatja.
draft-changes-link = Mi változott
draft-status = Tervezet, még nincs közzétéve

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Röviden
glance-section = Szakasz
summary-label = Összefoglalva
permalink-label = Hivatkozás erre a szakaszra: { $title }
section-timelines = Változások szakaszonként
section-timelines-intro = Azok a változatok, amelyekben az egyes szakaszok szövege megváltozott.
section-changed-in = Módosítva
changed-summaries = A módosított szakaszok röviden

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Ezt a dokumentumot visszavonták, és már nem hatályos. A visszavonás napja: { $date }.
withdrawn-versions = A dokumentum változatai

# The archival PDF of a version.
pdf-link = Letöltés PDF-ként ({ $kb } kB)
pdf-page = { $page }. oldal / { $total }
pdf-sha256 = E szöveg SHA-256 értéke
pdf-online = Ez a változat online
