# Built-in strings of the change notice e-mails (Bulgarian); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/bg/*.ftl.

mail-subject = { $title }: съществена промяна (версия { $number })
mail-greeting = Здравейте,
mail-greeting-name = Здравейте, { $name },
mail-intro = направихме съществена промяна в „{ $title }“. Ето какво се променя.
mail-takes-effect = Новата версия (версия { $number }) влиза в сила на { $date }.
mail-in-effect = Новата версия (версия { $number }) е в сила от { $date }.
mail-read-version = Прочетете новата версия
mail-read-changes = Вижте всяка промяна, дума по дума
mail-why = Получавате това съобщение, защото сте се абонирали за известия за съществени промени в документите за защита на данните на { $name }.
mail-unsubscribe = Отписване
