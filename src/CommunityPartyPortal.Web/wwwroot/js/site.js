// Behaviour shared by every page. No inline script anywhere (CSP script-src 'self').
(function () {
    'use strict';
    // <form data-confirm="…">: ask before posting.
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
        form.addEventListener('submit', function (event) {
            if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
        });
    });
})();
