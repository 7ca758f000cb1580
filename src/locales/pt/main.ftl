# Built-in interface strings of privsite (Portuguese). A site overrides any
# message by defining it again in its own locales/pt/*.ftl.

language-name = Português
site-title = Privacidade – { $name }
skip-to-content = Saltar para o conteúdo
language-switcher = Idioma
choose-language = Escolha o seu idioma.
documents = Documentos
contents = Índice
version = Versão { $number }
kind-major = Alteração substancial
kind-minor = Alteração de redação
published = Publicada
effective = Em vigor a partir de
in-effect-since = Em vigor desde
last-modified = Última alteração
section-count = { $count ->
    [one] uma secção
    [many] { $count } de secções
   *[other] { $count } secções
}
history = Histórico de versões
history-intro = Todas as versões publicadas deste documento, da mais recente para a mais antiga.
release-notes = O que mudou
status-current = Versão em vigor
status-upcoming = Anunciada
status-archived = Versão anterior
archived-notice = Está a ler uma versão anterior (versão { $number }).
archived-link = Ler a versão em vigor
upcoming-notice = Uma nova versão (versão { $number }) entra em vigor em { $date }.
upcoming-link = Ler a nova versão
notice-binding = Esta é uma tradução. Apenas o texto em { $binding-language } é juridicamente vinculativo; em caso de dúvida, prevalece o texto em { $binding-language }.
notice-binding-link = Ler o texto em { $binding-language }
outdated-notice = Esta tradução pode não refletir o texto atual em { $binding-language }.
outdated-link = Ler a secção em { $binding-language }
untranslated-notice = Esta secção ainda não foi traduzida. É apresentado o texto em { $binding-language }.
not-found-title = Página não encontrada
not-found-text = Esta página não existe (ou deixou de existir). Aqui encontra todos os documentos:
generated-by = Criado com privsite
changes-title = Alterações na versão { $number }
compare-title = Alterações da versão { $from } para a versão { $to }
changes-intro = O que mudou desde a versão { $from }, palavra a palavra: o texto inserido está sublinhado e o texto removido está riscado.
changes-legend-inserted = inserido
changes-legend-deleted = removido
changes-link = Alterações
compare-with-current = Comparar com a versão em vigor
section-added = Nova secção
section-removed = Secção removida
section-changed = Alterada
section-moved = Movida
section-renamed = Renomeada, anteriormente «{ $from }»
section-old-title = Título anterior: { $title }
unchanged-sections = Sem alterações
no-changes = O texto não foi alterado.
feed-title = { $site } – alterações
feed-entry-title = { $doc }: versão { $number }
feed = As alterações como feed
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Rascunho: a versão { $number } ainda não foi publicada. Esta pré-visualização mostra o texto não publicado de content/.
draft-changes-link = O que mudou
draft-status = Rascunho, ainda não publicado

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Em resumo
glance-section = Secção
summary-label = Em suma
permalink-label = Ligação para esta secção: { $title }
section-timelines = Alterações por secção
section-timelines-intro = As versões em que o texto de cada secção foi alterado.
section-changed-in = Alterada em
changed-summaries = As secções alteradas, em resumo

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Este documento foi retirado em { $date } e já não se aplica.
withdrawn-versions = Versões deste documento

# The archival PDF of a version.
pdf-link = Transferir em PDF ({ $kb } kB)
pdf-page = Página { $page } de { $total }
pdf-sha256 = SHA-256 deste texto
pdf-online = Esta versão online
