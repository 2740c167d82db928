// The pact's tag pickers: a filter box over each list of check boxes (shown only when this script runs; without it the
// whole list is there), and a summary of the ticked tags. Matching ignores case and accents ("comunicare" finds
// "Comunicàre"); groups with nothing left are hidden; the count of shown tags is announced politely, in the
// singular or plural the page gave (English and Italian: one for 1, other for the rest, as Plural.cs).
(function () {
    "use strict";

    function fold(text) {
        return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }

    function setUp(picker) {
        var filterBox = picker.querySelector(".tag-picker-filter");
        var input = filterBox.querySelector("input");
        var count = filterBox.querySelector("[aria-live]");
        var chosen = picker.querySelector(".tag-picker-chosen");
        var options = Array.prototype.slice.call(picker.querySelectorAll(".tag-picker-option"));
        var groups = Array.prototype.slice.call(picker.querySelectorAll(".tag-picker-group"));
        filterBox.hidden = false;

        function filter() {
            var words = fold(input.value).split(/\s+/).filter(Boolean);
            var shown = 0;
            options.forEach(function (option) {
                var text = fold(option.textContent);
                var match = words.every(function (word) { return text.indexOf(word) >= 0; });
                option.hidden = !match;
                if (match) { shown++; }
            });
            groups.forEach(function (group) {
                group.hidden = !group.querySelector(".tag-picker-option:not([hidden])");
            });
            count.textContent = words.length === 0 ? "" : count.getAttribute(shown === 1 ? "data-one" : "data-other").replace("{0}", shown.toLocaleString(document.documentElement.lang || undefined));
        }

        function summarise() {
            var names = options.filter(function (option) { return option.querySelector("input").checked; })
                .map(function (option) { return option.querySelector("label").textContent.trim(); });
            chosen.textContent = names.length === 0 ? chosen.getAttribute("data-none") : names.join(", ");
        }

        input.addEventListener("input", filter);
        // Enter in the filter box must not submit the pact form.
        input.addEventListener("keydown", function (event) {
            if (event.key === "Enter") { event.preventDefault(); }
        });
        picker.addEventListener("change", function (event) {
            if (event.target.type === "checkbox") { summarise(); }
        });
    }

    document.querySelectorAll(".tag-picker").forEach(setUp);
})();
