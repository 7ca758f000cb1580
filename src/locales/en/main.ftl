# Built-in interface strings of privsite (English). A site overrides any
# message by defining it again in its own locales/en/*.ftl.

language-name = English
site-title = Privacy at { $name }
skip-to-content = Skip to content
language-switcher = Language
choose-language = Please choose your language.
documents = Documents
contents = Contents
version = Version { $number }
kind-major = Material change
kind-minor = Editorial change
published = Published
effective = Effective from
in-effect-since = In effect since
last-modified = Last modified
section-count = { $count ->
    [one] one section
   *[other] { $count } sections
}
history = Version history
history-intro = Every published version of this document, newest first.
release-notes = What changed
status-current = Current version
status-upcoming = Announced
status-archived = Earlier version
archived-notice = You are reading an earlier version (version { $number }).
archived-link = Read the current version
upcoming-notice = A new version (version { $number }) takes effect on { $date }.
upcoming-link = Read the new version
notice-binding = This is a translation. Only the { $binding-language } text is legally binding; in case of doubt, the { $binding-language } text prevails.
notice-binding-link = Read the { $binding-language } text
outdated-notice = This translation may not reflect the current { $binding-language } text.
outdated-link = Read the { $binding-language } section
untranslated-notice = This section has not been translated yet. The { $binding-language } text is shown.
not-found-title = Page not found
not-found-text = This page does not exist (any more). You will find every document here:
generated-by = Made with privsite
changes-title = Changes in version { $number }
compare-title = Changes from version { $from } to version { $to }
changes-intro = What changed since version { $from }, word by word: inserted text is underlined, removed text is struck through.
changes-legend-inserted = inserted
changes-legend-deleted = removed
changes-link = Changes
compare-with-current = Compare with the current version
section-added = New section
section-removed = Section removed
section-changed = Changed
section-moved = Moved
section-renamed = Renamed, formerly “{ $from }”
section-old-title = Previous title: { $title }
unchanged-sections = Unchanged
no-changes = The text is unchanged.
feed-title = { $site } – changes
feed-entry-title = { $doc }: version { $number }
feed = Changes as a feed
# The archival PDF of each version.
pdf-link = Download as PDF ({ $kb } kB)
pdf-page = Page { $page } of { $total }
pdf-sha256 = SHA-256 of this text
pdf-online = This version online
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Draft: version { $number } is not published yet. This preview shows the unreleased text of content/.
draft-changes-link = What changed
draft-status = Draft, not yet published

# Layered notices: section summaries, their table, links to a section.
at-a-glance = At a glance
glance-section = Section
summary-label = In short
permalink-label = Link to this section: { $title }
section-timelines = Changes by section
section-timelines-intro = The versions in which each section’s text changed.
section-changed-in = Changed in
changed-summaries = The changed sections in short

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = This document was withdrawn on { $date } and no longer applies.
withdrawn-versions = Versions of this document
