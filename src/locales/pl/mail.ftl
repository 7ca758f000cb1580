# Built-in strings of the change notice e-mails (Polish); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/pl/*.ftl.

mail-subject = { $title }: istotna zmiana (wersja { $number })
mail-greeting = Dzień dobry,
mail-greeting-name = Dzień dobry { $name },
mail-intro = wprowadziliśmy istotną zmianę w dokumencie „{ $title }”. Oto, co się zmienia.
mail-takes-effect = Nowa wersja (wersja { $number }) wejdzie w życie { $date }.
mail-in-effect = Nowa wersja (wersja { $number }) obowiązuje od { $date }.
mail-read-version = Przeczytaj nową wersję
mail-read-changes = Zobacz wszystkie zmiany, słowo po słowie
mail-why = Otrzymujesz tę wiadomość, ponieważ subskrybujesz powiadomienia o istotnych zmianach w dokumentach dotyczących ochrony danych { $name }.
mail-unsubscribe = Zrezygnuj z subskrypcji
