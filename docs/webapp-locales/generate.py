#!/usr/bin/env python3
"""Writes the Dutch locale (nl.json) of Camunda's Tasklist, Cockpit, Admin and welcome page.

Each nl.json is Camunda's en.json with every label translated: by its key in
nl-labels.json (where a text needs its own words in one place; "app:KEY" for one app only), else by its English text in
nl-texts.json (Cockpit and Admin repeat the same text under many keys), and Dutch dates
(dd-mm-jjjj). A label without a translation stays English rather than showing its key;
WebappLocalesTest names it. Run after a Camunda upgrade (LocaleFilesTest names new keys):

    python3 docs/webapp-locales/generate.py
"""
import glob
import json
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, '..', '..', 'src', 'main', 'resources', 'META-INF', 'resources', 'webjars', 'camunda', 'app')
APPS = ['tasklist', 'cockpit', 'admin', 'welcome']

DATE_LOCALES = {
    "calendar": {
        "lastDay": "[gisteren om] LT",
        "lastWeek": "[afgelopen] dddd [om] LT",
        "nextDay": "[morgen om] LT",
        "nextWeek": "dddd [om] LT",
        "sameDay": "[vandaag om] LT",
        "sameElse": "L"
    },
    "longDateFormat": {
        "LT": "HH:mm", "LTS": "HH:mm:ss",
        "L": "DD-MM-YYYY", "LL": "DD-MM-YYYY", "LLL": "DD-MM-YYYY HH:mm", "LLLL": "dddd DD-MM-YYYY HH:mm",
        "l": "DD-MM-YYYY", "ll": "DD-MM-YYYY", "lll": "DD-MM-YYYY HH:mm", "llll": "dd DD-MM-YYYY HH:mm"
    },
    "months": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
               "oktober", "november", "december"],
    "monthsShort": ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
    "relativeTime": {
        "M": "een maand", "MM": "%d maanden", "d": "een dag", "dd": "%d dagen", "future": "over %s",
        "h": "een uur", "hh": "%d uur", "m": "een minuut", "mm": "%d minuten", "past": "%s geleden",
        "s": "een paar seconden", "y": "een jaar", "yy": "%d jaar"
    },
    "week": {"dow": 1, "doy": 4},
    "weekdays": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
    "weekdaysMin": ["zo", "ma", "di", "wo", "do", "vr", "za"],
    "weekdaysShort": ["zo.", "ma.", "di.", "wo.", "do.", "vr.", "za."]
}


def webjar():
    jars = glob.glob(os.path.expanduser('~/.m2/repository/org/camunda/bpm/webapp/camunda-webapp-webjar/*/camunda-webapp-webjar-*.jar'))
    return sorted(jars)[-1]


def main():
    labels = json.load(open(os.path.join(HERE, 'nl-labels.json'), encoding='utf-8'))
    texts = json.load(open(os.path.join(HERE, 'nl-texts.json'), encoding='utf-8'))
    with zipfile.ZipFile(webjar()) as jar:
        for app in APPS:
            english = json.loads(jar.read(f'META-INF/resources/webjars/camunda/app/{app}/locales/en.json').decode('utf-8-sig'))
            dutch = dict(english)
            # "admin:KEY" where one app uses the key for other English than the rest
            dutch['labels'] = {key: labels.get(f'{app}:{key}', labels.get(key, texts.get(value, value)))
                               for key, value in english['labels'].items()}
            if 'dateLocales' in english:
                dutch['dateLocales'] = DATE_LOCALES
            folder = os.path.join(TARGET, app, 'locales')
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, 'nl.json'), 'w', encoding='utf-8') as out:
                json.dump(dutch, out, ensure_ascii=False, indent=2, sort_keys=True)
                out.write('\n')
            done = sum(1 for k, v in english['labels'].items() if k in labels or v in texts)
            print(f'{app}: {done} of {len(english["labels"])} labels in Dutch')


if __name__ == '__main__':
    main()
