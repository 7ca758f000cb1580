# Built-in strings of the change notice e-mails (Estonian); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/et/*.ftl.

mail-subject = { $title }: oluline muudatus (versioon { $number })
mail-greeting = Tere
mail-greeting-name = Tere, { $name }
mail-intro = Oleme dokumenti „{ $title }“ oluliselt muutnud. Siit näete, mis muutub.
mail-takes-effect = Uus versioon (versioon { $number }) jõustub { $date }.
mail-in-effect = Uus versioon (versioon { $number }) on kehtinud alates { $date }.
mail-read-version = Loe uut versiooni
mail-read-changes = Vaata kõiki muudatusi sõna-sõnalt
mail-why = Saite selle sõnumi, sest tellisite teated { $name } andmekaitsedokumentide oluliste muudatuste kohta.
mail-unsubscribe = Loobu tellimusest
