// HomePair: what Tasklist, Cockpit, Admin and the welcome page share, as an AngularJS module
// that each app's config.js loads (requireJsConfig, ngDeps 'homepair.webapps').
//  - Dutch for everyone, whatever the browser's language; English stays one click away in the
//    user menu ("English" / "Nederlands"), remembered in this browser.
//  - Dates as dd-mm-jjjj in Amsterdam time (the office's, the mails' and /zaken's), also on a
//    laptop set to another zone. The formats are config.js's dateFormat, applied here once
//    more because Cockpit overrides them with its own (ISO 'YYYY-MM-DD[T]HH:mm:ss'); the
//    patterns behind 'L', 'LLL' are locales/nl.json's dateLocales.
define(['angular'], function (angular) {
  'use strict';

  var CHOICE = 'homepair-language';
  var LANGUAGES = ['nl', 'en'];
  var ZONE = 'Europe/Amsterdam';

  function chosenLanguage() {
    try {
      var chosen = window.localStorage.getItem(CHOICE);
      return LANGUAGES.indexOf(chosen) >= 0 ? chosen : 'nl';
    } catch (storageRefused) {
      return 'nl';
    }
  }

  var wallClock = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit'
  });

  /** A Date whose local fields are Amsterdam's wall clock at that moment, for moment to format. */
  function inAmsterdam(value) {
    var date = value instanceof Date ? value
      : typeof value === 'number' ? new Date(value)
      // the engine writes offsets as +0100, which Date parses only as +01:00
      : new Date(String(value).replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
    if (isNaN(date.getTime())) {
      return value;
    }
    var part = {};
    wallClock.formatToParts(date).forEach(function (p) {
      part[p.type] = p.value;
    });
    return new Date(+part.year, +part.month - 1, +part.day, +part.hour, +part.minute, +part.second,
      date.getMilliseconds());
  }

  var module = angular.module('homepair.webapps', []);

  // Camunda's pages say lang="en" whatever they show: a screen reader would read the Dutch texts with an English voice
  document.documentElement.setAttribute('lang', chosenLanguage());

  // runs after the app's own config, which picked the browser's language
  module.config(['$translateProvider', function ($translateProvider) {
    $translateProvider.preferredLanguage(chosenLanguage());
  }]);

  module.config(['$injector', function ($injector) {
    if ($injector.has('camDateFormatProvider') && $injector.has('configurationProvider')) {
      var formats = $injector.get('camDateFormatProvider');
      var configuration = $injector.get('configurationProvider');
      ['monthName', 'day', 'abbr', 'normal', 'long', 'short'].forEach(function (name) {
        formats.setDateFormat(configuration.getDateFormat(name), name);
      });
    }
  }]);

  module.config(['$provide', function ($provide) {
    $provide.decorator('camDateFilter', ['$delegate', function (camDate) {
      return function (value, format) {
        return value ? camDate(inAmsterdam(value), format) : camDate(value, format);
      };
    }]);
    $provide.decorator('camWidgetHeaderDirective', ['$delegate', function (directives) {
      directives[0].template = directives[0].template.replace('<li class="logout">',
        '<li class="language-choice" homepair-language-choice></li>\n<li class="divider"></li>\n<li class="logout">');
      return directives;
    }]);
    // the one heading of Camunda's variables table that is written in its template, not translated
    $provide.decorator('camWidgetVariablesTableDirective', ['$delegate', function (directives) {
      directives[0].template = directives[0].template.replace(/(<td class="actions"\s+ng-if="editable.length">\s*)Actions(\s*<\/td>)/,
        '$1' + (chosenLanguage() === 'nl' ? 'Acties' : 'Actions') + '$2');
      return directives;
    }]);
    // Cockpit's incidents tab names the incident type in code ("Failed Job"); its search has labels for them
    if (window.location.pathname.indexOf('/app/cockpit/') >= 0) {
      $provide.decorator('incidentsTabDirective', ['$delegate', function (directives) {
        directives[0].template = directives[0].template.replace('{{ getIncidentType(incident) }}',
          '{{ incident.incidentType === \'failedJob\' ? (\'PLGN_SEAR_FAILED_JOB\' | translate)'
          + ' : incident.incidentType === \'failedExternalTask\' ? (\'PLGN_SEAR_FAILED_EXT_TASK\' | translate)'
          + ' : getIncidentType(incident) }}');
        return directives;
      }]);
    }
    $provide.decorator('camWidgetFooterDirective', ['$delegate', function (directives) {
      directives[0].template = directives[0].template.replace('{{timezoneName}}', ZONE);
      return directives;
    }]);
  }]);

  module.directive('homepairLanguageChoice', ['$window', function ($window) {
    return {
      restrict: 'A',
      template: '<a href ng-click="choose()" lang="{{ other }}">{{ name }}</a>',
      scope: {},
      link: function (scope) {
        scope.other = chosenLanguage() === 'nl' ? 'en' : 'nl';
        // each language named in itself
        scope.name = scope.other === 'en' ? 'English' : 'Nederlands';
        scope.choose = function () {
          $window.localStorage.setItem(CHOICE, scope.other);
          $window.location.reload();
        };
      }
    };
  }]);

  return module;
});
