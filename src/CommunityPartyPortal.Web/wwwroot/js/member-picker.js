// Member picker: <input data-member-picker data-target="#MemberId"> searches /members/search as the user
// types (name, pinyin initials, phone or ID tail), lists the hits, and on click or Enter writes the chosen
// member's id into the target input (and the name into the visible box). Keyboard: ↑/↓ choose, Enter pick,
// Esc close. Optional data-autosubmit submits the form when a member is picked.
(function () {
    'use strict';
    function debounce(fn, ms) {
        var t;
        return function () { var args = arguments, self = this; clearTimeout(t); t = setTimeout(function () { fn.apply(self, args); }, ms); };
    }
    document.querySelectorAll('input[data-member-picker]').forEach(function (input) {
        var target = document.querySelector(input.getAttribute('data-target'));
        var list = document.createElement('div');
        list.className = 'list-group position-absolute shadow-sm member-picker-list';
        list.setAttribute('role', 'listbox');
        list.hidden = true;
        input.setAttribute('autocomplete', 'off');
        input.setAttribute('role', 'combobox');
        input.setAttribute('aria-expanded', 'false');
        input.parentNode.classList.add('position-relative');
        input.parentNode.appendChild(list);
        var hits = [], active = -1, seq = 0;

        function render() {
            list.innerHTML = '';
            hits.forEach(function (h, i) {
                var item = document.createElement('button');
                item.type = 'button';
                item.className = 'list-group-item list-group-item-action py-1' + (i === active ? ' active' : '');
                item.setAttribute('role', 'option');
                item.dataset.index = String(i);
                var name = document.createElement('strong');
                name.textContent = h.name;
                var extra = document.createElement('small');
                extra.className = 'ms-2 ' + (i === active ? '' : 'text-muted');
                extra.textContent = [h.workUnit || h.community, h.mobileTail ? '尾号' + h.mobileTail : '', h.initials].filter(Boolean).join(' · ');
                item.appendChild(name);
                item.appendChild(extra);
                item.addEventListener('mousedown', function (e) { e.preventDefault(); pick(i); });
                list.appendChild(item);
            });
            list.hidden = hits.length === 0;
            input.setAttribute('aria-expanded', hits.length ? 'true' : 'false');
        }

        function pick(i) {
            var h = hits[i];
            if (!h) return;
            if (target) target.value = h.id;
            input.value = h.name;
            input.dataset.pickedId = h.id;
            hits = []; active = -1; render();
            input.dispatchEvent(new CustomEvent('member-picked', { detail: h, bubbles: true }));
            if (input.hasAttribute('data-autosubmit') && input.form) input.form.requestSubmit();
        }

        var search = debounce(function () {
            var q = input.value.trim();
            var mine = ++seq;
            if (!q) { hits = []; render(); return; }
            fetch('/members/search?q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (data) { if (mine !== seq) return; hits = data; active = data.length ? 0 : -1; render(); })
                .catch(function () { });
        }, 120);

        input.addEventListener('input', function () {
            if (target) target.value = '';
            delete input.dataset.pickedId;
            search();
        });
        input.addEventListener('keydown', function (e) {
            if (e.key === 'ArrowDown' && hits.length) { active = (active + 1) % hits.length; render(); e.preventDefault(); }
            else if (e.key === 'ArrowUp' && hits.length) { active = (active - 1 + hits.length) % hits.length; render(); e.preventDefault(); }
            else if (e.key === 'Enter' && hits.length && active >= 0) { pick(active); e.preventDefault(); }
            else if (e.key === 'Escape') { hits = []; render(); }
        });
        input.addEventListener('blur', function () { setTimeout(function () { hits = []; render(); }, 150); });
    });
})();
