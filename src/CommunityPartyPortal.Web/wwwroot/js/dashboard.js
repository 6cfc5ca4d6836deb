// The home dashboards: every <table data-chart="bar|line|doughnut"> becomes a Chart.js chart drawn above it.
// Labels come from the first column; each column whose <th> has data-series is a series (data-series="line" draws
// that series as a line over bars, e.g. the threshold). A cell's number is its data-value, else its text.
// A row with data-flag="below" is highlighted in the first bar series. The table stays (in its <details>, collapsed
// once the chart is drawn): without JS or for a screen reader it is the figure. No inline script or style (CSP):
// sizes come from the CSS classes .dashboard-chart / .dashboard-chart-tall and Chart.js's own CSSOM sizing.
(function () {
    'use strict';
    if (typeof window.Chart === 'undefined') return;

    var red = '#b71c1c';
    var amber = '#e0a800';
    var palette = ['#b71c1c', '#e0a800', '#1f77b4', '#2ca02c', '#6c757d', '#9467bd', '#8c564b', '#17becf'];

    function numberOf(cell) {
        if (!cell) return null;
        var raw = cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent;
        var value = parseFloat(String(raw).replace(/[,%\s]/g, ''));
        return isNaN(value) ? null : value;
    }

    function draw(table) {
        var kind = table.getAttribute('data-chart');
        if (kind !== 'bar' && kind !== 'line' && kind !== 'doughnut') return;
        var headers = Array.prototype.slice.call(table.querySelectorAll('thead th'));
        var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
        if (rows.length === 0) return;
        var labels = rows.map(function (row) { return row.cells[0] ? row.cells[0].textContent.trim() : ''; });
        var datasets = [];
        headers.forEach(function (th, index) {
            if (!th.hasAttribute('data-series')) return;
            var asLine = th.getAttribute('data-series') === 'line';
            var data = rows.map(function (row) { return numberOf(row.cells[index]); });
            var color = palette[datasets.length % palette.length];
            var set = { label: th.textContent.trim(), data: data };
            if (kind === 'doughnut') {
                set.backgroundColor = data.map(function (_, i) { return palette[i % palette.length]; });
            } else if (kind === 'bar' && !asLine) {
                set.backgroundColor = datasets.length === 0
                    ? rows.map(function (row) { return row.getAttribute('data-flag') === 'below' ? amber : red; })
                    : color;
            } else {
                set.type = 'line';
                set.borderColor = asLine ? '#6c757d' : color;
                set.backgroundColor = asLine ? '#6c757d' : color;
                set.pointRadius = asLine ? 0 : 3;
                if (asLine) set.borderDash = [6, 4];
            }
            datasets.push(set);
        });
        if (datasets.length === 0) return;

        var holder = table.closest('details') || table;
        var box = document.createElement('div');
        box.className = 'dashboard-chart' + (kind === 'bar' && rows.length > 8 ? ' dashboard-chart-tall' : '');
        var canvas = document.createElement('canvas');
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', (table.getAttribute('aria-label') || labels.join('、')));
        box.appendChild(canvas);
        holder.parentNode.insertBefore(box, holder);

        var horizontal = kind === 'bar' && rows.length > 8;
        new window.Chart(canvas, {
            type: kind,
            data: { labels: labels, datasets: datasets },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                indexAxis: horizontal ? 'y' : 'x',
                plugins: { legend: { display: kind === 'doughnut' || datasets.length > 1, position: 'bottom' } },
                scales: kind === 'doughnut' ? {} : (function () {
                    var value = { beginAtZero: true };
                    return horizontal ? { x: value } : { y: value };
                })()
            }
        });
        if (holder.tagName === 'DETAILS') holder.open = false;
    }

    document.querySelectorAll('table[data-chart]').forEach(draw);
})();
