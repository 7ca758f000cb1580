# Built-in interface strings of privsite (Greek). A site overrides any
# message by defining it again in its own locales/el/*.ftl.

language-name = Ελληνικά
site-title = Προστασία δεδομένων – { $name }
skip-to-content = Μετάβαση στο περιεχόμενο
language-switcher = Γλώσσα
choose-language = Επιλέξτε τη γλώσσα σας.
documents = Έγγραφα
contents = Περιεχόμενα
version = Έκδοση { $number }
kind-major = Ουσιώδης αλλαγή
kind-minor = Συντακτική αλλαγή
published = Δημοσίευση
effective = Ισχύει από
in-effect-since = Σε ισχύ από
last-modified = Τελευταία αλλαγή
section-count = { $count ->
    [one] μία ενότητα
   *[other] { $count } ενότητες
}
history = Ιστορικό εκδόσεων
history-intro = Όλες οι δημοσιευμένες εκδόσεις αυτού του εγγράφου, με πρώτη τη νεότερη.
release-notes = Τι άλλαξε
status-current = Ισχύουσα έκδοση
status-upcoming = Ανακοινωμένη
status-archived = Προηγούμενη έκδοση
archived-notice = Διαβάζετε μια προηγούμενη έκδοση (έκδοση { $number }).
archived-link = Ανάγνωση της ισχύουσας έκδοσης
upcoming-notice = Μια νέα έκδοση (έκδοση { $number }) τίθεται σε ισχύ στις { $date }.
upcoming-link = Ανάγνωση της νέας έκδοσης
notice-binding = Πρόκειται για μετάφραση. Νομικά δεσμευτικό είναι μόνο το κείμενο στη γλώσσα του πρωτοτύπου ({ $binding-language }). Σε περίπτωση αμφιβολίας, υπερισχύει το κείμενο στη γλώσσα του πρωτοτύπου.
notice-binding-link = Ανάγνωση του κειμένου στη γλώσσα του πρωτοτύπου ({ $binding-language })
outdated-notice = Η μετάφραση αυτή ενδέχεται να μην αντιστοιχεί στο τρέχον κείμενο στη γλώσσα του πρωτοτύπου ({ $binding-language }).
outdated-link = Ανάγνωση της ενότητας στη γλώσσα του πρωτοτύπου ({ $binding-language })
untranslated-notice = Η ενότητα αυτή δεν έχει μεταφραστεί ακόμη. Εμφανίζεται το κείμενο στη γλώσσα του πρωτοτύπου ({ $binding-language }).
not-found-title = Η σελίδα δεν βρέθηκε
not-found-text = Η σελίδα αυτή δεν υπάρχει (πλέον). Όλα τα έγγραφα θα τα βρείτε εδώ:
generated-by = Δημιουργήθηκε με το privsite
changes-title = Αλλαγές στην έκδοση { $number }
compare-title = Αλλαγές από την έκδοση { $from } στην έκδοση { $to }
changes-intro = Τι άλλαξε σε σχέση με την έκδοση { $from }, λέξη προς λέξη: το κείμενο που προστέθηκε είναι υπογραμμισμένο, το κείμενο που αφαιρέθηκε είναι διαγραμμένο.
changes-legend-inserted = προστέθηκε
changes-legend-deleted = αφαιρέθηκε
changes-link = Αλλαγές
compare-with-current = Σύγκριση με την ισχύουσα έκδοση
section-added = Νέα ενότητα
section-removed = Η ενότητα αφαιρέθηκε
section-changed = Άλλαξε
section-moved = Μετακινήθηκε
section-renamed = Μετονομάστηκε, παλαιότερα «{ $from }»
section-old-title = Προηγούμενος τίτλος: { $title }
unchanged-sections = Αμετάβλητες
no-changes = Το κείμενο δεν άλλαξε.
feed-title = { $site } – αλλαγές
feed-entry-title = { $doc }: έκδοση { $number }
feed = Οι αλλαγές ως ροή
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Πρόχειρο: η έκδοση { $number } δεν έχει δημοσιευτεί ακόμη. Η προεπισκόπηση αυτή δείχνει το αδημοσίευτο κείμενο του content/.
draft-changes-link = Τι άλλαξε
draft-status = Πρόχειρο, δεν έχει δημοσιευτεί ακόμη

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Με μια ματιά
glance-section = Ενότητα
summary-label = Εν συντομία
permalink-label = Σύνδεσμος προς αυτή την ενότητα: { $title }
section-timelines = Αλλαγές ανά ενότητα
section-timelines-intro = Οι εκδόσεις στις οποίες άλλαξε το κείμενο κάθε ενότητας.
section-changed-in = Άλλαξε σε
changed-summaries = Οι ενότητες που άλλαξαν, εν συντομία

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Το παρόν έγγραφο αποσύρθηκε στις { $date } και δεν ισχύει πλέον.
withdrawn-versions = Εκδόσεις αυτού του εγγράφου

# The archival PDF of a version.
pdf-link = Λήψη ως PDF ({ $kb } kB)
pdf-page = Σελίδα { $page } από { $total }
pdf-sha256 = SHA-256 αυτού του κειμένου
pdf-online = Αυτή η έκδοση στο διαδίκτυο
