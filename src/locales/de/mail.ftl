# Built-in strings of the change notice e-mails (German); used by the theme's
# mail/notice.txt and mail/notice.html. A site overrides any message in its
# own locales/de/*.ftl.

mail-subject = { $title }: wesentliche Änderung (Version { $number })
mail-greeting = Guten Tag,
mail-greeting-name = Guten Tag { $name },
mail-intro = wir haben das Dokument „{ $title }“ wesentlich geändert. Was sich ändert, lesen Sie hier.
mail-takes-effect = Die neue Fassung (Version { $number }) tritt am { $date } in Kraft.
mail-in-effect = Die neue Fassung (Version { $number }) gilt seit dem { $date }.
mail-read-version = Die neue Fassung lesen
mail-read-changes = Alle Änderungen Wort für Wort
mail-why = Sie erhalten diese Nachricht, weil Sie Hinweise auf wesentliche Änderungen der Datenschutzdokumente von { $name } abonniert haben.
mail-unsubscribe = Abmelden
