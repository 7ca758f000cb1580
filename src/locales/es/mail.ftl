# Built-in strings of the change notice e-mails (Spanish); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/es/*.ftl.

mail-subject = { $title }: modificación sustancial (versión { $number })
mail-greeting = Hola:
mail-greeting-name = Hola, { $name }:
mail-intro = Hemos modificado de forma sustancial «{ $title }». Esto es lo que cambia.
mail-takes-effect = La nueva versión (versión { $number }) entrará en vigor el { $date }.
mail-in-effect = La nueva versión (versión { $number }) está en vigor desde el { $date }.
mail-read-version = Leer la nueva versión
mail-read-changes = Ver cada cambio, palabra por palabra
mail-why = Recibe este mensaje porque se suscribió a los avisos de modificaciones sustanciales de los documentos de privacidad de { $name }.
mail-unsubscribe = Darse de baja
