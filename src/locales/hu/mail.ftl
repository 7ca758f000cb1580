# Built-in strings of the change notice e-mails (Hungarian); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/hu/*.ftl.

mail-subject = { $title }: lényeges módosítás ({ $number }. verzió)
mail-greeting = Tisztelt Címzett!
mail-greeting-name = Tisztelt { $name }!
mail-intro = Lényegesen módosítottuk a következő dokumentumot: „{ $title }”. Az alábbiakban olvashatja, mi változik.
mail-takes-effect = Az új verzió ({ $number }. verzió) hatálybalépésének napja: { $date }.
mail-in-effect = Az új verzió ({ $number }. verzió) hatályos ettől a naptól: { $date }.
mail-read-version = Az új verzió olvasása
mail-read-changes = Minden változás szóról szóra
mail-why = Azért kapja ezt az üzenetet, mert feliratkozott a(z) { $name } adatvédelmi dokumentumainak lényeges módosításairól szóló értesítésekre.
mail-unsubscribe = Leiratkozás
