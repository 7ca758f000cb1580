# Built-in interface strings of privsite (Croatian). A site overrides any
# message by defining it again in its own locales/hr/*.ftl.

language-name = Hrvatski
site-title = Zaštita podataka – { $name }
skip-to-content = Prijeđi na sadržaj
language-switcher = Jezik
choose-language = Odaberite jezik.
documents = Dokumenti
contents = Sadržaj
version = Verzija { $number }
kind-major = Bitna izmjena
kind-minor = Redakcijska izmjena
published = Objavljeno
effective = Vrijedi od
in-effect-since = Na snazi od
last-modified = Zadnja izmjena
section-count = { $count ->
    [one] { $count } odjeljak
    [few] { $count } odjeljka
   *[other] { $count } odjeljaka
}
history = Povijest verzija
history-intro = Sve objavljene verzije ovog dokumenta, od najnovije.
release-notes = Što se promijenilo
status-current = Važeća verzija
status-upcoming = Najavljeno
status-archived = Ranija verzija
archived-notice = Čitate raniju verziju (verzija { $number }).
archived-link = Pročitajte važeću verziju
upcoming-notice = Nova verzija (verzija { $number }) stupa na snagu { $date }.
upcoming-link = Pročitajte novu verziju
notice-binding = Ovo je prijevod. Pravno je obvezujući samo tekst na izvornom jeziku ({ $binding-language }); u slučaju dvojbe prednost ima tekst na izvornom jeziku.
notice-binding-link = Pročitajte tekst na izvornom jeziku ({ $binding-language })
outdated-notice = Ovaj prijevod možda ne odgovara važećem tekstu na izvornom jeziku ({ $binding-language }).
outdated-link = Pročitajte odjeljak na izvornom jeziku ({ $binding-language })
untranslated-notice = Ovaj odjeljak još nije preveden. Prikazan je tekst na izvornom jeziku ({ $binding-language }).
not-found-title = Stranica nije pronađena
not-found-text = Ova stranica ne postoji (više). Sve dokumente pronaći ćete ovdje:
generated-by = Izrađeno s privsite
changes-title = Izmjene u verziji { $number }
compare-title = Izmjene od verzije { $from } do verzije { $to }
changes-intro = Što se promijenilo od verzije { $from }, riječ po riječ: umetnuti tekst je podcrtan, uklonjeni tekst je precrtan.
changes-legend-inserted = umetnuto
changes-legend-deleted = uklonjeno
changes-link = Izmjene
compare-with-current = Usporedi s važećom verzijom
section-added = Novi odjeljak
section-removed = Odjeljak uklonjen
section-changed = Izmijenjeno
section-moved = Premješteno
section-renamed = Preimenovano, prije „{ $from }”
section-old-title = Prethodni naslov: { $title }
unchanged-sections = Nepromijenjeno
no-changes = Tekst je nepromijenjen.
feed-title = { $site } – izmjene
feed-entry-title = { $doc }: verzija { $number }
feed = Izmjene kao feed
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Nacrt: verzija { $number } još nije objavljena. Ovaj pregled prikazuje neobjavljeni tekst iz content/.
draft-changes-link = Što se promijenilo
draft-status = Nacrt, još nije objavljeno

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Ukratko
glance-section = Odjeljak
summary-label = Sažetak
permalink-label = Poveznica na ovaj odjeljak: { $title }
section-timelines = Promjene po odjeljcima
section-timelines-intro = Verzije u kojima se promijenio tekst pojedinog odjeljka.
section-changed-in = Promijenjeno u
changed-summaries = Promijenjeni odjeljci ukratko

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Ovaj je dokument povučen { $date } i više ne vrijedi.
withdrawn-versions = Verzije ovog dokumenta

# The archival PDF of a version.
pdf-link = Preuzmi kao PDF ({ $kb } kB)
pdf-page = Stranica { $page } od { $total }
pdf-sha256 = SHA-256 ovog teksta
pdf-online = Ova verzija na internetu
