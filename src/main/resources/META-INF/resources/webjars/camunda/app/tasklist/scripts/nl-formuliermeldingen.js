// HomePair: the messages that Camunda Forms (form-js) shows next to a field, in Dutch.
// form-js has no translations of its own; this rewrites its English messages as they
// appear. Loaded by config.js (customScripts).
const MESSAGES = [
  [/^Field is required\.$/, () => 'Vul dit veld in.'],
  [/^Field must be a valid email\.$/, () => 'Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.'],
  [/^Field must be a valid\s+international phone number\..*$/, () => 'Vul een geldig internationaal telefoonnummer in, bijvoorbeeld +31201234567.'],
  [/^Field must have minimum length of (\d+)\.$/, (m) => `Vul minstens ${m[1]} tekens in.`],
  [/^Field must have maximum length of (\d+)\.$/, (m) => `Gebruik hoogstens ${m[1]} tekens.`],
  [/^Field must have minimum value of (.+)\.$/, (m) => `Vul een waarde van minstens ${m[1]} in.`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `Vul een waarde van hoogstens ${m[1]} in.`],
  [/^Field must match pattern (.+)\.$/, () => 'Deze invoer heeft niet de juiste vorm.'],
  // a date-time field with only one of its two halves filled in
  [/^Date and time must both be entered\.$/, () => 'Vul zowel de datum als het tijdstip in.']
];

function translate(node) {
  const text = node.nodeValue && node.nodeValue.trim();
  if (!text || !(text.startsWith('Field ') || text.startsWith('Date '))) {
    return;
  }
  for (const [pattern, dutch] of MESSAGES) {
    const match = text.match(pattern);
    if (match) {
      node.nodeValue = dutch(match);
      return;
    }
  }
}

function translateAll(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    translate(node);
  }
}

new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.type === 'characterData') {
      translate(change.target);
    }
    change.addedNodes.forEach((node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        translate(node);
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        translateAll(node);
      }
    });
  }
}).observe(document.documentElement, {childList: true, subtree: true, characterData: true});

export default [];
