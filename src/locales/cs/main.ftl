# Built-in interface strings of privsite (Czech). A site overrides any
# message by defining it again in its own locales/cs/*.ftl.

language-name = Čeština
site-title = Ochrana osobních údajů – { $name }
skip-to-content = Přejít na obsah
language-switcher = Jazyk
choose-language = Zvolte prosím jazyk.
documents = Dokumenty
contents = Obsah
version = Verze { $number }
kind-major = Podstatná změna
kind-minor = Redakční změna
published = Zveřejněno
effective = Platí od
in-effect-since = Účinné od
last-modified = Naposledy změněno
section-count = { $count ->
    [one] jeden oddíl
    [few] { $count } oddíly
    [many] { $count } oddílu
   *[other] { $count } oddílů
}
history = Historie verzí
history-intro = Všechny zveřejněné verze tohoto dokumentu, od nejnovější.
release-notes = Co se změnilo
status-current = Platná verze
status-upcoming = Oznámeno
status-archived = Dřívější verze
archived-notice = Čtete dřívější verzi (verze { $number }).
archived-link = Přečíst platnou verzi
upcoming-notice = Nová verze (verze { $number }) nabývá účinnosti dne { $date }.
upcoming-link = Přečíst novou verzi
notice-binding = Toto je překlad. Právně závazné je pouze znění v původním jazyce ({ $binding-language }); v případě pochybností má přednost znění v původním jazyce.
notice-binding-link = Přečíst znění v původním jazyce ({ $binding-language })
outdated-notice = Tento překlad nemusí odpovídat aktuálnímu znění v původním jazyce ({ $binding-language }).
outdated-link = Přečíst oddíl v původním jazyce ({ $binding-language })
untranslated-notice = Tento oddíl zatím nebyl přeložen. Zobrazuje se znění v původním jazyce ({ $binding-language }).
not-found-title = Stránka nenalezena
not-found-text = Tato stránka neexistuje (nebo již neexistuje). Všechny dokumenty najdete zde:
generated-by = Vytvořeno pomocí privsite
changes-title = Změny ve verzi { $number }
compare-title = Změny od verze { $from } do verze { $to }
changes-intro = Co se změnilo od verze { $from }, slovo po slovu: vložený text je podtržený, odstraněný text přeškrtnutý.
changes-legend-inserted = vloženo
changes-legend-deleted = odstraněno
changes-link = Změny
compare-with-current = Porovnat s platnou verzí
section-added = Nový oddíl
section-removed = Oddíl odstraněn
section-changed = Změněno
section-moved = Přesunuto
section-renamed = Přejmenováno, dříve „{ $from }“
section-old-title = Předchozí název: { $title }
unchanged-sections = Beze změny
no-changes = Text je beze změny.
feed-title = { $site } – změny
feed-entry-title = { $doc }: verze { $number }
feed = Změny jako kanál
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Koncept: verze { $number } ještě není zveřejněna. Tento náhled ukazuje nezveřejněný text z content/.
draft-changes-link = Co se změnilo
draft-status = Koncept, dosud nezveřejněno

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Stručně
glance-section = Oddíl
summary-label = Ve zkratce
permalink-label = Odkaz na tento oddíl: { $title }
section-timelines = Změny podle oddílů
section-timelines-intro = Verze, ve kterých se změnil text jednotlivých oddílů.
section-changed-in = Změněno v
changed-summaries = Změněné oddíly ve zkratce

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Tento dokument byl stažen dne { $date } a již neplatí.
withdrawn-versions = Verze tohoto dokumentu

# The archival PDF of a version.
pdf-link = Stáhnout jako PDF ({ $kb } kB)
pdf-page = Strana { $page } z { $total }
pdf-sha256 = SHA-256 tohoto textu
pdf-online = Tato verze online
