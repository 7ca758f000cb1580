# Built-in interface strings of privsite (Swedish). A site overrides any
# message by defining it again in its own locales/sv/*.ftl.

language-name = Svenska
site-title = Integritet hos { $name }
skip-to-content = Hoppa till innehållet
language-switcher = Språk
choose-language = Välj ditt språk.
documents = Dokument
contents = Innehåll
version = Version { $number }
kind-major = Väsentlig ändring
kind-minor = Redaktionell ändring
published = Publicerad
effective = Gäller från
in-effect-since = Gäller sedan
last-modified = Senast ändrad
section-count = { $count ->
    [one] ett avsnitt
   *[other] { $count } avsnitt
}
history = Versionshistorik
history-intro = Alla publicerade versioner av detta dokument, den senaste först.
release-notes = Vad som har ändrats
status-current = Gällande version
status-upcoming = Aviserad
status-archived = Tidigare version
archived-notice = Du läser en tidigare version (version { $number }).
archived-link = Läs den gällande versionen
upcoming-notice = En ny version (version { $number }) börjar gälla den { $date }.
upcoming-link = Läs den nya versionen
notice-binding = Detta är en översättning. Endast texten på { $binding-language } är juridiskt bindande; vid tveksamhet gäller texten på { $binding-language }.
notice-binding-link = Läs texten på { $binding-language }
outdated-notice = Den här översättningen motsvarar kanske inte den aktuella texten på { $binding-language }.
outdated-link = Läs avsnittet på { $binding-language }
untranslated-notice = Detta avsnitt har ännu inte översatts. Texten på { $binding-language } visas.
not-found-title = Sidan hittades inte
not-found-text = Den här sidan finns inte (längre). Här hittar du alla dokument:
generated-by = Skapad med privsite
changes-title = Ändringar i version { $number }
compare-title = Ändringar från version { $from } till version { $to }
changes-intro = Vad som har ändrats sedan version { $from }, ord för ord: infogad text är understruken, borttagen text är överstruken.
changes-legend-inserted = infogat
changes-legend-deleted = borttaget
changes-link = Ändringar
compare-with-current = Jämför med den gällande versionen
section-added = Nytt avsnitt
section-removed = Avsnittet har tagits bort
section-changed = Ändrat
section-moved = Flyttat
section-renamed = Nytt namn, tidigare ”{ $from }”
section-old-title = Tidigare rubrik: { $title }
unchanged-sections = Oförändrat
no-changes = Texten är oförändrad.
feed-title = { $site } – ändringar
feed-entry-title = { $doc }: version { $number }
feed = Ändringar som flöde
# Arkiv-PDF:en för varje version.
pdf-link = Ladda ner som PDF ({ $kb } kB)
pdf-page = Sida { $page } av { $total }
pdf-sha256 = SHA-256 för denna text
pdf-online = Den här versionen på webben
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Utkast: version { $number } är inte publicerad än. Den här förhandsvisningen visar den opublicerade texten i content/.
draft-changes-link = Vad som har ändrats
draft-status = Utkast, ännu inte publicerat

# Information i flera nivåer: sammanfattningar av avsnitten, deras tabell, länkar till ett avsnitt.
at-a-glance = I korthet
glance-section = Avsnitt
summary-label = Kort sagt
permalink-label = Länk till detta avsnitt: { $title }
section-timelines = Ändringar per avsnitt
section-timelines-intro = De versioner där texten i ett avsnitt har ändrats.
section-changed-in = Ändrat i
changed-summaries = De ändrade avsnitten i korthet

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Detta dokument drogs tillbaka den { $date } och gäller inte längre.
withdrawn-versions = Versioner av detta dokument
