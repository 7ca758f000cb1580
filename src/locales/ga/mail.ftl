# Built-in strings of the change notice e-mails (Irish); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/ga/*.ftl.

mail-subject = { $title }: athrú substaintiúil (leagan { $number })
mail-greeting = Dia duit,
mail-greeting-name = Dia duit { $name },
mail-intro = Rinneamar athrú substaintiúil ar “{ $title }”. Seo an méid atá ag athrú.
mail-takes-effect = Tiocfaidh an leagan nua (leagan { $number }) i bhfeidhm ar { $date }.
mail-in-effect = Tá an leagan nua (leagan { $number }) i bhfeidhm ó { $date }.
mail-read-version = Léigh an leagan nua
mail-read-changes = Féach ar gach athrú, focal ar fhocal
mail-why = Tá an teachtaireacht seo á fáil agat toisc gur chláraigh tú le fógraí faoi athruithe substaintiúla ar dhoiciméid phríobháideachais { $name }.
mail-unsubscribe = Díliostáil
