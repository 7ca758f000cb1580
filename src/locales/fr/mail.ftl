# Built-in strings of the change notice e-mails (French); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/fr/*.ftl.

mail-subject = { $title } : modification substantielle (version { $number })
mail-greeting = Bonjour,
mail-greeting-name = Bonjour { $name },
mail-intro = Nous avons modifié de manière substantielle « { $title } ». Voici ce qui change.
mail-takes-effect = La nouvelle version (version { $number }) entrera en vigueur le { $date }.
mail-in-effect = La nouvelle version (version { $number }) est en vigueur depuis le { $date }.
mail-read-version = Lire la nouvelle version
mail-read-changes = Voir chaque modification, mot par mot
mail-why = Vous recevez ce message parce que vous êtes abonné(e) aux avis de modifications substantielles des documents de protection des données de { $name }.
mail-unsubscribe = Se désabonner
