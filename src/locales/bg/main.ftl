# Built-in interface strings of privsite (Bulgarian). A site overrides any
# message by defining it again in its own locales/bg/*.ftl.

language-name = Български
site-title = Защита на данните – { $name }
skip-to-content = Към съдържанието
language-switcher = Език
choose-language = Моля, изберете език.
documents = Документи
contents = Съдържание
version = Версия { $number }
kind-major = Съществена промяна
kind-minor = Редакционна промяна
published = Публикувано
effective = В сила от
in-effect-since = В сила от
last-modified = Последна промяна
section-count = { $count ->
    [one] един раздел
   *[other] { $count } раздела
}
history = История на версиите
history-intro = Всички публикувани версии на този документ, като най-новата е първа.
release-notes = Какво е променено
status-current = Действаща версия
status-upcoming = Обявена
status-archived = Предишна версия
archived-notice = Четете предишна версия (версия { $number }).
archived-link = Към действащата версия
upcoming-notice = Нова версия (версия { $number }) влиза в сила на { $date }.
upcoming-link = Прочетете новата версия
notice-binding = Това е превод. Правно обвързващ е единствено текстът на { $binding-language }; при съмнение предимство има текстът на { $binding-language }.
notice-binding-link = Прочетете текста на { $binding-language }
outdated-notice = Този превод може да не отговаря на актуалния текст на { $binding-language }.
outdated-link = Прочетете раздела на { $binding-language }
untranslated-notice = Този раздел все още не е преведен. Показан е текстът на { $binding-language }.
not-found-title = Страницата не е намерена
not-found-text = Тази страница не съществува (вече). Всички документи ще намерите тук:
generated-by = Създадено с privsite
changes-title = Промени във версия { $number }
compare-title = Промени от версия { $from } до версия { $to }
changes-intro = Какво е променено спрямо версия { $from }, дума по дума: добавеният текст е подчертан, премахнатият – зачертан.
changes-legend-inserted = добавено
changes-legend-deleted = премахнато
changes-link = Промени
compare-with-current = Сравнение с действащата версия
section-added = Нов раздел
section-removed = Премахнат раздел
section-changed = Променен
section-moved = Преместен
section-renamed = Преименуван, преди „{ $from }“
section-old-title = Предишно заглавие: { $title }
unchanged-sections = Без промяна
no-changes = Текстът е без промяна.
feed-title = { $site } – промени
feed-entry-title = { $doc }: версия { $number }
feed = Промените като емисия
# Shown only by `privsite serve`, on unreleased text.
draft-notice = Чернова: версия { $number } все още не е публикувана. Този преглед показва непубликувания текст от content/.
draft-changes-link = Какво е променено
draft-status = Чернова, все още непубликувана

# Layered notices: section summaries, their table, links to a section.
at-a-glance = Накратко
glance-section = Раздел
summary-label = Резюме
permalink-label = Връзка към този раздел: { $title }
section-timelines = Промени по раздели
section-timelines-intro = Версиите, в които е променян текстът на всеки раздел.
section-changed-in = Променен в
changed-summaries = Променените раздели накратко

# A document that `privsite withdraw` took out of the center.
withdrawn-notice = Този документ е оттеглен на { $date } и вече не е в сила.
withdrawn-versions = Версии на този документ

# The archival PDF of a version.
pdf-link = Изтегляне като PDF ({ $kb } kB)
pdf-page = Страница { $page } от { $total }
pdf-sha256 = SHA-256 на този текст
pdf-online = Тази версия онлайн
