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
  // AngularJS modules (paths from app/admin/)
  requireJsConfig: {
    deps: ['homepair-webapps'],
    paths: {'homepair-webapps': '../homepair/webapps'},
    ngDeps: ['homepair.webapps']
  }
};
