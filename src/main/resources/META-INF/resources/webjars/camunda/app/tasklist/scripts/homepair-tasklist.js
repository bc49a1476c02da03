// HomePair: Tasklist's list of saved filters and of tasks, as handlers need them (R15).
//  - Every filter shows how many tasks it holds. Tasklist 7.24 counts only the chosen filter
//    (its template shows the counter under ng-show="isFocused(filter)" and loads the filters
//    with itemCount=false); no filter property changes that. The counts come from one
//    GET .../filter?itemCount=true, fetched again whenever Tasklist reloads the chosen
//    filter's list: after a claim or completion, and every 10 s for filters with refresh=true
//    (all of ours, engine/TasklistFilters).
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

  // linked on the filter list's own (isolate) scope, so countOf is seen by every filter row
  module.directive('homepairFilterCounts', ['$http', 'Uri', function ($http, Uri) {
    return {
      restrict: 'A',
      link: function (scope) {
        var counts = {};
        var loading = false;
        var again = false;

        function load() {
          if (loading) {
            again = true;
            return;
          }
          loading = true;
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
            })
            .finally(function () {
              loading = false;
              if (again) {
                again = false;
                load();
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
        scope.filtersData.observe('filters', load);
        scope.filtersData.observe('taskList', load);
      }
    };
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
