// The assessment page works without this script; with it, the progress line follows the ratings as they are chosen
// and the long list of "more languages" can be narrowed by typing part of a name. Counted texts come from the page in
// both forms, singular and plural (English and Italian: one for 1, other for the rest, as Plural.cs).
(function () {
    'use strict';

    var form = document.querySelector('.assessment-form');
    if (!form) {
        return;
    }

    var progress = document.getElementById('assessment-progress');
    var groups = form.querySelectorAll('fieldset.competence');

    function counted(element, count) {
        return element.getAttribute(count === 1 ? 'data-one' : 'data-other').replace('{0}', count.toLocaleString(document.documentElement.lang || undefined));
    }

    function updateProgress() {
        var rated = 0;
        groups.forEach(function (group) {
            if (group.querySelector('input[type=radio]:checked')) {
                rated++;
            }
        });
        progress.textContent = counted(progress, rated);
    }

    form.addEventListener('change', function (event) {
        if (event.target instanceof HTMLInputElement && event.target.type === 'radio') {
            updateProgress();
        }
    });

    var filterBox = form.querySelector('.language-filter');
    var filter = document.getElementById('language-filter');
    var count = document.getElementById('language-filter-count');
    if (!filterBox || !filter) {
        return;
    }

    var items = form.querySelectorAll('.more-languages .language-choices li');

    function fold(text) {
        return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
    }

    filterBox.hidden = false;
    filter.addEventListener('input', function () {
        var wanted = fold(filter.value);
        var shown = 0;
        items.forEach(function (item) {
            var match = wanted === '' || fold(item.textContent).indexOf(wanted) !== -1;
            item.hidden = !match;
            if (match) {
                shown++;
            }
        });
        count.textContent = wanted === '' ? '' : counted(count, shown);
    });
})();
