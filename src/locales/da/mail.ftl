# Built-in strings of the change notice e-mails (Danish); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/da/*.ftl.

mail-subject = { $title }: væsentlig ændring (version { $number })
mail-greeting = Hej,
mail-greeting-name = Hej { $name },
mail-intro = Vi har foretaget en væsentlig ændring af “{ $title }”. Her kan du læse, hvad der ændres.
mail-takes-effect = Den nye version (version { $number }) træder i kraft den { $date }.
mail-in-effect = Den nye version (version { $number }) har været i kraft siden den { $date }.
mail-read-version = Læs den nye version
mail-read-changes = Se alle ændringer ord for ord
mail-why = Du modtager denne besked, fordi du har tilmeldt dig meddelelser om væsentlige ændringer i databeskyttelsesdokumenterne fra { $name }.
mail-unsubscribe = Afmeld
