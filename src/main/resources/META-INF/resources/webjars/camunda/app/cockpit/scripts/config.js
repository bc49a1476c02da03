// HomePair: the web applications in Dutch for everyone, whatever the browser's language
// (locales/nl.json, made by docs/webapp-locales/generate.py; dates dd-mm-jjjj). Camunda's
// English (locales/en.json) stays shipped: add 'en' to availableLocales to give browsers
// set to English the English screens.
export default {
  locales: {
    availableLocales: ['nl'],
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
  disableWelcomeMessage: true
};
