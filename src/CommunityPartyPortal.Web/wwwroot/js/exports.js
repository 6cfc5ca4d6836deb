// The export status page: polls /exports/{id}/status every second until the export is finished, then shows the link.
(function () {
    'use strict';
    var box = document.getElementById('export-job');
    if (!box) return;
    var bar = document.getElementById('export-bar');
    // Widths are set here, not in a style attribute (CSP style-src 'self').
    bar.style.width = bar.parentElement.getAttribute('aria-valuenow') + '%';
    if (box.getAttribute('data-finished') === 'true') return;
    var stage = document.getElementById('export-stage');
    var link = document.getElementById('export-download');
    function show(s) {
        bar.style.width = s.percent + '%';
        bar.textContent = s.percent + '%';
        bar.parentElement.setAttribute('aria-valuenow', s.percent);
        stage.textContent = s.status === 'Failed' ? '导出失败：' + (s.error || '')
            : s.status === 'Done' ? '已完成' : s.statusText + '：' + (s.stage || '');
        if (s.status === 'Failed') { bar.className = 'progress-bar bg-danger'; stage.className = 'text-danger mb-3'; }
        if (s.status === 'Done') { bar.className = 'progress-bar bg-success'; link.classList.remove('d-none'); }
    }
    function poll() {
        fetch(box.getAttribute('data-status-url'), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (s) {
                if (!s) return;
                show(s);
                if (s.status === 'Done' || s.status === 'Failed') return;
                window.setTimeout(poll, 1000);
            })
            .catch(function () { window.setTimeout(poll, 3000); });
    }
    window.setTimeout(poll, 500);
})();
