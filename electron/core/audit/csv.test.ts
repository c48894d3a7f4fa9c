// The CSV writer: what French Excel needs (BOM, ";", CRLF), RFC 4180 quoting, and formula defusing.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, toCsv } from './csv';

describe('csvCell', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvCell('Connexion réussie')).toBe('Connexion réussie');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('a,b')).toBe('a,b'); // a comma is not our separator
  });

  it('quotes separators, quotes and line breaks, doubling inner quotes (RFC 4180)', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('il a dit "non"')).toBe('"il a dit ""non"""');
    expect(csvCell('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(csvCell('ligne 1\r\nligne 2')).toBe('"ligne 1\r\nligne 2"');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+33 6 12', "'+33 6 12"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
  ])('defuses %j, which a spreadsheet would run as a formula', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('defuses then quotes when both are needed', () => {
    expect(csvCell('=HYPERLINK("http://x";"clic")')).toBe('"\'=HYPERLINK(""http://x"";""clic"")"');
    expect(csvCell('\rx')).toBe('"\'\rx"');
  });

  it('does not touch a formula character that is not first', () => {
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('toCsv', () => {
  it('writes a BOM, a header line, then one CRLF-terminated line per row', () => {
    const text = toCsv(['Date et heure', 'Événement'], [
      ['21/11/2026 14:03:12', 'Connexion réussie'],
      ['21/11/2026 14:05:00', 'Échec; de connexion'],
    ]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toBe('\uFEFFDate et heure;Événement\r\n21/11/2026 14:03:12;Connexion réussie\r\n21/11/2026 14:05:00;"Échec; de connexion"\r\n');
    // UTF-8 bytes start with EF BB BF, which is what tells Excel the encoding.
    expect([...Buffer.from(text, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('accepts any iterable of rows (a generator streaming from the database)', () => {
    function* rows() {
      yield ['1'];
      yield ['2'];
    }
    expect(toCsv(['N°'], rows())).toBe('\uFEFFN°\r\n1\r\n2\r\n');
    expect(csvLine(['a', null, 3])).toBe('a;;3\r\n');
  });
});
