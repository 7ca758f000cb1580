# Built-in strings of the change notice e-mails (Romanian); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/ro/*.ftl.

mail-subject = { $title }: modificare substanțială (versiunea { $number })
mail-greeting = Bună ziua,
mail-greeting-name = Bună ziua, { $name },
mail-intro = Am modificat în mod substanțial „{ $title }”. Iată ce se schimbă.
mail-takes-effect = Noua versiune (versiunea { $number }) va intra în vigoare la { $date }.
mail-in-effect = Noua versiune (versiunea { $number }) este în vigoare din { $date }.
mail-read-version = Citiți noua versiune
mail-read-changes = Vedeți fiecare modificare, cuvânt cu cuvânt
mail-why = Primiți acest mesaj deoarece v-ați abonat la notificările privind modificările substanțiale ale documentelor de protecție a datelor ale { $name }.
mail-unsubscribe = Dezabonare
