# Built-in interface strings of privsite (Maltese). A site overrides any
# message by defining it again in its own locales/mt/*.ftl.

language-name = Malti
site-title = Il-privatezza għand { $name }
skip-to-content = Mur għall-kontenut
language-switcher = Lingwa
choose-language = Jekk jogħġbok agħżel il-lingwa tiegħek.
documents = Dokumenti
contents = Werrej
version = Verżjoni { $number }
kind-major = Bidla sostanzjali
kind-minor = Bidla editorjali
published = Ippubblikata
effective = Fis-seħħ minn
in-effect-since = Fis-seħħ minn
last-modified = L-aħħar bidla
section-count = { $count ->
    [one] taqsima waħda
    [two] żewġ taqsimiet
    [few] { $count } taqsimiet
    [many] { $count } taqsima
   *[other] { $count } taqsima
}
history = Storja tal-verżjonijiet
history-intro = Il-verżjonijiet ippubblikati kollha ta’ dan id-dokument, l-aktar riċenti l-ewwel.
release-notes = X’inbidel
status-current = Verżjoni fis-seħħ
status-upcoming = Imħabbra
status-archived = Verżjoni preċedenti
archived-notice = Qed taqra verżjoni preċedenti (verżjoni { $number }).
archived-link = Aqra l-verżjoni fis-seħħ
upcoming-notice = Verżjoni ġdida (verżjoni { $number }) tidħol fis-seħħ fil-{ $date }.
upcoming-link = Aqra l-verżjoni l-ġdida
notice-binding = Din hija traduzzjoni. It-test fil-lingwa oriġinali ({ $binding-language }) biss huwa legalment vinkolanti; f’każ ta’ dubju, jipprevali t-test fil-lingwa oriġinali.
notice-binding-link = Aqra t-test fil-lingwa oriġinali ({ $binding-language })
outdated-notice = Din it-traduzzjoni tista’ ma taqbilx mat-test attwali fil-lingwa oriġinali ({ $binding-language }).
outdated-link = Aqra t-taqsima fil-lingwa oriġinali ({ $binding-language })
untranslated-notice = Din it-taqsima għadha ma ġietx tradotta. Qed jintwera t-test fil-lingwa oriġinali ({ $binding-language }).
not-found-title = Il-paġna ma nstabitx
not-found-text = Din il-paġna ma teżistix (aktar). Id-dokumenti kollha ssibhom hawn:
generated-by = Magħmul bi privsite
changes-title = Bidliet fil-verżjoni { $number }
compare-title = Bidliet mill-verżjoni { $from } għall-verżjoni { $to }
changes-intro = X’inbidel mill-verżjoni { $from }, kelma b’kelma: it-test miżjud huwa ssottolinjat, it-test imħassar huwa ingassat.
changes-legend-inserted = miżjud
changes-legend-deleted = imħassar
changes-link = Bidliet
compare-with-current = Qabbel mal-verżjoni fis-seħħ
section-added = Taqsima ġdida
section-removed = Taqsima mħassra
section-changed = Mibdula
section-moved = Imċaqalqa
section-renamed = Semmewha mill-ġdid, qabel “{ $from }”
section-old-title = Titlu preċedenti: { $title }
unchanged-sections = Mhux mibdula
no-changes = It-test mhux mibdul.
feed-title = { $site } – bidliet
feed-entry-title = { $doc }: verżjoni { $number }
feed = Il-bidliet bħala feed
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Abbozz: il-verżjoni { $number } għadha mhix ippubblikata. Din il-previżjoni turi t-test mhux ippubblikat minn content/.
draft-changes-link = X’inbidel
draft-status = Abbozz, għadu mhux ippubblikat

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Fil-qosor
glance-section = Taqsima
summary-label = Sommarju
permalink-label = Link għal din it-taqsima: { $title }
section-timelines = Bidliet skont it-taqsima
section-timelines-intro = Il-verżjonijiet li fihom inbidel it-test ta’ kull taqsima.
section-changed-in = Inbidlet fi
changed-summaries = It-taqsimiet li nbidlu, fil-qosor

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Dan id-dokument ġie rtirat u m’għadux japplika. Data tal-irtirar: { $date }.
withdrawn-versions = Verżjonijiet ta’ dan id-dokument

# The archival PDF of a version.
pdf-link = Niżżel bħala PDF ({ $kb } kB)
pdf-page = Paġna { $page } minn { $total }
pdf-sha256 = SHA-256 ta’ dan it-test
pdf-online = Din il-verżjoni online
