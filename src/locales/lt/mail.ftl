# Built-in strings of the change notice e-mails (Lithuanian); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/lt/*.ftl.

mail-subject = { $title }: esminis pakeitimas ({ $number } versija)
mail-greeting = Laba diena,
mail-greeting-name = Laba diena, { $name },
mail-intro = iš esmės pakeitėme dokumentą „{ $title }“. Štai kas keičiasi.
mail-takes-effect = Nauja versija ({ $number } versija) įsigalios { $date }.
mail-in-effect = Nauja versija ({ $number } versija) galioja nuo { $date }.
mail-read-version = Skaityti naują versiją
mail-read-changes = Peržiūrėti visus pakeitimus žodis po žodžio
mail-why = Gavote šį pranešimą, nes užsiprenumeravote pranešimus apie esminius { $name } duomenų apsaugos dokumentų pakeitimus.
mail-unsubscribe = Atsisakyti prenumeratos
