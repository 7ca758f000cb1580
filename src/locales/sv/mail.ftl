# Built-in strings of the change notice e-mails (Swedish); used by the theme's
# mail/notice.txt and mail/notice.html. A site overrides any message in its
# own locales/sv/*.ftl.

mail-subject = { $title }: väsentlig ändring (version { $number })
mail-greeting = Hej,
mail-greeting-name = Hej { $name },
mail-intro = Vi har gjort en väsentlig ändring i ”{ $title }”. Här är vad som ändras.
mail-takes-effect = Den nya versionen (version { $number }) börjar gälla den { $date }.
mail-in-effect = Den nya versionen (version { $number }) gäller sedan den { $date }.
mail-read-version = Läs den nya versionen
mail-read-changes = Se alla ändringar, ord för ord
mail-why = Du får detta meddelande eftersom du prenumererar på meddelanden om väsentliga ändringar i integritetsdokumenten hos { $name }.
mail-unsubscribe = Avsluta prenumerationen
