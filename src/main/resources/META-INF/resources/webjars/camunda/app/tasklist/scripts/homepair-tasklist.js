// HomePair: Tasklist's list of saved filters and of tasks, as handlers need them (R15).
//  - Every filter shows how many tasks it holds. Tasklist 7.24 counts only the chosen filter
//    (its template shows the counter under ng-show="isFocused(filter)" and loads the filters
//    with itemCount=false); no filter property changes that. The counts come from one
//    GET .../filter?itemCount=true, which counts every filter: with 100,000 open cases that
//    is seconds of database work (README, Benchmark). It is fetched when Tasklist opens, at
//    once after the person changed a task (claim, complete, ...) or a filter, and otherwise at most once
//    a minute while the page is in view: Tasklist reloads the chosen filter's list every
//    10 s (refresh=true, engine/TasklistFilters), and counting all filters that often, in
//    every open tab, kept the database busy. The chosen filter's own count is Tasklist's,
//    fresh with its list.
//  - A Tasklist out of view (another tab, a minimised window) does not reload its list: it
//    broadcasts "refresh" every 10 s, which reloads the chosen filter's list and its count
//    (seconds of database work with 100,000 open cases, in every open tab); the broadcasts
//    are skipped while the page is hidden, and one is sent when it comes back into view.
//  - The list is sorted by deadline, earliest first, unless the address says otherwise:
//    Tasklist's own default is creation date, newest first, whatever the filter's sorting.
//    The person can still sort by creation date ("Aanmaakdatum") or anything else.
define(['angular'], function (angular) {
  'use strict';

  // deadlines fall at the end of a working day, so many tasks share one: the oldest task goes first
  // among them, and the order stays the same from one page of the list to the next
  var BY_DEADLINE = JSON.stringify([{sortBy: 'dueDate', sortOrder: 'asc'}, {sortBy: 'created', sortOrder: 'asc'}]);

  var module = angular.module('homepair.tasklist', []);

  module.config(['$provide', function ($provide) {
    $provide.decorator('camTasklistFiltersDirective', ['$delegate', function (directives) {
      var directive = directives[0];
      var counter = /<span ng-show="isFocused\(filter\)"\s+class="counter">\{\{ filterCount \}\}<\/span>/;
      if (!counter.test(directive.template)) {
        // a Camunda upgrade changed the template: Tasklist keeps its own counter
        window.console.warn('HomePair: filter counts not shown, Tasklist\'s filter template changed');
        return directives;
      }
      directive.template = directive.template
        .replace(counter, '<span class="counter" ng-show="countOf(filter) !== undefined">{{ countOf(filter) }}</span>')
        .replace('class="list-unstyled">', 'class="list-unstyled" homepair-filter-counts>');
      return directives;
    }]);
  }]);

  // how old the other filters' counts may get while the page is in view
  var COUNTS_MAX_AGE_MS = 60000;

  // when this page last changed a task or a filter (claim, complete, assign, ...): the counts are stale from then on
  var countsChangedAt = 0;
  var COUNTS_CHANGED = 'homepair:counts-changed';
  // .../task/{id}/claim, /complete, /submit-form, /assignee, ... and .../task/create, not the task
  // queries; and a filter created, changed or deleted (.../filter/create, .../filter/{id}), not its
  // list or count
  var CHANGES_COUNTS = /\/task\/(?!count(\?|$))[^/?]+(\/|\?|$)|\/filter\/[^/?]+(\?|$)/;

  // Tasklist changes tasks through the Camunda SDK's own HTTP client, not Angular's $http: the
  // requests themselves are watched, whatever sends them
  module.run(['$rootScope', function ($rootScope) {
    var open = window.XMLHttpRequest.prototype.open;
    window.XMLHttpRequest.prototype.open = function (method, url) {
      if (String(method).toUpperCase() !== 'GET' && CHANGES_COUNTS.test(String(url))) {
        this.addEventListener('load', function () {
          if (this.status < 400) {
            countsChangedAt = Date.now();
            $rootScope.$applyAsync(function () {
              $rootScope.$broadcast(COUNTS_CHANGED);
            });
          }
        });
      }
      return open.apply(this, arguments);
    };
  }]);

  // linked on the filter list's own (isolate) scope, so countOf is seen by every filter row
  module.directive('homepairFilterCounts', ['$http', '$document', 'Uri', function ($http, $document, Uri) {
    return {
      restrict: 'A',
      link: function (scope) {
        var counts = {};
        var loading = false;
        var again = false;
        var loadedAt = 0;
        var doc = $document[0];

        function stale() {
          return loadedAt === 0 || countsChangedAt >= loadedAt || Date.now() - loadedAt >= COUNTS_MAX_AGE_MS;
        }

        // called whenever Tasklist (re)loads the filters or the chosen filter's list
        function refresh() {
          if (!doc.hidden && stale()) {
            load();
          }
        }

        function load() {
          if (loading) {
            again = true;
            return;
          }
          loading = true;
          loadedAt = Date.now();
          $http.get(Uri.appUri('engine://engine/:engine/filter'), {params: {resourceType: 'Task', itemCount: true}})
            .then(function (response) {
              var fresh = {};
              response.data.forEach(function (filter) {
                fresh[filter.id] = filter.itemCount;
              });
              counts = fresh;
            })
            .catch(function () {
              // keeps the last counts; the next reload of the list tries again
              loadedAt = 0;
            })
            .finally(function () {
              loading = false;
              if (again) {
                again = false;
                refresh();
              }
            });
        }

        scope.countOf = function (filter) {
          // the chosen filter's count is the one Tasklist just loaded with its list
          if (scope.isFocused(filter) && scope.filterCount !== undefined) {
            return scope.filterCount;
          }
          return counts[filter.id];
        };
        scope.filtersData.observe('filters', refresh);
        scope.filtersData.observe('taskList', refresh);
        scope.$on(COUNTS_CHANGED, refresh);
        // back in view after a while: the counts may be old
        function onVisible() {
          scope.$evalAsync(refresh);
        }
        doc.addEventListener('visibilitychange', onVisible);
        scope.$on('$destroy', function () {
          doc.removeEventListener('visibilitychange', onVisible);
        });
      }
    };
  }]);

  // Tasklist's app controller broadcasts "refresh" on the root scope every 10 s
  module.run(['$rootScope', '$document', function ($rootScope, $document) {
    var doc = $document[0];
    var broadcast = $rootScope.$broadcast;
    var missed = false;
    $rootScope.$broadcast = function (name) {
      if (name === 'refresh' && doc.hidden) {
        missed = true;
        return {name: name, defaultPrevented: false};
      }
      return broadcast.apply(this, arguments);
    };
    doc.addEventListener('visibilitychange', function () {
      if (!doc.hidden && missed) {
        missed = false;
        $rootScope.$applyAsync(function () {
          $rootScope.$broadcast('refresh');
        });
      }
    });
  }]);

  module.run(['$rootScope', '$location', function ($rootScope, $location) {
    $rootScope.$on('$locationChangeStart', function () {
      if ($location.path() === '/' && !$location.search().sorting) {
        $location.search('sorting', BY_DEADLINE).replace();
      }
    });
  }]);

  return module;
});
