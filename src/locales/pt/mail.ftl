# Built-in strings of the change notice e-mails (Portuguese); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/pt/*.ftl.

mail-subject = { $title }: alteração substancial (versão { $number })
mail-greeting = Olá,
mail-greeting-name = Olá, { $name },
mail-intro = Alterámos de forma substancial «{ $title }». Eis o que muda.
mail-takes-effect = A nova versão (versão { $number }) entra em vigor em { $date }.
mail-in-effect = A nova versão (versão { $number }) está em vigor desde { $date }.
mail-read-version = Ler a nova versão
mail-read-changes = Ver todas as alterações, palavra a palavra
mail-why = Recebe esta mensagem porque subscreveu os avisos de alterações substanciais dos documentos de privacidade de { $name }.
mail-unsubscribe = Cancelar a subscrição
