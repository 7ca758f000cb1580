# Built-in interface strings of privsite (Lithuanian). A site overrides any
# message by defining it again in its own locales/lt/*.ftl.

language-name = Lietuvių
site-title = Duomenų apsauga – { $name }
skip-to-content = Pereiti prie turinio
language-switcher = Kalba
choose-language = Pasirinkite kalbą.
documents = Dokumentai
contents = Turinys
version = { $number } versija
kind-major = Esminis pakeitimas
kind-minor = Redakcinis pakeitimas
published = Paskelbta
effective = Galioja nuo
in-effect-since = Galioja nuo
last-modified = Paskutinį kartą pakeista
section-count = { $count ->
    [one] { $count } skirsnis
    [few] { $count } skirsniai
    [many] { $count } skirsnio
   *[other] { $count } skirsnių
}
history = Versijų istorija
history-intro = Visos paskelbtos šio dokumento versijos, pradedant naujausia.
release-notes = Kas pasikeitė
status-current = Galiojanti versija
status-upcoming = Paskelbta iš anksto
status-archived = Ankstesnė versija
archived-notice = Skaitote ankstesnę versiją ({ $number } versija).
archived-link = Skaityti galiojančią versiją
upcoming-notice = Nauja versija ({ $number } versija) įsigalioja { $date }.
upcoming-link = Skaityti naują versiją
notice-binding = Tai vertimas. Teisiškai privalomas tik originalo kalbos ({ $binding-language }) tekstas; kilus abejonių, vadovaujamasi originalo kalbos tekstu.
notice-binding-link = Skaityti originalo kalbos ({ $binding-language }) tekstą
outdated-notice = Šis vertimas gali neatitikti dabartinio originalo kalbos ({ $binding-language }) teksto.
outdated-link = Skaityti skirsnį originalo kalba ({ $binding-language })
untranslated-notice = Šis skirsnis dar neišverstas. Rodomas originalo kalbos ({ $binding-language }) tekstas.
not-found-title = Puslapis nerastas
not-found-text = Šio puslapio nėra (nebėra). Visus dokumentus rasite čia:
generated-by = Sukurta su privsite
changes-title = { $number } versijos pakeitimai
compare-title = Pakeitimai nuo { $from } iki { $to } versijos
changes-intro = Kas pasikeitė nuo { $from } versijos, žodis po žodžio: įterptas tekstas pabrauktas, pašalintas tekstas perbrauktas.
changes-legend-inserted = įterpta
changes-legend-deleted = pašalinta
changes-link = Pakeitimai
compare-with-current = Palyginti su galiojančia versija
section-added = Naujas skirsnis
section-removed = Skirsnis pašalintas
section-changed = Pakeista
section-moved = Perkelta
section-renamed = Pervadinta, anksčiau „{ $from }“
section-old-title = Ankstesnis pavadinimas: { $title }
unchanged-sections = Nepakeista
no-changes = Tekstas nepakeistas.
feed-title = { $site } – pakeitimai
feed-entry-title = { $doc }: { $number } versija
feed = Pakeitimai kaip sklaidos kanalas
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Juodraštis: { $number } versija dar nepaskelbta. Ši peržiūra rodo nepaskelbtą tekstą iš content/.
draft-changes-link = Kas pasikeitė
draft-status = Juodraštis, dar nepaskelbta

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Trumpai
glance-section = Skyrius
summary-label = Trumpai tariant
permalink-label = Nuoroda į šį skyrių: { $title }
section-timelines = Pakeitimai pagal skyrius
section-timelines-intro = Versijos, kuriose pasikeitė kiekvieno skyriaus tekstas.
section-changed-in = Pakeista versijoje
changed-summaries = Pakeisti skyriai trumpai

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Šis dokumentas atšauktas ir nebegalioja. Atšaukimo data: { $date }.
withdrawn-versions = Šio dokumento versijos

# The archival PDF of a version.
pdf-link = Atsisiųsti PDF formatu ({ $kb } kB)
pdf-page = { $page } psl. iš { $total }
pdf-sha256 = Šio teksto SHA-256
pdf-online = Ši versija internete
