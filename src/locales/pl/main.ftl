# Built-in interface strings of privsite (Polish). A site overrides any
# message by defining it again in its own locales/pl/*.ftl.

language-name = Polski
site-title = Ochrona danych w { $name }
skip-to-content = Przejdź do treści
language-switcher = Język
choose-language = Wybierz język.
documents = Dokumenty
contents = Spis treści
version = Wersja { $number }
kind-major = Istotna zmiana
kind-minor = Zmiana redakcyjna
published = Opublikowano
effective = Obowiązuje od
in-effect-since = Obowiązuje od
last-modified = Ostatnia zmiana
section-count = { $count ->
    [one] jedna sekcja
    [few] { $count } sekcje
    [many] { $count } sekcji
   *[other] { $count } sekcji
}
history = Historia wersji
history-intro = Wszystkie opublikowane wersje tego dokumentu, od najnowszej.
release-notes = Co się zmieniło
status-current = Obowiązująca wersja
status-upcoming = Zapowiedziana
status-archived = Wcześniejsza wersja
archived-notice = Czytasz wcześniejszą wersję (wersja { $number }).
archived-link = Przeczytaj obowiązującą wersję
upcoming-notice = Nowa wersja (wersja { $number }) wchodzi w życie { $date }.
upcoming-link = Przeczytaj nową wersję
notice-binding = To jest tłumaczenie. Prawnie wiążący jest wyłącznie tekst w języku oryginału ({ $binding-language }); w razie wątpliwości rozstrzyga tekst w języku oryginału.
notice-binding-link = Przeczytaj tekst w języku oryginału ({ $binding-language })
outdated-notice = To tłumaczenie może nie odpowiadać aktualnemu tekstowi w języku oryginału ({ $binding-language }).
outdated-link = Przeczytaj sekcję w języku oryginału ({ $binding-language })
untranslated-notice = Ta sekcja nie została jeszcze przetłumaczona. Wyświetlany jest tekst w języku oryginału ({ $binding-language }).
not-found-title = Nie znaleziono strony
not-found-text = Ta strona nie istnieje (już). Wszystkie dokumenty znajdziesz tutaj:
generated-by = Utworzono za pomocą privsite
changes-title = Zmiany w wersji { $number }
compare-title = Zmiany od wersji { $from } do wersji { $to }
changes-intro = Co zmieniło się od wersji { $from }, słowo po słowie: dodany tekst jest podkreślony, usunięty tekst jest przekreślony.
changes-legend-inserted = dodano
changes-legend-deleted = usunięto
changes-link = Zmiany
compare-with-current = Porównaj z obowiązującą wersją
section-added = Nowa sekcja
section-removed = Sekcja usunięta
section-changed = Zmieniona
section-moved = Przeniesiona
section-renamed = Zmieniono nazwę, wcześniej „{ $from }”
section-old-title = Poprzedni tytuł: { $title }
unchanged-sections = Bez zmian
no-changes = Tekst nie zmienił się.
feed-title = { $site } – zmiany
feed-entry-title = { $doc }: wersja { $number }
feed = Zmiany jako kanał
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Wersja robocza: wersja { $number } nie została jeszcze opublikowana. Ten podgląd pokazuje nieopublikowany tekst z content/.
draft-changes-link = Co się zmieniło
draft-status = Wersja robocza, jeszcze nieopublikowana

# Layered notices: section summaries, their table, links to a section.
at-a-glance = W skrócie
glance-section = Sekcja
summary-label = Krótko mówiąc
permalink-label = Link do tej sekcji: { $title }
section-timelines = Zmiany według sekcji
section-timelines-intro = Wersje, w których zmienił się tekst każdej sekcji.
section-changed-in = Zmieniono w
changed-summaries = Zmienione sekcje w skrócie

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Ten dokument został wycofany dnia { $date } i już nie obowiązuje.
withdrawn-versions = Wersje tego dokumentu

# The archival PDF of a version.
pdf-link = Pobierz jako PDF ({ $kb } kB)
pdf-page = Strona { $page } z { $total }
pdf-sha256 = SHA-256 tego tekstu
pdf-online = Ta wersja online
