# Built-in strings of the change notice e-mails (Icelandic); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/is/*.ftl.

mail-subject = { $title }: veruleg breyting (útgáfa { $number })
mail-greeting = Góðan dag,
mail-greeting-name = Góðan dag { $name },
mail-intro = Við höfum gert verulega breytingu á „{ $title }“. Hér sérðu hvað breytist.
mail-takes-effect = Nýja útgáfan (útgáfa { $number }) tekur gildi { $date }.
mail-in-effect = Nýja útgáfan (útgáfa { $number }) hefur verið í gildi frá { $date }.
mail-read-version = Lesa nýju útgáfuna
mail-read-changes = Sjá allar breytingar, orð fyrir orð
mail-why = Þú færð þessi skilaboð vegna þess að þú skráðir þig fyrir tilkynningum um verulegar breytingar á persónuverndarskjölum { $name }.
mail-unsubscribe = Afskrá
