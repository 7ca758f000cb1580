# Built-in strings of the change notice e-mails (Italian); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/it/*.ftl.

mail-subject = { $title }: modifica sostanziale (versione { $number })
mail-greeting = Gentile utente,
mail-greeting-name = Gentile { $name },
mail-intro = abbiamo modificato in modo sostanziale «{ $title }». Ecco che cosa cambia.
mail-takes-effect = La nuova versione (versione { $number }) entrerà in vigore il { $date }.
mail-in-effect = La nuova versione (versione { $number }) è in vigore dal { $date }.
mail-read-version = Leggi la nuova versione
mail-read-changes = Vedi ogni modifica, parola per parola
mail-why = Ricevi questo messaggio perché ti sei iscritto agli avvisi sulle modifiche sostanziali dei documenti sulla privacy di { $name }.
mail-unsubscribe = Annulla l’iscrizione
