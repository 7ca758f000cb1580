# Built-in strings of the change notice e-mails (Norwegian Bokmål); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/nb/*.ftl.

mail-subject = { $title }: vesentlig endring (versjon { $number })
mail-greeting = Hei,
mail-greeting-name = Hei { $name },
mail-intro = Vi har gjort en vesentlig endring i «{ $title }». Her ser du hva som endres.
mail-takes-effect = Den nye versjonen (versjon { $number }) trer i kraft { $date }.
mail-in-effect = Den nye versjonen (versjon { $number }) har vært i kraft siden { $date }.
mail-read-version = Les den nye versjonen
mail-read-changes = Se alle endringer ord for ord
mail-why = Du mottar denne meldingen fordi du abonnerer på varsler om vesentlige endringer i personverndokumentene til { $name }.
mail-unsubscribe = Avslutt abonnementet
