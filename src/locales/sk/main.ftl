# Built-in interface strings of privsite (Slovak). A site overrides any
# message by defining it again in its own locales/sk/*.ftl.

language-name = Slovenčina
site-title = Ochrana osobných údajov – { $name }
skip-to-content = Prejsť na obsah
language-switcher = Jazyk
choose-language = Vyberte si jazyk.
documents = Dokumenty
contents = Obsah
version = Verzia { $number }
kind-major = Podstatná zmena
kind-minor = Redakčná zmena
published = Zverejnené
effective = Platí od
in-effect-since = Účinné od
last-modified = Naposledy zmenené
section-count = { $count ->
    [one] jeden oddiel
    [few] { $count } oddiely
    [many] { $count } oddielu
   *[other] { $count } oddielov
}
history = História verzií
history-intro = Všetky zverejnené verzie tohto dokumentu, od najnovšej.
release-notes = Čo sa zmenilo
status-current = Platná verzia
status-upcoming = Ohlásené
status-archived = Predchádzajúca verzia
archived-notice = Čítate predchádzajúcu verziu (verzia { $number }).
archived-link = Prečítať platnú verziu
upcoming-notice = Nová verzia (verzia { $number }) nadobúda účinnosť { $date }.
upcoming-link = Prečítať novú verziu
notice-binding = Toto je preklad. Právne záväzné je iba znenie v pôvodnom jazyku ({ $binding-language }); v prípade pochybností má prednosť znenie v pôvodnom jazyku.
notice-binding-link = Prečítať znenie v pôvodnom jazyku ({ $binding-language })
outdated-notice = Tento preklad nemusí zodpovedať aktuálnemu zneniu v pôvodnom jazyku ({ $binding-language }).
outdated-link = Prečítať oddiel v pôvodnom jazyku ({ $binding-language })
untranslated-notice = Tento oddiel ešte nebol preložený. Zobrazuje sa znenie v pôvodnom jazyku ({ $binding-language }).
not-found-title = Stránka sa nenašla
not-found-text = Táto stránka neexistuje (alebo už neexistuje). Všetky dokumenty nájdete tu:
generated-by = Vytvorené pomocou privsite
changes-title = Zmeny vo verzii { $number }
compare-title = Zmeny od verzie { $from } po verziu { $to }
changes-intro = Čo sa zmenilo od verzie { $from }, slovo po slove: vložený text je podčiarknutý, odstránený text prečiarknutý.
changes-legend-inserted = vložené
changes-legend-deleted = odstránené
changes-link = Zmeny
compare-with-current = Porovnať s platnou verziou
section-added = Nový oddiel
section-removed = Oddiel odstránený
section-changed = Zmenené
section-moved = Presunuté
section-renamed = Premenované, predtým „{ $from }“
section-old-title = Predchádzajúci názov: { $title }
unchanged-sections = Bez zmeny
no-changes = Text je bez zmeny.
feed-title = { $site } – zmeny
feed-entry-title = { $doc }: verzia { $number }
feed = Zmeny ako kanál
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Koncept: verzia { $number } ešte nie je zverejnená. Tento náhľad zobrazuje nezverejnený text z content/.
draft-changes-link = Čo sa zmenilo
draft-status = Koncept, zatiaľ nezverejnené

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Stručne
glance-section = Oddiel
summary-label = V skratke
permalink-label = Odkaz na tento oddiel: { $title }
section-timelines = Zmeny podľa oddielov
section-timelines-intro = Verzie, v ktorých sa zmenil text jednotlivých oddielov.
section-changed-in = Zmenené v
changed-summaries = Zmenené oddiely v skratke

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Tento dokument bol stiahnutý dňa { $date } a už neplatí.
withdrawn-versions = Verzie tohto dokumentu

# The archival PDF of a version.
pdf-link = Stiahnuť ako PDF ({ $kb } kB)
pdf-page = Strana { $page } z { $total }
pdf-sha256 = SHA-256 tohto textu
pdf-online = Táto verzia online
