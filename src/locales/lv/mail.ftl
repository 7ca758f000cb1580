# Built-in strings of the change notice e-mails (Latvian); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/lv/*.ftl.

mail-subject = { $title }: būtiskas izmaiņas ({ $number }. versija)
mail-greeting = Labdien!
mail-greeting-name = Labdien, { $name }!
mail-intro = Esam būtiski mainījuši dokumentu “{ $title }”. Lūk, kas mainās.
mail-takes-effect = Jaunā versija ({ $number }. versija) stāsies spēkā { $date }.
mail-in-effect = Jaunā versija ({ $number }. versija) ir spēkā kopš { $date }.
mail-read-version = Lasīt jauno versiju
mail-read-changes = Skatīt visas izmaiņas vārdu pa vārdam
mail-why = Jūs saņemat šo ziņojumu, jo esat pieteicies paziņojumiem par būtiskām izmaiņām { $name } datu aizsardzības dokumentos.
mail-unsubscribe = Atteikties
