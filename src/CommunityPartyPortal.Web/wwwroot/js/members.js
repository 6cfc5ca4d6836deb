// 党员管理 pages: grid options follow the chosen community, filters submit on change,
// and the flow form's labels follow the direction. No inline script anywhere (CSP script-src 'self').
(function () {
    'use strict';

    // <select data-grid-target="GridId">: show only the grids (option[data-community]) of the chosen community.
    function filterGrids(source) {
        var target = document.getElementById(source.getAttribute('data-grid-target'));
        if (!target) return;
        var community = source.value;
        Array.prototype.forEach.call(target.options, function (option) {
            var owner = option.getAttribute('data-community');
            if (!owner) return;
            var visible = !!community && owner === community;
            option.hidden = !visible;
            option.disabled = !visible;
            if (!visible && option.selected) target.value = '';
        });
    }

    document.querySelectorAll('[data-grid-target]').forEach(function (source) {
        filterGrids(source);
        source.addEventListener('change', function () { filterGrids(source); });
    });

    // List filters: changing the community reloads the list (its grids change with it).
    document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
        select.addEventListener('change', function () {
            var clear = select.getAttribute('data-clear');
            var dependent = clear && document.getElementById(clear);
            if (dependent) dependent.value = '';
            if (select.form) select.form.submit();
        });
    });

    // <form data-confirm="…"> is handled by site.js on every page.

    // 流入/流出登记卡: "流入自 / 原所在党组织" for an inflow, "流出至 / 接收党组织" for an outflow.
    var directions = document.querySelectorAll('input[name="Direction"]');
    function relabel() {
        var checked = document.querySelector('input[name="Direction"]:checked');
        if (!checked) return;
        var key = checked.value === 'Inflow' ? 'data-inflow' : 'data-outflow';
        document.querySelectorAll('label[data-inflow]').forEach(function (label) {
            label.textContent = label.getAttribute(key);
        });
    }
    directions.forEach(function (radio) { radio.addEventListener('change', relabel); });
    relabel();
})();
