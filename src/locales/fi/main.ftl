# Built-in interface strings of privsite (Finnish). A site overrides any
# message by defining it again in its own locales/fi/*.ftl.

language-name = Suomi
site-title = Tietosuoja: { $name }
skip-to-content = Siirry sisältöön
language-switcher = Kieli
choose-language = Valitse kieli.
documents = Asiakirjat
contents = Sisällys
version = Versio { $number }
kind-major = Olennainen muutos
kind-minor = Kielellinen muutos
published = Julkaistu
effective = Voimassa alkaen
in-effect-since = Voimassa alkaen
last-modified = Viimeksi muutettu
section-count = { $count ->
    [one] yksi kohta
   *[other] { $count } kohtaa
}
history = Versiohistoria
history-intro = Tämän asiakirjan kaikki julkaistut versiot uusimmasta alkaen.
release-notes = Mikä muuttui
status-current = Voimassa oleva versio
status-upcoming = Ilmoitettu
status-archived = Aiempi versio
archived-notice = Luet aiempaa versiota (versio { $number }).
archived-link = Lue voimassa oleva versio
upcoming-notice = Uusi versio (versio { $number }) tulee voimaan { $date }.
upcoming-link = Lue uusi versio
notice-binding = Tämä on käännös. Oikeudellisesti sitova on ainoastaan alkuperäiskielinen teksti ({ $binding-language }); epäselvissä tapauksissa alkuperäiskielinen teksti on ratkaiseva.
notice-binding-link = Lue alkuperäiskielinen teksti ({ $binding-language })
outdated-notice = Tämä käännös ei ehkä vastaa nykyistä alkuperäiskielistä tekstiä ({ $binding-language }).
outdated-link = Lue kohta alkuperäiskielellä ({ $binding-language })
untranslated-notice = Tätä kohtaa ei ole vielä käännetty. Näytetään alkuperäiskielinen teksti ({ $binding-language }).
not-found-title = Sivua ei löytynyt
not-found-text = Tätä sivua ei ole (enää) olemassa. Kaikki asiakirjat löydät täältä:
generated-by = Tehty privsite-työkalulla
changes-title = Muutokset versiossa { $number }
compare-title = Muutokset versiosta { $from } versioon { $to }
changes-intro = Mikä on muuttunut versiosta { $from }, sana sanalta: lisätty teksti on alleviivattu, poistettu teksti yliviivattu.
changes-legend-inserted = lisätty
changes-legend-deleted = poistettu
changes-link = Muutokset
compare-with-current = Vertaa voimassa olevaan versioon
section-added = Uusi kohta
section-removed = Kohta poistettu
section-changed = Muutettu
section-moved = Siirretty
section-renamed = Nimetty uudelleen, aiemmin ”{ $from }”
section-old-title = Aiempi otsikko: { $title }
unchanged-sections = Ennallaan
no-changes = Teksti on ennallaan.
feed-title = { $site } – muutokset
feed-entry-title = { $doc }: versio { $number }
feed = Muutokset syötteenä
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Luonnos: versiota { $number } ei ole vielä julkaistu. Tämä esikatselu näyttää content/-kansion julkaisemattoman tekstin.
draft-changes-link = Mikä muuttui
draft-status = Luonnos, ei vielä julkaistu

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Lyhyesti
glance-section = Kohta
summary-label = Tiivistettynä
permalink-label = Linkki tähän kohtaan: { $title }
section-timelines = Muutokset kohdittain
section-timelines-intro = Versiot, joissa kunkin kohdan teksti on muuttunut.
section-changed-in = Muutettu versiossa
changed-summaries = Muuttuneet kohdat lyhyesti

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Tämä asiakirja on peruttu eikä se ole enää voimassa. Peruttu: { $date }.
withdrawn-versions = Tämän asiakirjan versiot

# The archival PDF of a version.
pdf-link = Lataa PDF-tiedostona ({ $kb } kB)
pdf-page = Sivu { $page }/{ $total }
pdf-sha256 = Tämän tekstin SHA-256
pdf-online = Tämä versio verkossa
