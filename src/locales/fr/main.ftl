# Built-in interface strings of privsite (French). A site overrides any
# message by defining it again in its own locales/fr/*.ftl.

language-name = Français
site-title = Protection des données chez { $name }
skip-to-content = Aller au contenu
language-switcher = Langue
choose-language = Veuillez choisir votre langue.
documents = Documents
contents = Sommaire
version = Version { $number }
kind-major = Modification substantielle
kind-minor = Modification rédactionnelle
published = Publiée le
effective = En vigueur à partir du
in-effect-since = En vigueur depuis le
last-modified = Dernière modification
section-count = { $count ->
    [one] { $count } section
    [many] { $count } de sections
   *[other] { $count } sections
}
history = Historique des versions
history-intro = Toutes les versions publiées de ce document, de la plus récente à la plus ancienne.
release-notes = Ce qui a changé
status-current = Version en vigueur
status-upcoming = Annoncée
status-archived = Version antérieure
archived-notice = Vous consultez une version antérieure (version { $number }).
archived-link = Lire la version en vigueur
upcoming-notice = Une nouvelle version (version { $number }) entre en vigueur le { $date }.
upcoming-link = Lire la nouvelle version
notice-binding = Ceci est une traduction. Seul le texte en { $binding-language } fait foi juridiquement ; en cas de doute, le texte en { $binding-language } prévaut.
notice-binding-link = Lire le texte en { $binding-language }
outdated-notice = Cette traduction ne reflète peut-être pas le texte actuel en { $binding-language }.
outdated-link = Lire la section en { $binding-language }
untranslated-notice = Cette section n’est pas encore traduite. Le texte en { $binding-language } est affiché.
not-found-title = Page introuvable
not-found-text = Cette page n’existe pas (ou plus). Vous trouverez tous les documents ici :
generated-by = Réalisé avec privsite
changes-title = Modifications de la version { $number }
compare-title = Modifications de la version { $from } à la version { $to }
changes-intro = Ce qui a changé depuis la version { $from }, mot par mot : le texte ajouté est souligné, le texte supprimé est barré.
changes-legend-inserted = ajouté
changes-legend-deleted = supprimé
changes-link = Modifications
compare-with-current = Comparer avec la version en vigueur
section-added = Nouvelle section
section-removed = Section supprimée
section-changed = Modifiée
section-moved = Déplacée
section-renamed = Renommée, anciennement « { $from } »
section-old-title = Titre précédent : { $title }
unchanged-sections = Inchangées
no-changes = Le texte est inchangé.
feed-title = { $site } – modifications
feed-entry-title = { $doc } : version { $number }
feed = Les modifications en flux
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Brouillon : la version { $number } n’est pas encore publiée. Cet aperçu montre le texte non publié de content/.
draft-changes-link = Ce qui a changé
draft-status = Brouillon, pas encore publié

# Layered notices: section summaries, their table, links to a section.
at-a-glance = En bref
glance-section = Section
summary-label = En résumé
permalink-label = Lien vers cette section : { $title }
section-timelines = Modifications par section
section-timelines-intro = Les versions dans lesquelles le texte de chaque section a changé.
section-changed-in = Modifiée dans
changed-summaries = Les sections modifiées en bref

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Ce document a été retiré le { $date } et ne s’applique plus.
withdrawn-versions = Versions de ce document

# The archival PDF of a version.
pdf-link = Télécharger en PDF ({ $kb } ko)
pdf-page = Page { $page } sur { $total }
pdf-sha256 = SHA-256 de ce texte
pdf-online = Cette version en ligne
