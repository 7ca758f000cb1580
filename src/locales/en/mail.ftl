# Built-in strings of the change notice e-mails (English); used by the theme's
# mail/notice.txt and mail/notice.html. A site overrides any message in its
# own locales/en/*.ftl.

mail-subject = { $title }: material change (version { $number })
mail-greeting = Hello,
mail-greeting-name = Hello { $name },
mail-intro = We have made a material change to “{ $title }”. Here is what changes.
mail-takes-effect = The new version (version { $number }) will take effect on { $date }.
mail-in-effect = The new version (version { $number }) has been in effect since { $date }.
mail-read-version = Read the new version
mail-read-changes = See every change, word by word
mail-why = You receive this message because you subscribed to notices of material changes to the privacy documents of { $name }.
mail-unsubscribe = Unsubscribe
