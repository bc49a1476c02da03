// The case page's timeline fetches itself again, so that a chat message, a mail or a
// completed task shows up without reloading the page. Only the list is replaced, and only
// when it changed: a line being read or selected stays where it is. It waits while the tab
// is out of view, and the handler can stop it (WCAG 2.2.2); a new line is told to a screen
// reader in one short status message.
(function () {
  var section = document.getElementById('tijdlijn');
  if (!section || !window.fetch) {
    return;
  }
  var every = parseInt(section.getAttribute('data-ververs-ms'), 10) || 15000;
  var paused = false;
  var button = document.createElement('button');
  button.type = 'button';
  button.id = 'tijdlijn-pauze';
  button.setAttribute('aria-pressed', 'false');
  button.textContent = 'Niet meer verversen';
  button.addEventListener('click', function () {
    paused = !paused;
    button.setAttribute('aria-pressed', paused ? 'true' : 'false');
    button.textContent = paused ? 'Weer verversen' : 'Niet meer verversen';
  });
  var status = document.createElement('p');
  status.id = 'tijdlijn-status';
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  var heading = section.querySelector('h2');
  heading.parentNode.insertBefore(button, heading.nextSibling);
  button.parentNode.insertBefore(status, button.nextSibling);

  setInterval(function () {
    if (paused || document.hidden) {
      return;
    }
    fetch(section.getAttribute('data-bron'), {credentials: 'same-origin', redirect: 'error'})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var holder = document.createElement('div');
        holder.innerHTML = html;
        var fresh = holder.querySelector('#tijdlijn ol.tijdlijn');
        var list = section.querySelector('ol.tijdlijn');
        if (!fresh || !list || fresh.innerHTML === list.innerHTML) {
          return;
        }
        var added = fresh.children.length - list.children.length;
        list.replaceWith(fresh);
        if (added > 0) {
          status.textContent = added === 1 ? 'Eén nieuwe regel op de tijdlijn.' : added + ' nieuwe regels op de tijdlijn.';
        }
      })
      .catch(function () { /* next round */ });
  }, every);
})();
