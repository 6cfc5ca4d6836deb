// 报到 pages: the year/unit pickers reload the page, "select all" for the bulk letters, and the
// preset buttons of the year settings fill the form in place. No inline script anywhere (CSP script-src 'self').
(function () {
    'use strict';

    // Pickers: changing the year or the unit reloads the page.
    document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
        select.addEventListener('change', function () {
            if (select.form) select.form.submit();
        });
    });

    // 批量开具证明信: the header box ticks every row box; the rows keep it in step.
    var all = document.getElementById('select-all');
    var boxes = document.querySelectorAll('input.member-check');
    if (all) {
        all.disabled = boxes.length === 0;
        all.addEventListener('change', function () {
            boxes.forEach(function (box) { box.checked = all.checked; });
        });
        boxes.forEach(function (box) {
            box.addEventListener('change', function () {
                var checked = document.querySelectorAll('input.member-check:checked').length;
                all.checked = checked === boxes.length;
                all.indeterminate = checked > 0 && checked < boxes.length;
            });
        });
    }
    var letters = document.getElementById('letters-form');
    if (letters) {
        letters.addEventListener('submit', function (event) {
            if (document.querySelectorAll('input.member-check:checked').length === 0) {
                event.preventDefault();
                event.stopImmediatePropagation();
                window.alert('请先勾选要开具证明信的党员');
            }
        }, true);
    }

    // 报到年度设置: a preset button fills the deadline (in the chosen year) and the threshold without posting.
    // Without a valid year the button posts, and the server asks for the year.
    function pad(n) { return (n < 10 ? '0' : '') + n; }
    document.querySelectorAll('button.preset-button').forEach(function (button) {
        button.addEventListener('click', function (event) {
            var form = button.form;
            var year = parseInt(form.querySelector('[name="Year"]').value, 10);
            if (!(year >= 2000 && year <= 2100)) return;
            event.preventDefault();
            form.querySelector('[name="Deadline"]').value =
                year + '-' + pad(parseInt(button.getAttribute('data-month'), 10)) + '-' + pad(parseInt(button.getAttribute('data-day'), 10));
            form.querySelector('[name="ThresholdPercent"]').value = button.getAttribute('data-threshold');
            var note = document.getElementById('preset-applied');
            if (!note) {
                note = document.createElement('div');
                note.id = 'preset-applied';
                note.className = 'alert alert-info py-2';
                form.parentNode.insertBefore(note, form);
            }
            note.textContent = '已套用预设：' + button.getAttribute('data-name') + '。请核对后点击“保存”。';
        });
    });
})();
