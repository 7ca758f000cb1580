# Built-in strings of the change notice e-mails (Slovenian); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/sl/*.ftl.

mail-subject = { $title }: bistvena sprememba (različica { $number })
mail-greeting = Pozdravljeni,
mail-greeting-name = Pozdravljeni, { $name },
mail-intro = dokument »{ $title }« smo bistveno spremenili. Tukaj je, kaj se spreminja.
mail-takes-effect = Nova različica (različica { $number }) začne veljati { $date }.
mail-in-effect = Nova različica (različica { $number }) velja od { $date }.
mail-read-version = Preberite novo različico
mail-read-changes = Oglejte si vse spremembe, besedo za besedo
mail-why = To sporočilo ste prejeli, ker ste se naročili na obvestila o bistvenih spremembah dokumentov o varstvu podatkov družbe { $name }.
mail-unsubscribe = Odjava
