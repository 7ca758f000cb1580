# Built-in interface strings of privsite (Romanian). A site overrides any
# message by defining it again in its own locales/ro/*.ftl.

language-name = Română
site-title = Protecția datelor la { $name }
skip-to-content = Salt la conținut
language-switcher = Limbă
choose-language = Vă rugăm să alegeți limba.
documents = Documente
contents = Cuprins
version = Versiunea { $number }
kind-major = Modificare substanțială
kind-minor = Modificare redacțională
published = Publicată
effective = În vigoare de la
in-effect-since = În vigoare din
last-modified = Ultima modificare
section-count = { $count ->
    [one] o secțiune
    [few] { $count } secțiuni
   *[other] { $count } de secțiuni
}
history = Istoricul versiunilor
history-intro = Toate versiunile publicate ale acestui document, de la cea mai recentă.
release-notes = Ce s-a schimbat
status-current = Versiunea în vigoare
status-upcoming = Anunțată
status-archived = Versiune anterioară
archived-notice = Citiți o versiune anterioară (versiunea { $number }).
archived-link = Citiți versiunea în vigoare
upcoming-notice = O nouă versiune (versiunea { $number }) intră în vigoare la { $date }.
upcoming-link = Citiți noua versiune
notice-binding = Aceasta este o traducere. Numai textul în limba { $binding-language } are caracter juridic obligatoriu; în caz de îndoială, prevalează textul în limba { $binding-language }.
notice-binding-link = Citiți textul în limba { $binding-language }
outdated-notice = Este posibil ca această traducere să nu corespundă textului actual în limba { $binding-language }.
outdated-link = Citiți secțiunea în limba { $binding-language }
untranslated-notice = Această secțiune nu a fost încă tradusă. Este afișat textul în limba { $binding-language }.
not-found-title = Pagina nu a fost găsită
not-found-text = Această pagină nu există (sau nu mai există). Toate documentele le găsiți aici:
generated-by = Realizat cu privsite
changes-title = Modificări în versiunea { $number }
compare-title = Modificări de la versiunea { $from } la versiunea { $to }
changes-intro = Ce s-a schimbat față de versiunea { $from }, cuvânt cu cuvânt: textul adăugat este subliniat, textul eliminat este tăiat.
changes-legend-inserted = adăugat
changes-legend-deleted = eliminat
changes-link = Modificări
compare-with-current = Comparați cu versiunea în vigoare
section-added = Secțiune nouă
section-removed = Secțiune eliminată
section-changed = Modificată
section-moved = Mutată
section-renamed = Redenumită, anterior „{ $from }”
section-old-title = Titlul anterior: { $title }
unchanged-sections = Nemodificate
no-changes = Textul nu s-a schimbat.
feed-title = { $site } – modificări
feed-entry-title = { $doc }: versiunea { $number }
feed = Modificările ca flux
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Ciornă: versiunea { $number } nu este încă publicată. Această previzualizare arată textul nepublicat din content/.
draft-changes-link = Ce s-a schimbat
draft-status = Ciornă, încă nepublicată

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Pe scurt
glance-section = Secțiune
summary-label = Rezumat
permalink-label = Link către această secțiune: { $title }
section-timelines = Modificări pe secțiuni
section-timelines-intro = Versiunile în care s-a modificat textul fiecărei secțiuni.
section-changed-in = Modificată în
changed-summaries = Secțiunile modificate, pe scurt

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Acest document a fost retras la { $date } și nu mai este în vigoare.
withdrawn-versions = Versiunile acestui document

# The archival PDF of a version.
pdf-link = Descărcați ca PDF ({ $kb } kB)
pdf-page = Pagina { $page } din { $total }
pdf-sha256 = SHA-256 al acestui text
pdf-online = Această versiune online
