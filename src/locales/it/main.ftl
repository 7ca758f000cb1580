# Built-in interface strings of privsite (Italian). A site overrides any
# message by defining it again in its own locales/it/*.ftl.

language-name = Italiano
site-title = Privacy presso { $name }
skip-to-content = Vai al contenuto
language-switcher = Lingua
choose-language = Scegli la tua lingua.
documents = Documenti
contents = Indice
version = Versione { $number }
kind-major = Modifica sostanziale
kind-minor = Modifica redazionale
published = Pubblicata
effective = In vigore dal
in-effect-since = In vigore dal
last-modified = Ultima modifica
section-count = { $count ->
    [one] una sezione
    [many] { $count } di sezioni
   *[other] { $count } sezioni
}
history = Cronologia delle versioni
history-intro = Tutte le versioni pubblicate di questo documento, dalla più recente.
release-notes = Che cosa è cambiato
status-current = Versione in vigore
status-upcoming = Annunciata
status-archived = Versione precedente
archived-notice = Stai leggendo una versione precedente (versione { $number }).
archived-link = Leggi la versione in vigore
upcoming-notice = Una nuova versione (versione { $number }) entra in vigore il { $date }.
upcoming-link = Leggi la nuova versione
notice-binding = Questa è una traduzione. Solo il testo in { $binding-language } è giuridicamente vincolante; in caso di dubbio, prevale il testo in { $binding-language }.
notice-binding-link = Leggi il testo in { $binding-language }
outdated-notice = Questa traduzione potrebbe non corrispondere al testo attuale in { $binding-language }.
outdated-link = Leggi la sezione in { $binding-language }
untranslated-notice = Questa sezione non è ancora stata tradotta. È riportato il testo in { $binding-language }.
not-found-title = Pagina non trovata
not-found-text = Questa pagina non esiste (più). Qui trovi tutti i documenti:
generated-by = Realizzato con privsite
changes-title = Modifiche nella versione { $number }
compare-title = Modifiche dalla versione { $from } alla versione { $to }
changes-intro = Che cosa è cambiato rispetto alla versione { $from }, parola per parola: il testo aggiunto è sottolineato, il testo eliminato è barrato.
changes-legend-inserted = aggiunto
changes-legend-deleted = eliminato
changes-link = Modifiche
compare-with-current = Confronta con la versione in vigore
section-added = Nuova sezione
section-removed = Sezione eliminata
section-changed = Modificata
section-moved = Spostata
section-renamed = Rinominata, in precedenza «{ $from }»
section-old-title = Titolo precedente: { $title }
unchanged-sections = Invariate
no-changes = Il testo è invariato.
feed-title = { $site } – modifiche
feed-entry-title = { $doc }: versione { $number }
feed = Le modifiche come feed
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Bozza: la versione { $number } non è ancora pubblicata. Questa anteprima mostra il testo non pubblicato di content/.
draft-changes-link = Che cosa è cambiato
draft-status = Bozza, non ancora pubblicata

# Layered notices: section summaries, their table, links to a section.
at-a-glance = In sintesi
glance-section = Sezione
summary-label = In breve
permalink-label = Link a questa sezione: { $title }
section-timelines = Modifiche per sezione
section-timelines-intro = Le versioni in cui il testo di ciascuna sezione è cambiato.
section-changed-in = Modificata in
changed-summaries = Le sezioni modificate in breve

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Questo documento è stato ritirato il { $date } e non è più in vigore.
withdrawn-versions = Versioni di questo documento

# The archival PDF of a version.
pdf-link = Scarica in PDF ({ $kb } kB)
pdf-page = Pagina { $page } di { $total }
pdf-sha256 = SHA-256 di questo testo
pdf-online = Questa versione online
