# Built-in interface strings of privsite (Irish). A site overrides any
# message by defining it again in its own locales/ga/*.ftl.

language-name = Gaeilge
site-title = Príobháideachas ag { $name }
skip-to-content = Téigh go dtí an t-ábhar
language-switcher = Teanga
choose-language = Roghnaigh do theanga, le do thoil.
documents = Doiciméid
contents = Clár ábhair
version = Leagan { $number }
kind-major = Athrú substaintiúil
kind-minor = Athrú eagarthóireachta
published = Foilsithe
effective = I bhfeidhm ó
in-effect-since = I bhfeidhm ó
last-modified = Athraithe go deireanach
section-count = { $count ->
    [one] { $count } roinn
    [two] { $count } roinn
    [few] { $count } roinn
    [many] { $count } roinn
   *[other] { $count } roinn
}
history = Stair na leaganacha
history-intro = Gach leagan foilsithe den doiciméad seo, an ceann is déanaí ar dtús.
release-notes = Cad a d’athraigh
status-current = An leagan reatha
status-upcoming = Fógartha
status-archived = Leagan níos luaithe
archived-notice = Tá leagan níos luaithe á léamh agat (leagan { $number }).
archived-link = Léigh an leagan reatha
upcoming-notice = Tiocfaidh leagan nua (leagan { $number }) i bhfeidhm ar { $date }.
upcoming-link = Léigh an leagan nua
notice-binding = Is aistriúchán é seo. Níl ceangailteach ó thaobh dlí ach an téacs sa bhunteanga ({ $binding-language }); i gcás amhrais, is é an téacs sa bhunteanga a bheidh i réim.
notice-binding-link = Léigh an téacs sa bhunteanga ({ $binding-language })
outdated-notice = Seans nach dtagann an t-aistriúchán seo leis an téacs reatha sa bhunteanga ({ $binding-language }).
outdated-link = Léigh an roinn sa bhunteanga ({ $binding-language })
untranslated-notice = Níor aistríodh an roinn seo fós. Tá an téacs sa bhunteanga ({ $binding-language }) á thaispeáint.
not-found-title = Níor aimsíodh an leathanach
not-found-text = Níl an leathanach seo ann (a thuilleadh). Gheobhaidh tú gach doiciméad anseo:
generated-by = Déanta le privsite
changes-title = Athruithe i leagan { $number }
compare-title = Athruithe ó leagan { $from } go leagan { $to }
changes-intro = Cad a d’athraigh ó leagan { $from }, focal ar fhocal: tá líne faoin téacs a cuireadh isteach, agus líne tríd an téacs a baineadh.
changes-legend-inserted = curtha isteach
changes-legend-deleted = bainte
changes-link = Athruithe
compare-with-current = Cuir i gcomparáid leis an leagan reatha
section-added = Roinn nua
section-removed = Roinn bainte
section-changed = Athraithe
section-moved = Bogtha
section-renamed = Athainmnithe, “{ $from }” roimhe seo
section-old-title = Teideal roimhe seo: { $title }
unchanged-sections = Gan athrú
no-changes = Níor athraíodh an téacs.
feed-title = { $site } – athruithe
feed-entry-title = { $doc }: leagan { $number }
feed = Na hathruithe mar fhotha
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Dréacht: níl leagan { $number } foilsithe fós. Taispeánann an réamhamharc seo an téacs neamhfhoilsithe ó content/.
draft-changes-link = Cad a d’athraigh
draft-status = Dréacht, gan foilsiú fós

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Go hachomair
glance-section = Roinn
summary-label = Achoimre
permalink-label = Nasc chuig an roinn seo: { $title }
section-timelines = Athruithe de réir roinne
section-timelines-intro = Na leaganacha inar athraíodh téacs gach roinne.
section-changed-in = Athraithe i
changed-summaries = Na ranna a athraíodh, go hachomair

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Tarraingíodh siar an doiciméad seo ar { $date } agus níl feidhm leis a thuilleadh.
withdrawn-versions = Leaganacha den doiciméad seo

# The archival PDF of a version.
pdf-link = Íoslódáil mar PDF ({ $kb } kB)
pdf-page = Leathanach { $page } as { $total }
pdf-sha256 = SHA-256 an téacs seo
pdf-online = An leagan seo ar líne
