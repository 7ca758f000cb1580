# Built-in strings of the change notice e-mails (Finnish); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/fi/*.ftl.

mail-subject = { $title }: olennainen muutos (versio { $number })
mail-greeting = Hei,
mail-greeting-name = Hei { $name },
mail-intro = Olemme muuttaneet asiakirjaa ”{ $title }” olennaisesti. Tässä kerromme, mikä muuttuu.
mail-takes-effect = Uusi versio (versio { $number }) tulee voimaan { $date }.
mail-in-effect = Uusi versio (versio { $number }) on ollut voimassa { $date } alkaen.
mail-read-version = Lue uusi versio
mail-read-changes = Katso kaikki muutokset sana sanalta
mail-why = Saat tämän viestin, koska olet tilannut ilmoitukset { $name } -yrityksen tietosuoja-asiakirjojen olennaisista muutoksista.
mail-unsubscribe = Peru tilaus
