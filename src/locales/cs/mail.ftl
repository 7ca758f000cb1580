# Built-in strings of the change notice e-mails (Czech); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/cs/*.ftl.

mail-subject = { $title }: podstatná změna (verze { $number })
mail-greeting = Dobrý den,
mail-greeting-name = Dobrý den, { $name },
mail-intro = dokument „{ $title }“ jsme podstatně změnili. Zde je, co se mění.
mail-takes-effect = Nová verze (verze { $number }) nabude účinnosti dne { $date }.
mail-in-effect = Nová verze (verze { $number }) je účinná od { $date }.
mail-read-version = Přečíst novou verzi
mail-read-changes = Zobrazit všechny změny slovo po slovu
mail-why = Tuto zprávu dostáváte, protože jste se přihlásili k odběru oznámení o podstatných změnách dokumentů o ochraně osobních údajů { $name }.
mail-unsubscribe = Odhlásit odběr
