# Built-in strings of the change notice e-mails (Croatian); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/hr/*.ftl.

mail-subject = { $title }: bitna izmjena (verzija { $number })
mail-greeting = Poštovani,
mail-greeting-name = Poštovani/Poštovana { $name },
mail-intro = bitno smo izmijenili dokument „{ $title }”. Evo što se mijenja.
mail-takes-effect = Nova verzija (verzija { $number }) stupa na snagu { $date }.
mail-in-effect = Nova verzija (verzija { $number }) na snazi je od { $date }.
mail-read-version = Pročitajte novu verziju
mail-read-changes = Pogledajte sve izmjene, riječ po riječ
mail-why = Ovu poruku primate jer ste se pretplatili na obavijesti o bitnim izmjenama dokumenata o zaštiti podataka društva { $name }.
mail-unsubscribe = Odjava
