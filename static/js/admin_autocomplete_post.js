'use strict';
// The admin's pickers post what is typed (it may be a whole ID number, which must never be in a URL):
// send the page's CSRF token with those posts. Loaded after admin/js/jquery.init.js.
{
    const $ = django.jQuery;
    $.ajaxPrefilter(function(options, originalOptions, xhr) {
        if (options.type && options.type.toUpperCase() === 'POST' && !options.crossDomain) {
            const field = document.querySelector('input[name="csrfmiddlewaretoken"]');
            if (field) {
                xhr.setRequestHeader('X-CSRFToken', field.value);
            }
        }
    });
}
