// The case page's timeline fetches itself again, so that a chat message, a mail or a
// completed task shows up without reloading the page.
(function () {
  var section = document.getElementById('tijdlijn');
  if (!section || !window.fetch) {
    return;
  }
  setInterval(function () {
    fetch(section.getAttribute('data-bron'), {credentials: 'same-origin', redirect: 'error'})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var holder = document.createElement('div');
        holder.innerHTML = html;
        var fresh = holder.querySelector('#tijdlijn');
        if (fresh) {
          section.replaceWith(fresh);
          section = fresh;
        }
      })
      .catch(function () { /* next round */ });
  }, 15000);
})();
