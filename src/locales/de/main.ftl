# Built-in interface strings of privsite (German). A site overrides any
# message by defining it again in its own locales/de/*.ftl.

language-name = Deutsch
site-title = Datenschutz bei { $name }
skip-to-content = Zum Inhalt springen
language-switcher = Sprache
choose-language = Bitte wählen Sie Ihre Sprache.
documents = Dokumente
contents = Inhalt
version = Version { $number }
kind-major = Wesentliche Änderung
kind-minor = Redaktionelle Änderung
published = Veröffentlicht
effective = Gültig ab
in-effect-since = In Kraft seit
last-modified = Zuletzt geändert
section-count = { $count ->
    [one] ein Abschnitt
   *[other] { $count } Abschnitte
}
history = Versionsgeschichte
history-intro = Alle veröffentlichten Fassungen dieses Dokuments, die neueste zuerst.
release-notes = Was sich geändert hat
status-current = Aktuelle Fassung
status-upcoming = Angekündigt
status-archived = Frühere Fassung
archived-notice = Sie lesen eine frühere Fassung (Version { $number }).
archived-link = Zur aktuellen Fassung
upcoming-notice = Eine neue Fassung (Version { $number }) tritt am { $date } in Kraft.
upcoming-link = Neue Fassung lesen
notice-binding = Dies ist eine Übersetzung. Rechtlich verbindlich ist allein der Text auf { $binding-language }; im Zweifel gilt der Text auf { $binding-language }.
notice-binding-link = Text auf { $binding-language } lesen
outdated-notice = Diese Übersetzung entspricht möglicherweise nicht dem aktuellen Text auf { $binding-language }.
outdated-link = Abschnitt auf { $binding-language } lesen
untranslated-notice = Dieser Abschnitt ist noch nicht übersetzt. Hier steht der Text auf { $binding-language }.
not-found-title = Seite nicht gefunden
not-found-text = Diese Seite gibt es nicht (mehr). Alle Dokumente finden Sie hier:
generated-by = Erstellt mit privsite
changes-title = Änderungen in Version { $number }
compare-title = Änderungen von Version { $from } zu Version { $to }
changes-intro = Was sich gegenüber Version { $from } geändert hat, Wort für Wort: eingefügter Text ist unterstrichen, entfernter Text durchgestrichen.
changes-legend-inserted = eingefügt
changes-legend-deleted = entfernt
changes-link = Änderungen
compare-with-current = Mit der aktuellen Fassung vergleichen
section-added = Neuer Abschnitt
section-removed = Abschnitt entfernt
section-changed = Geändert
section-moved = Verschoben
section-renamed = Umbenannt, vorher „{ $from }“
section-old-title = Vorheriger Titel: { $title }
unchanged-sections = Unverändert
no-changes = Der Text ist unverändert.
feed-title = { $site } – Änderungen
feed-entry-title = { $doc }: Version { $number }
feed = Änderungen als Feed
# Das Archiv-PDF jeder Fassung.
pdf-link = Als PDF herunterladen ({ $kb } kB)
pdf-page = Seite { $page } von { $total }
pdf-sha256 = SHA-256 dieses Textes
pdf-online = Diese Fassung online
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Entwurf: Version { $number } ist noch nicht veröffentlicht. Diese Vorschau zeigt den unveröffentlichten Text aus content/.
draft-changes-link = Was sich geändert hat
draft-status = Entwurf, noch nicht veröffentlicht

# Mehrstufige Information: Zusammenfassungen der Abschnitte, ihre Tabelle, Links auf einen Abschnitt.
at-a-glance = Auf einen Blick
glance-section = Abschnitt
summary-label = Kurz gesagt
permalink-label = Link zu diesem Abschnitt: { $title }
section-timelines = Änderungen nach Abschnitt
section-timelines-intro = Die Versionen, in denen sich der Text eines Abschnitts geändert hat.
section-changed-in = Geändert in
changed-summaries = Die geänderten Abschnitte in Kürze

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Dieses Dokument wurde am { $date } zurückgezogen und gilt nicht mehr.
withdrawn-versions = Versionen dieses Dokuments
