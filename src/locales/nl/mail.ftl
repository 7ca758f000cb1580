# Built-in strings of the change notice e-mails (Dutch); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/nl/*.ftl.

mail-subject = { $title }: wezenlijke wijziging (versie { $number })
mail-greeting = Beste lezer,
mail-greeting-name = Beste { $name },
mail-intro = We hebben ‘{ $title }’ wezenlijk gewijzigd. Hieronder leest u wat er verandert.
mail-takes-effect = De nieuwe versie (versie { $number }) treedt in werking op { $date }.
mail-in-effect = De nieuwe versie (versie { $number }) is van kracht sinds { $date }.
mail-read-version = De nieuwe versie lezen
mail-read-changes = Alle wijzigingen woord voor woord bekijken
mail-why = U ontvangt dit bericht omdat u zich hebt aangemeld voor berichten over wezenlijke wijzigingen in de privacydocumenten van { $name }.
mail-unsubscribe = Afmelden
