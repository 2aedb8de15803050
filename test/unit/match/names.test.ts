import { describe, expect, it } from 'vitest';
import { nameTokens, namesMatch } from '../../../src/core/match/index.js';

function match(payer: string, billing: string): boolean {
  return namesMatch(nameTokens(payer), nameTokens(billing), 0.75, 2);
}

describe('names', () => {
  it('normalises case, accents, apostrophes and separators', () => {
    expect(nameTokens("  Ndung'u  josé-MARÍA ch*acha ")).toEqual(['NDUNGU', 'JOSE', 'MARIA', 'CHACHA']);
  });

  it.each([
    ['JANE WANJIKU', 'Jane Wanjiku'],
    ['WANJIKU JANE', 'Jane Wanjiku'],
    ['JOSE KAMAU', 'José Kamau'],
    ['JOHN KAMAU', 'John Mwangi Kamau'],
    ['JOHN MWANGI', 'John Mwangi Kamau'],
    ['J KAMAU', 'John Kamau'],
    ['JOHN KAMAU', 'J. Kamau'],
    ['PETER NDUNG\'U', 'Peter Ndungu'],
    ['WANUME', 'Wanume'],
  ])('%s matches billing name %s', (payer, billing) => {
    expect(match(payer, billing)).toBe(true);
  });

  it.each([
    ['JOHN KAMAU', 'Mary Kamau'],
    ['JOHN KAMAU', 'John Otieno'],
    ['J K', 'John Kamau'],
    ['JOHN KAMAU', ''],
    ['', 'John Kamau'],
    ['JOHN KAMAU', 'Jonathan Kamau Otieno'],
  ])('%s does not match billing name %s', (payer, billing) => {
    expect(match(payer, billing)).toBe(false);
  });
});
