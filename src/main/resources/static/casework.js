// The case page's timeline fetches itself again, so that a chat message, a mail or a
// completed task shows up without reloading the page. Only the list is replaced, and only
// when it changed: a line being read or selected stays where it is. It waits while the tab
// is out of view, and the handler can stop it (WCAG 2.2.2); a new line is told to a screen
// reader in one short status message. A session that ended meanwhile is said at once.
// A form on the page that was not taken: the page comes back with why at the top, where the focus goes, so that a
// screen reader reads it first.
(function () {
  var summary = document.getElementById('foutmelding');
  if (summary) {
    summary.focus();
  }
})();

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

  // A session that ended while the page was open (the handler was on the phone for an hour): what is typed here would be
  // sent to the login and lost, so the page says so before it is typed, and stops saying so once logged in again.
  var expired = null;
  function sessionGone() {
    if (expired) {
      return;
    }
    var tasklist = document.querySelector('header.top nav a[href*="tasklist"]');
    expired = document.createElement('div');
    expired.id = 'sessie-verlopen';
    expired.className = 'fout';
    expired.setAttribute('role', 'alert');
    var text = document.createElement('p');
    text.textContent = 'Je bent niet meer aangemeld: wat je nu op deze pagina verstuurt, wordt niet verwerkt. Kopieer wat '
      + 'je typte, meld je opnieuw aan in Tasklist en laad deze pagina daarna opnieuw.';
    expired.appendChild(text);
    if (tasklist) {
      var link = document.createElement('a');
      link.href = tasklist.href;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = 'Opnieuw aanmelden (nieuw tabblad)';
      expired.appendChild(link);
    }
    var main = document.querySelector('main') || document.body;
    main.insertBefore(expired, main.firstChild);
  }

  function refresh() {
    if (document.hidden) {
      return;
    }
    // a redirect is the way to the login page: the session ended
    fetch(section.getAttribute('data-bron'), {credentials: 'same-origin', redirect: 'manual'})
      .then(function (response) {
        if (response.type === 'opaqueredirect' || response.status === 401) {
          sessionGone();
          return null;
        }
        if (expired) {
          expired.remove();
          expired = null;
        }
        return response.ok && !paused ? response.text() : null;
      })
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
  }
  setInterval(refresh, every);
  // back from another tab or program: at once, before anything is typed
  document.addEventListener('visibilitychange', refresh);
})();
