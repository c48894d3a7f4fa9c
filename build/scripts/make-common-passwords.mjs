// Node (build, run by hand). Writes resources/common-passwords.txt, the offline list of common passwords
// that main's password policy refuses (electron/core/auth/password-policy.ts). Run it again only to
// refresh the list after upgrading the packages below: `node build/scripts/make-common-passwords.mjs`.
// The output is committed; the app never reads these packages at run time.
//
// Where the entries come from (all read from installed devDependencies, no network):
// - @zxcvbn-ts/language-common (MIT, © zxcvbn-ts contributors): its `passwords-common` dictionary,
//   about 49,000 passwords ranked by frequency in public leaks. It already holds many French ones
//   (azerty, motdepasse, soleil, marseille, jetaime…).
// - @zxcvbn-ts/language-fr (MIT, © zxcvbn-ts contributors):
//   - `commonWords-fr`, French words by frequency, of which we keep words of 6 letters or more.
//     The package derives them from OpenSubtitles 2024 via OPUS (Helsinki-NLP), licensed ODC-BY
//     (Open Data Commons Attribution): the attribution is repeated in the header of the generated file.
//   - its small thematic lists (days, months, seasons, colours, planets, signs of the zodiac…),
//     words of 4 letters or more: classic stems for "janvier2024" and the like.
//   - French first names of 4 letters or more. In 4.1.2 the `firstnames-fr` and `lastnames-fr` keys are
//     swapped (the "firstnames" list holds surnames), so we take whichever list holds known first names.
// - FRENCH_EXTRA below: a short curated list of very common French passwords that the packages lack.
//
// Every French word is added both as written and without its accents ("été" and "ete"), since
// people often type passwords without them.
//
// Format: UTF-8, one entry per line, NFKC + lower-cased, deduplicated, sorted by code point, after a
// header of lines starting with "#" (the loader skips them). Entries starting with "#" are dropped: the
// only one in the sources is "#name?", a spreadsheet error, not a password.
import fs from 'node:fs';
import path from 'node:path';
import * as common from '@zxcvbn-ts/language-common';
import * as french from '@zxcvbn-ts/language-fr';

const root = path.resolve(import.meta.dirname, '../..');
const output = path.join(root, 'resources/common-passwords.txt');

/**
 * Curated: frequent French passwords missing from the packages (checked by hand against them).
 * Keep this short; anything here must be a real, common French password or password stem.
 */
const FRENCH_EXTRA = [
  'doudou',
  'doudou1',
  'doudou123',
  'bisounours',
  'jetaimemonamour',
  'motdepasse123',
  'azerty123456',
  'allezlom',
  'allezparis',
  'bonjour123',
  'coucou123',
  'marseille13',
  'loulou123',
  'chouchou123',
  'soleil123',
  'macherie',
  'moncheri',
  'bienvenue',
  'bienvenue1',
  'bienvenue123',
  'changezmoi',
  'administrateur',
  'utilisateur',
  'atelier',
  'atelier123',
  'maintenance1',
  'gmao',
  'gmao123',
  'gmaoatelier',
];

const normalise = (word) => word.normalize('NFKC').toLowerCase().trim();
const stripAccents = (word) => word.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFKC');
const isWord = (word, minLetters) => /^\p{L}+$/u.test(word) && [...word].length >= minLetters;

const entries = new Set();
const counts = {};
function add(source, word) {
  const value = normalise(word);
  if (value === '' || value.startsWith('#') || /[\r\n]/.test(value)) return;
  const before = entries.size;
  entries.add(value);
  counts[source] = (counts[source] ?? 0) + entries.size - before;
}
function addFrench(source, words, minLetters) {
  for (const raw of words) {
    const word = normalise(raw).replace(/[-'’ ]/g, '');
    if (!isWord(word, minLetters)) continue;
    add(source, word);
    add(source, stripAccents(word));
  }
}

for (const password of common.dictionary['passwords-common']) add('passwords-common', password);

addFrench('commonWords-fr (≥ 6 letters)', french.dictionary['commonWords-fr'], 6);

const THEMATIC = Object.keys(french.dictionary).filter(
  (key) => key.endsWith('-fr') && !['commonWords-fr', 'firstnames-fr', 'lastnames-fr', 'wikipedia-fr'].includes(key),
);
for (const key of THEMATIC) addFrench('thematic -fr lists (≥ 4 letters)', french.dictionary[key], 4);

const KNOWN_FIRST_NAMES = ['julien', 'nathalie', 'nicolas', 'camille'];
const firstNames = ['firstnames-fr', 'lastnames-fr']
  .map((key) => french.dictionary[key])
  .find((list) => KNOWN_FIRST_NAMES.every((name) => list.includes(name)));
if (!firstNames) throw new Error('No list of French first names found in @zxcvbn-ts/language-fr');
addFrench('French first names (≥ 4 letters)', firstNames, 4);

for (const password of FRENCH_EXTRA) add('curated French (FRENCH_EXTRA)', password);

const sorted = [...entries].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
if (sorted.length < 10_000) throw new Error(`Only ${sorted.length} entries: the policy promises at least 10,000`);

const versions = ['@zxcvbn-ts/language-common', '@zxcvbn-ts/language-fr'].map((name) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  return `${name}@${manifest.version} (${manifest.license})`;
});
const header = [
  '# Common passwords refused by GMAO Atelier. Generated by build/scripts/make-common-passwords.mjs: do not edit by hand.',
  `# Sources: ${versions.join(', ')}, and a short curated French list.`,
  '# French common words derived by @zxcvbn-ts/language-fr from OpenSubtitles 2024 via OPUS (https://opus.nlpl.eu/),',
  '# Helsinki-NLP, licensed ODC-BY (Open Data Commons Attribution License); original data attributed to subtitle',
  '# contributors and rights holders.',
  '# One entry per line, NFKC + lower-cased, sorted; lines starting with "#" are comments.',
];
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, `${header.join('\n')}\n${sorted.join('\n')}\n`, 'utf8');

console.log(`wrote ${path.relative(root, output)}: ${sorted.length} entries, ${fs.statSync(output).size} bytes`);
for (const [source, added] of Object.entries(counts)) console.log(`  ${source}: ${added} new`);
