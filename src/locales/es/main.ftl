# Built-in interface strings of privsite (Spanish). A site overrides any
# message by defining it again in its own locales/es/*.ftl.

language-name = Español
site-title = Privacidad en { $name }
skip-to-content = Saltar al contenido
language-switcher = Idioma
choose-language = Elija su idioma.
documents = Documentos
contents = Índice
version = Versión { $number }
kind-major = Modificación sustancial
kind-minor = Modificación de redacción
published = Publicada
effective = Vigente desde
in-effect-since = En vigor desde
last-modified = Última modificación
section-count = { $count ->
    [one] una sección
    [many] { $count } de secciones
   *[other] { $count } secciones
}
history = Historial de versiones
history-intro = Todas las versiones publicadas de este documento, de la más reciente a la más antigua.
release-notes = Qué ha cambiado
status-current = Versión vigente
status-upcoming = Anunciada
status-archived = Versión anterior
archived-notice = Está leyendo una versión anterior (versión { $number }).
archived-link = Leer la versión vigente
upcoming-notice = Una nueva versión (versión { $number }) entra en vigor el { $date }.
upcoming-link = Leer la nueva versión
notice-binding = Esto es una traducción. Solo el texto en { $binding-language } es jurídicamente vinculante; en caso de duda, prevalece el texto en { $binding-language }.
notice-binding-link = Leer el texto en { $binding-language }
outdated-notice = Es posible que esta traducción no refleje el texto actual en { $binding-language }.
outdated-link = Leer la sección en { $binding-language }
untranslated-notice = Esta sección aún no se ha traducido. Se muestra el texto en { $binding-language }.
not-found-title = Página no encontrada
not-found-text = Esta página no existe (o ya no existe). Aquí encontrará todos los documentos:
generated-by = Creado con privsite
changes-title = Cambios en la versión { $number }
compare-title = Cambios de la versión { $from } a la versión { $to }
changes-intro = Qué ha cambiado desde la versión { $from }, palabra por palabra: el texto añadido aparece subrayado y el texto eliminado, tachado.
changes-legend-inserted = añadido
changes-legend-deleted = eliminado
changes-link = Cambios
compare-with-current = Comparar con la versión vigente
section-added = Sección nueva
section-removed = Sección eliminada
section-changed = Modificada
section-moved = Trasladada
section-renamed = Renombrada, antes «{ $from }»
section-old-title = Título anterior: { $title }
unchanged-sections = Sin cambios
no-changes = El texto no ha cambiado.
feed-title = { $site }: cambios
feed-entry-title = { $doc }: versión { $number }
feed = Los cambios como feed
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Borrador: la versión { $number } aún no se ha publicado. Esta vista previa muestra el texto no publicado de content/.
draft-changes-link = Qué ha cambiado
draft-status = Borrador, aún no publicado

# Layered notices: section summaries, their table, links to a section.
at-a-glance = De un vistazo
glance-section = Sección
summary-label = En resumen
permalink-label = Enlace a esta sección: { $title }
section-timelines = Cambios por sección
section-timelines-intro = Las versiones en las que cambió el texto de cada sección.
section-changed-in = Modificada en
changed-summaries = Las secciones modificadas, en resumen

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Este documento se retiró el { $date } y ya no está vigente.
withdrawn-versions = Versiones de este documento

# The archival PDF of a version.
pdf-link = Descargar en PDF ({ $kb } kB)
pdf-page = Página { $page } de { $total }
pdf-sha256 = SHA-256 de este texto
pdf-online = Esta versión en línea
