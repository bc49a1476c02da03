// HomePair: the web applications in Dutch for everyone, whatever the browser's language
// (locales/nl.json, made by docs/webapp-locales/generate.py; dates dd-mm-jjjj in Amsterdam
// time). English stays available: "English" in the user menu switches this browser to it
// (../homepair/webapps.js, which also sets the language, as the browser's may be English).
export default {
  locales: {
    availableLocales: ['nl', 'en'],
    fallbackLocale: 'nl'
  },
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'lll',
    normal: 'LLL',
    long: 'LLLL',
    short: 'L'
  },
  disableWelcomeMessage: true,
  // AngularJS modules (paths from app/tasklist/)
  requireJsConfig: {
    deps: ['homepair-webapps', 'homepair-tasklist'],
    paths: {'homepair-webapps': '../homepair/webapps', 'homepair-tasklist': 'scripts/homepair-tasklist'},
    ngDeps: ['homepair.webapps', 'homepair.tasklist']
  },
  // Camunda Forms' messages next to a field, in Dutch
  customScripts: ['scripts/nl-formuliermeldingen'],
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'pakt de gekozen taak op'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'naar het eerste filter in de lijst'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'naar de eerste taak in de lijst'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'naar het eerste veld van het formulier'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opent het venster om een brief of telefoontje te registreren'
    }
  }
};
