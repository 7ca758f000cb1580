# Built-in interface strings of privsite (Icelandic). A site overrides any
# message by defining it again in its own locales/is/*.ftl.

language-name = Íslenska
site-title = Persónuvernd hjá { $name }
skip-to-content = Fara í efni
language-switcher = Tungumál
choose-language = Veldu tungumál.
documents = Skjöl
contents = Efnisyfirlit
version = Útgáfa { $number }
kind-major = Veruleg breyting
kind-minor = Orðalagsbreyting
published = Birt
effective = Gildir frá
in-effect-since = Í gildi frá
last-modified = Síðast breytt
section-count = { $count ->
    [one] { $count } kafli
   *[other] { $count } kaflar
}
history = Útgáfusaga
history-intro = Allar birtar útgáfur þessa skjals, sú nýjasta fyrst.
release-notes = Hvað breyttist
status-current = Gildandi útgáfa
status-upcoming = Tilkynnt
status-archived = Eldri útgáfa
archived-notice = Þú ert að lesa eldri útgáfu (útgáfu { $number }).
archived-link = Lesa gildandi útgáfu
upcoming-notice = Ný útgáfa (útgáfa { $number }) tekur gildi { $date }.
upcoming-link = Lesa nýju útgáfuna
notice-binding = Þetta er þýðing. Aðeins textinn á frummálinu ({ $binding-language }) er lagalega bindandi; leiki vafi á gildir textinn á frummálinu.
notice-binding-link = Lesa textann á frummálinu ({ $binding-language })
outdated-notice = Þessi þýðing er hugsanlega ekki í samræmi við núgildandi texta á frummálinu ({ $binding-language }).
outdated-link = Lesa kaflann á frummálinu ({ $binding-language })
untranslated-notice = Þessi kafli hefur ekki enn verið þýddur. Textinn á frummálinu ({ $binding-language }) er sýndur.
not-found-title = Síða fannst ekki
not-found-text = Þessi síða er ekki til (lengur). Hér finnur þú öll skjölin:
generated-by = Gert með privsite
changes-title = Breytingar í útgáfu { $number }
compare-title = Breytingar frá útgáfu { $from } til útgáfu { $to }
changes-intro = Hvað hefur breyst frá útgáfu { $from }, orð fyrir orð: nýr texti er undirstrikaður, texti sem var fjarlægður er yfirstrikaður.
changes-legend-inserted = bætt við
changes-legend-deleted = fjarlægt
changes-link = Breytingar
compare-with-current = Bera saman við gildandi útgáfu
section-added = Nýr kafli
section-removed = Kafli fjarlægður
section-changed = Breytt
section-moved = Fluttur
section-renamed = Endurnefndur, áður „{ $from }“
section-old-title = Fyrri titill: { $title }
unchanged-sections = Óbreytt
no-changes = Textinn er óbreyttur.
feed-title = { $site } – breytingar
feed-entry-title = { $doc }: útgáfa { $number }
feed = Breytingar sem straumur
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Drög: útgáfa { $number } hefur ekki verið birt. Þessi forskoðun sýnir óbirtan texta úr content/.
draft-changes-link = Hvað breyttist
draft-status = Drög, ekki enn birt

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Í hnotskurn
glance-section = Kafli
summary-label = Í stuttu máli
permalink-label = Tengill á þennan kafla: { $title }
section-timelines = Breytingar eftir köflum
section-timelines-intro = Útgáfurnar þar sem texta hvers kafla var breytt.
section-changed-in = Breytt í
changed-summaries = Breyttir kaflar í stuttu máli

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Þetta skjal var afturkallað { $date } og er ekki lengur í gildi.
withdrawn-versions = Útgáfur þessa skjals

# The archival PDF of a version.
pdf-link = Sækja sem PDF ({ $kb } kB)
pdf-page = Síða { $page } af { $total }
pdf-sha256 = SHA-256 þessa texta
pdf-online = Þessi útgáfa á netinu
