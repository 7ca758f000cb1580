# Built-in strings of the change notice e-mails (Greek); used by the
# theme's mail/notice.txt and mail/notice.html. A site overrides any message
# in its own locales/el/*.ftl.

mail-subject = { $title }: ουσιώδης αλλαγή (έκδοση { $number })
mail-greeting = Γεια σας,
mail-greeting-name = Γεια σας { $name },
mail-intro = Κάναμε μια ουσιώδη αλλαγή στο «{ $title }». Δείτε τι αλλάζει.
mail-takes-effect = Η νέα έκδοση (έκδοση { $number }) θα τεθεί σε ισχύ στις { $date }.
mail-in-effect = Η νέα έκδοση (έκδοση { $number }) ισχύει από τις { $date }.
mail-read-version = Ανάγνωση της νέας έκδοσης
mail-read-changes = Δείτε κάθε αλλαγή, λέξη προς λέξη
mail-why = Λαμβάνετε αυτό το μήνυμα επειδή έχετε εγγραφεί για ειδοποιήσεις σχετικά με ουσιώδεις αλλαγές στα έγγραφα προστασίας δεδομένων της { $name }.
mail-unsubscribe = Διαγραφή από τη λίστα
