# Built-in strings of the change notice e-mails (Slovak); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/sk/*.ftl.

mail-subject = { $title }: podstatná zmena (verzia { $number })
mail-greeting = Dobrý deň,
mail-greeting-name = Dobrý deň, { $name },
mail-intro = dokument „{ $title }“ sme podstatne zmenili. Tu je, čo sa mení.
mail-takes-effect = Nová verzia (verzia { $number }) nadobudne účinnosť { $date }.
mail-in-effect = Nová verzia (verzia { $number }) je účinná od { $date }.
mail-read-version = Prečítať novú verziu
mail-read-changes = Zobraziť všetky zmeny slovo po slove
mail-why = Túto správu dostávate, pretože ste sa prihlásili na odber oznámení o podstatných zmenách dokumentov o ochrane osobných údajov { $name }.
mail-unsubscribe = Odhlásiť odber
