// Shows every <time datetime="..."> in the reader's own time zone and language, as the browser knows them.
(function () {
  function localise() {
    var format;
    try {
      format = new Intl.DateTimeFormat(navigator.languages && navigator.languages.length ? navigator.languages : undefined,
        { dateStyle: 'long', timeStyle: 'short' });
    } catch (e) {
      return; // an old browser: the times stay in UTC, as written by the server
    }
    document.querySelectorAll('time[datetime]').forEach(function (t) {
      var when = new Date(t.getAttribute('datetime'));
      if (!isNaN(when)) {
        t.textContent = format.format(when);
        t.setAttribute('data-localised', 'true');
      }
    });
    var zone = document.getElementById('time-zone');
    if (zone) {
      zone.textContent = Intl.DateTimeFormat().resolvedOptions().timeZone;
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', localise);
  } else {
    localise();
  }
})();
