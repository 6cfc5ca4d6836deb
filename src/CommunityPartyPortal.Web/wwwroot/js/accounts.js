// 账号管理: the organisation list follows the chosen role; confirmations. No inline script (CSP).
(function () {
    'use strict';
    document.querySelectorAll('select[data-org-select]').forEach(function (role) {
        var org = document.querySelector(role.getAttribute('data-org-select'));
        if (!org) return;
        function filter() {
            var chosen = role.options[role.selectedIndex];
            var kind = chosen && chosen.getAttribute('data-org-kind');
            var visible = [];
            org.querySelectorAll('optgroup').forEach(function (group) {
                var show = !kind || group.getAttribute('data-kind') === kind;
                group.hidden = !show;
                group.disabled = !show;
                if (show) visible = visible.concat(Array.prototype.slice.call(group.querySelectorAll('option')));
            });
            var selected = org.options[org.selectedIndex];
            if (selected && selected.parentElement && selected.parentElement.disabled) org.value = '';
            if (kind && visible.length === 1) org.value = visible[0].value;
        }
        filter();
        role.addEventListener('change', filter);
    });
})();
