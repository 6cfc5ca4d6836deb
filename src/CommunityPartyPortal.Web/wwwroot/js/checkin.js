// Check-in screen (/activities/{id}/checkin): the search box is focused on load; typing searches
// /members/search (name, pinyin initials such as "zs", phone or ID tail); ↑/↓ choose, Enter checks the
// chosen member in at once (POST, then the page comes back with the box focused); Esc clears. Without a
// list shown, Enter posts the typed text and the server checks in its only match (or lists the candidates).
// Every submission carries an idempotency key; a new one is made after each submit.
(function () {
    'use strict';
    var form = document.getElementById('checkin-form');
    if (!form) return;
    var box = document.getElementById('checkin-q');
    var memberId = document.getElementById('checkin-member');
    var key = document.getElementById('checkin-key');
    var list = document.getElementById('checkin-results');
    var hits = [], active = -1, seq = 0, timer = null, submitting = false;

    function newKey() {
        var b = new Uint8Array(16);
        window.crypto.getRandomValues(b);
        return Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    }

    function render(query) {
        list.innerHTML = '';
        list.dataset.query = query || '';
        hits.forEach(function (h, i) {
            var item = document.createElement('button');
            item.type = 'button';
            item.tabIndex = -1;
            item.id = 'checkin-hit-' + i;
            item.className = 'list-group-item list-group-item-action py-1 checkin-hit' + (i === active ? ' active' : '');
            item.setAttribute('role', 'option');
            item.dataset.memberId = h.id;
            item.setAttribute('aria-selected', i === active ? 'true' : 'false');
            var name = document.createElement('strong');
            name.textContent = h.name;
            var extra = document.createElement('small');
            extra.className = 'ms-2 ' + (i === active ? '' : 'text-muted');
            extra.textContent = [h.workUnit, h.mobileTail ? '尾号' + h.mobileTail : '', h.initials].filter(Boolean).join(' · ');
            item.appendChild(name);
            item.appendChild(extra);
            item.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
            list.appendChild(item);
        });
        list.hidden = hits.length === 0;
        box.setAttribute('aria-expanded', hits.length ? 'true' : 'false');
        if (active >= 0) box.setAttribute('aria-activedescendant', 'checkin-hit-' + active);
        else box.removeAttribute('aria-activedescendant');
    }

    function choose(i) {
        var h = hits[i];
        if (!h || submitting) return;
        memberId.value = h.id;
        box.value = h.name;
        hits = []; active = -1; render();
        form.requestSubmit();
    }

    function search() {
        var q = box.value.trim();
        var mine = ++seq;
        if (!q) { hits = []; active = -1; render(); return; }
        fetch('/members/search?q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.json() : []; })
            .then(function (data) { if (mine !== seq) return; hits = data; active = data.length ? 0 : -1; render(q); })
            .catch(function () { });
    }

    box.addEventListener('input', function () {
        // The list shown was for the text before: Enter now posts the text itself until the new list arrives.
        memberId.value = '';
        seq++;
        hits = []; active = -1; render();
        clearTimeout(timer);
        timer = setTimeout(search, 100);
    });
    box.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowDown' && hits.length) { active = (active + 1) % hits.length; render(list.dataset.query); e.preventDefault(); }
        else if (e.key === 'ArrowUp' && hits.length) { active = (active - 1 + hits.length) % hits.length; render(list.dataset.query); e.preventDefault(); }
        else if (e.key === 'Enter' && hits.length && active >= 0) { e.preventDefault(); choose(active); }
        else if (e.key === 'Escape') { box.value = ''; memberId.value = ''; hits = []; active = -1; render(); }
    });
    box.addEventListener('blur', function () { setTimeout(function () { hits = []; active = -1; render(); }, 150); });

    form.addEventListener('submit', function (e) {
        // One submission at a time; the key of the next one is new.
        if (submitting) { e.preventDefault(); return; }
        submitting = true;
        setTimeout(function () { key.value = newKey(); }, 0);
    });

    // Back from the browser's page cache: a fresh key, the box focused again.
    window.addEventListener('pageshow', function (e) {
        if (e.persisted) { submitting = false; key.value = newKey(); memberId.value = ''; }
        box.focus();
        box.select();
    });
    box.focus();
})();
