# Built-in strings of the change notice e-mails (Maltese); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/mt/*.ftl.

mail-subject = { $title }: bidla sostanzjali (verżjoni { $number })
mail-greeting = Bonġu,
mail-greeting-name = Bonġu { $name },
mail-intro = Għamilna bidla sostanzjali f’“{ $title }”. Hawn x’qed jinbidel.
mail-takes-effect = Il-verżjoni l-ġdida (verżjoni { $number }) se tidħol fis-seħħ fil-{ $date }.
mail-in-effect = Il-verżjoni l-ġdida (verżjoni { $number }) ilha fis-seħħ mill-{ $date }.
mail-read-version = Aqra l-verżjoni l-ġdida
mail-read-changes = Ara kull bidla, kelma b’kelma
mail-why = Qed tirċievi dan il-messaġġ għax abbonajt għall-avviżi dwar bidliet sostanzjali fid-dokumenti tal-privatezza ta’ { $name }.
mail-unsubscribe = Ikkanċella l-abbonament
